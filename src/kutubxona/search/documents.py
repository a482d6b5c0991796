"""What of a record is searched, field by field, as the folded words the index holds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kutubxona.catalog.marc.extract import subfields
from kutubxona.catalog.models import Record
from kutubxona.core.text import loose_tokens

# MARC tags read into each field besides the record's own columns (title, author, ISBNs, UDC, BBK).
TITLE_TAGS = {"130": "a", "240": "a", "246": "ab", "490": "a", "773": "t"}
AUTHOR_TAGS = {"100": "aq", "110": "ab", "111": "a", "700": "aq", "710": "ab", "711": "a"}
SUBJECT_TAGS = {tag: "abcdvxyz" for tag in ("600", "610", "611", "630", "650", "651", "653", "655")}
NOTE_TAGS = {"250": "a", "260": "ab", "264": "ab", "500": "a", "505": "agrt", "520": "a", "773": "a"}
MAX_FIELD = 4000  # characters of folded words kept per field
# Characters of full-text words kept per record. Each distinct word is kept once, in the order it
# first appears: a 500-page book (about a million characters) has some 20-40,000 distinct word
# forms, 200-300,000 characters, so its whole vocabulary fits and a word of its last page is
# found, while a shelf of huge files cannot swell one index row (or PostgreSQL's 1 MB tsvector).
MAX_FULLTEXT = 300_000


@dataclass(slots=True)
class Document:
    record_id: int
    institution_id: int
    title: str
    author: str
    subject: str
    notes: str
    codes: str
    fulltext: str = ""

    def fields(self) -> dict[str, str]:
        """The fields ranked (the full text is not: `ranking.score` infers it)."""
        return {
            "title": self.title,
            "author": self.author,
            "subject": self.subject,
            "notes": self.notes,
            "codes": self.codes,
        }


def _words(*texts: str) -> str:
    return " ".join(loose_tokens(" ".join(text for text in texts if text)))[:MAX_FIELD]


def _from_tags(by_tag: dict[str, list[Any]], tags: dict[str, str]) -> list[str]:
    found: list[str] = []
    for tag, codes in tags.items():
        for field in by_tag.get(tag, []):
            if isinstance(field, dict):
                found.extend(subfields(field, *codes))
    return found


def fulltext_words(texts: Iterable[str]) -> str:
    """The distinct folded words of the texts, in order of first appearance, up to MAX_FULLTEXT."""
    seen: dict[str, None] = {}
    size = 0
    for text in texts:
        for word in loose_tokens(text):
            if word not in seen:
                size += len(word) + 1
                if size > MAX_FULLTEXT:
                    return " ".join(seen)
                seen[word] = None
    return " ".join(seen)


def document(record: Record, texts: Iterable[str] = (), *, fulltext: str | None = None) -> Document:
    """`texts`: the texts of the record's full-text files; or `fulltext`, their words folded
    already (`fulltext_words`: the indexer carries them over when only the description changed)."""
    by_tag: dict[str, list[Any]] = {}
    for item in record.marc.get("fields", []):
        for tag, value in item.items():
            by_tag.setdefault(tag, []).append(value)
    return Document(
        record_id=record.pk,
        institution_id=record.institution_id,
        title=_words(record.title, *_from_tags(by_tag, TITLE_TAGS)),
        author=_words(record.author, record.responsibility, *_from_tags(by_tag, AUTHOR_TAGS)),
        subject=_words(*_from_tags(by_tag, SUBJECT_TAGS)),
        notes=_words(*_from_tags(by_tag, NOTE_TAGS)),
        codes=" ".join((record.isbns, _words(record.udc, record.bbk))).strip(),
        fulltext=fulltext_words(texts) if fulltext is None else fulltext,
    )
