"""Where a search's words are in a file's text: the page, a short snippet, the words marked.

`FullText.text` holds a file's pages separated by form feeds. The words are compared folded
(`loose_tokens`, as the index holds them), so "Самарқанд" in the text is marked for "samarkand";
the raw words are kept for display. Folding costs about half a second a million characters, so a
result card looks for its snippet in the first SNIPPET_BUDGET characters of a file only.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kutubxona.core.text import loose_tokens

PAGE_BREAK = "\f"
SNIPPET_BUDGET = 200_000  # characters of a file's text read to find a result card's snippet
# Characters of a file's text a reading-page request folds looking for the words (~0.2 s): past
# it the page says where it stopped and "next page with the words" goes on from there.
READ_BUDGET = 400_000
AROUND = 8  # words shown each side of the first match
# A word as written: letters and digits, with the apostrophes of o‘ g‘ and the tutuq inside.
_RAW_WORD = re.compile(r"[^\W_]+(?:['‘’ʻʼ`´][^\W_]+)*")


@dataclass
class Found:
    page: int  # 1-based
    snippet: SafeString


def pages_of(text: str) -> list[str]:
    return text.split(PAGE_BREAK) if text else []


@functools.lru_cache(maxsize=20_000)
def _folded(raw: str) -> tuple[str, ...]:
    return tuple(loose_tokens(raw))


def _hit(tokens: tuple[str, ...] | list[str] | set[str], words: list[str]) -> bool:
    return any(
        token == word or (len(word) >= 3 and token.startswith(word)) for token in tokens for word in words
    )


def scan(
    pages: list[str], words: list[str], *, start: int = 1, budget: int | None = None
) -> tuple[int | None, int | None]:
    """(the first page from `start`, 1-based, holding one of the folded `words`, or None; the
    page the scan stopped at when `budget` characters were folded before the end, or None)."""
    if not words:
        return None, None
    read = 0
    for number in range(max(start, 1), len(pages) + 1):
        page = pages[number - 1]
        if _hit(set(loose_tokens(page)), words):
            return number, None
        read += len(page)
        if budget is not None and read >= budget and number < len(pages):
            return None, number
    return None, None


def first_page(
    pages: list[str], words: list[str], *, start: int = 1, budget: int | None = None
) -> int | None:
    """The first page (from `start`, 1-based) holding one of the folded `words`; None if none
    (or none within `budget` characters)."""
    return scan(pages, words, start=start, budget=budget)[0]


def _marked(text: str, words: list[str]) -> str:
    """`text` escaped, the raw words matching `words` in <mark>."""
    out: list[str] = []
    last = 0
    for found in _RAW_WORD.finditer(text):
        if _hit(_folded(found.group()), words):
            out.append(escape(text[last : found.start()]))
            out.append(f"<mark>{escape(found.group())}</mark>")
            last = found.end()
    out.append(escape(text[last:]))
    return "".join(out)


def highlight(text: str, words: list[str]) -> SafeString:
    return mark_safe(_marked(text, words) if words else escape(text))


def snippet(page: str, words: list[str], around: int = AROUND) -> SafeString:
    """A few words either side of the first match on the page, the matches marked."""
    spans = list(_RAW_WORD.finditer(page))
    first = next((i for i, found in enumerate(spans) if _hit(_folded(found.group()), words)), None)
    if first is None:
        return mark_safe("")
    start_word, end_word = max(0, first - around), min(len(spans) - 1, first + around)
    start, end = spans[start_word].start(), spans[end_word].end()
    text = " ".join(page[start:end].split())
    before = "… " if start_word > 0 else ""
    after = " …" if end_word < len(spans) - 1 else ""
    return mark_safe(before + _marked(text, words) + after)


def find(text: str, words: list[str], budget: int | None = SNIPPET_BUDGET) -> Found | None:
    """The first page of `text` with one of `words` and its snippet (within `budget` characters)."""
    pages = pages_of(text)
    number = first_page(pages, words, budget=budget)
    if number is None:
        return None
    return Found(number, snippet(pages[number - 1], words))
