"""The columns a record is searched, matched, counted and listed by, taken from its MARC 21.

One pass over the fields, and one call of `fold()` for all the text keys, since these run for
every record of a million-record import.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from kutubxona.catalog.marc.isbn import normalize as normalize_isbn
from kutubxona.catalog.marc.json import MarcJson
from kutubxona.core.text import fold

_TRAILING = " /:;,=+"
# A final period is ISBD punctuation, except after an initial ("Qodiriy A.", "М.І.").
_INITIAL_AT_END = re.compile(r"(?:^|[\s.])[^\W\d_]\.$")
_YEAR = re.compile(r"(1[0-9]{3}|20[0-9]{2})")
_WORDS = re.compile(r"[^\W_]+")
# Joins the pieces folded in one call; fold() keeps it (it is no space, letter or apostrophe).
_SEPARATOR = "\u2016"
TITLE_MAX, AUTHOR_MAX, KEY_MAX = 1000, 255, 255
# The local field of an analytic record's card index: $a purpose code, $d day described (YYYYMMDD).
PURPOSE_TAG = "969"
ANALYTIC_PURPOSES = frozenset({"professional", "press_chronicle", "national_documents", "local_history"})


@dataclass(slots=True)
class Columns:
    control_number: str = ""
    control_number_source: str = ""
    title: str = ""
    responsibility: str = ""
    author: str = ""
    year: int | None = None
    isbns: list[str] = field(default_factory=list)
    language: str = ""
    udc: str = ""
    bbk: str = ""
    record_type: str = ""
    bibliographic_level: str = ""
    search_key: str = ""
    match_key: str = ""
    analytic_purpose: str = ""
    described_on: datetime.date | None = None

    @property
    def isbn(self) -> str:
        """The first valid ISBN, the one matched on."""
        return self.isbns[0] if self.isbns else ""


def _clean(text: str) -> str:
    text = " ".join(text.split()).strip(_TRAILING)
    while text.endswith(".") and not _INITIAL_AT_END.search(text):
        text = text[:-1].rstrip(_TRAILING)
    return text


FieldJson = dict[str, Any]


def subfields(field: FieldJson | None, *codes: str) -> list[str]:
    """The values of the subfields `codes` of a MARC-in-JSON data field, in order."""
    if field is None:
        return []
    return [value for sub in field["subfields"] for code, value in sub.items() if code in codes]


_TITLE_JOINS = {"a": "; ", "b": " : ", "n": ". ", "p": ". "}


def _title(field: FieldJson | None) -> str:
    """Title proper, remainder, part number and name, joined as ISBD does: "Navoiy : roman"."""
    if field is None:
        return ""
    text = ""
    for sub in field["subfields"]:
        for code, value in sub.items():
            if code in _TITLE_JOINS and (value := _clean(value)):
                text = f"{text}{_TITLE_JOINS[code]}{value}" if text else value
    return text


def _name(field: FieldJson | None) -> str:
    return _clean(" ".join(subfields(field, "a", "b")))


def _year(by_tag: dict[str, list[Any]], fixed: str) -> int | None:
    for tag in ("264", "260"):
        for item in by_tag.get(tag, []):
            if tag == "264" and item["ind2"] not in ("1", " "):
                continue
            for value in subfields(item, "c"):
                if match := _YEAR.search(value):
                    return int(match.group())
    date1 = fixed[7:11]
    return int(date1) if date1.isdigit() and _YEAR.fullmatch(date1) else None


def _purpose(field: FieldJson) -> tuple[str, datetime.date | None]:
    """969 $a and $d, when they are a purpose we count and a real day (else nothing)."""
    purpose = "".join(subfields(field, "a")[:1]).strip()
    if purpose not in ANALYTIC_PURPOSES:
        return "", None
    day = "".join(subfields(field, "d")[:1]).strip()
    try:
        return purpose, datetime.date(int(day[:4]), int(day[4:6]), int(day[6:8]))
    except ValueError:
        return purpose, None


def match_key(record_type: str, folded_title: str, folded_author: str, year: int | None) -> str:
    """The duplicate-detection key: the type of record (a score is not its recording), the words
    of the title, the first word of the author (the surname, in MARC's inverted form), the year."""
    title_words = " ".join(_WORDS.findall(folded_title))
    author_words = _WORDS.findall(folded_author)
    return f"{record_type}|{title_words}|{author_words[0] if author_words else ''}|{year or ''}"[:KEY_MAX]


def extract(marc: MarcJson) -> Columns:
    by_tag: dict[str, list[Any]] = {}
    for item in marc["fields"]:
        for tag, value in item.items():
            by_tag.setdefault(tag, []).append(value)

    def first(tag: str) -> Any:
        found = by_tag.get(tag)
        return found[0] if found else None

    def control(tag: str) -> str:
        item = first(tag)
        return item.strip() if isinstance(item, str) else ""

    leader = marc["leader"]
    fixed = control("008")
    title_field = first("245")
    columns = Columns(
        control_number=control("001")[:50],
        control_number_source=control("003")[:50],
        title=_title(title_field)[:TITLE_MAX],
        responsibility=_clean(" ".join(subfields(title_field, "c")))[:TITLE_MAX],
        author=_name(first("100") or first("110") or first("111") or first("700") or first("710"))[
            :AUTHOR_MAX
        ],
        year=_year(by_tag, fixed),
        language=(fixed[35:38] if len(fixed) >= 38 and fixed[35:38].isalpha() else "").lower(),
        record_type=leader[6:7].strip(),
        bibliographic_level=leader[7:8].strip(),
    )
    if not columns.language and (languages := first("041")) is not None:
        columns.language = "".join(subfields(languages, "a")[:1])[:3].lower()
    for item in by_tag.get("020", []):
        for value in subfields(item, "a"):
            if (isbn := normalize_isbn(value)) and isbn not in columns.isbns:
                columns.isbns.append(isbn)
    if (udc := first("080")) is not None:
        columns.udc = _clean(" ".join(subfields(udc, "a", "b")))[:100]
    if (bbk := first("084")) is not None:
        columns.bbk = _clean(" ".join(subfields(bbk, "a")))[:100]
    if (local := first(PURPOSE_TAG)) is not None:
        columns.analytic_purpose, columns.described_on = _purpose(local)
    folded = fold(_SEPARATOR.join((columns.title, columns.author, columns.responsibility)))
    title_key, author_key = [*folded.split(_SEPARATOR), ""][:2]
    columns.match_key = match_key(columns.record_type, title_key, author_key, columns.year)
    # Words only: punctuation is no help in finding a book.
    columns.search_key = " ".join(_WORDS.findall(" ".join((folded.replace(_SEPARATOR, " "), *columns.isbns))))
    return columns
