"""A book described in the cataloguing form, as MARC 21 (and back, for editing).

The form owns the fields in `FORM_TAGS`; when an existing record is edited, its other fields
(001, 003, 040, local 9XX, ...) are kept as they are, and its 008 keeps its date entered.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from pymarc import Field, Indicators, Leader, Subfield
from pymarc import Record as MarcRecord

from kutubxona.catalog.marc import json as marc_json
from kutubxona.catalog.marc.extract import PURPOSE_TAG, FieldJson, subfields
from kutubxona.catalog.marc.json import MarcJson

# Fields the form writes; 005 and 008 are rewritten too.
FORM_TAGS = frozenset(
    {
        "005",
        "008",
        "020",
        "260",
        "041",
        "080",
        "084",
        "100",
        "110",
        "245",
        "250",
        "264",
        "300",
        "490",
        "500",
        "520",
        "650",
        "651",
        "700",
        "856",
    }
)
NEW_BOOK_LEADER = "00000nam a2200000 i 4500"
BLANK_008 = "      s    " + "    xx " + "    " + " " * 13 + "   " + " d"  # positions 0-39


@dataclass
class Book:
    """What the form says about a book; ISBNs are already ISBN-13."""

    title: str
    remainder: str = ""
    responsibility: str = ""
    first_author: str = ""
    corporate_author: str = ""  # 110: an organisation as the author, when no person is
    other_authors: list[str] = field(default_factory=list)
    edition: str = ""
    place: str = ""
    publisher: str = ""
    year: str = ""
    extent: str = ""
    series: str = ""
    isbns: list[str] = field(default_factory=list)
    language: str = ""
    udc: str = ""
    bbk: str = ""
    subjects: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # 651: geographic subjects
    notes: str = ""
    summary: str = ""
    link: str = ""


def _data(tag: str, ind1: str, ind2: str, *pairs: tuple[str, str]) -> Field | None:
    subs = [Subfield(code, value) for code, value in pairs if value]
    return Field(tag=tag, indicators=Indicators(ind1, ind2), subfields=subs) if subs else None


def _fixed(book: Book, previous: str, today: datetime.date) -> str:
    base = previous.ljust(40)[:40] if len(previous) >= 38 else BLANK_008
    entered = base[0:6] if base[0:6].strip() else today.strftime("%y%m%d")
    year = book.year[:4] if book.year[:4].isdigit() else "    "
    language = (book.language or "   ")[:3].ljust(3)
    return f"{entered}{'s' if year.strip() else 'n'}{year}{base[11:35]}{language}{base[38:40]}"


def _punctuated_title(book: Book) -> list[tuple[str, str]]:
    """245 with ISBD punctuation: "$aTitle :$bremainder /$cresponsibility"."""
    title = book.title
    remainder = book.remainder
    if book.remainder:
        title += " :"
    if book.responsibility:
        if remainder:
            remainder += " /"
        else:
            title += " /"
    return [("a", title), ("b", remainder), ("c", book.responsibility)]


def _book_fields(book: Book) -> list[Field | None]:
    imprint_place = f"{book.place} :" if book.place and book.publisher else book.place
    imprint_publisher = f"{book.publisher}," if book.publisher and book.year else book.publisher
    fields: list[Field | None] = [_data("020", " ", " ", ("a", isbn)) for isbn in book.isbns]
    fields += [
        _data("041", "0", " ", ("a", book.language)),
        _data("080", " ", " ", ("a", book.udc)),
        _data("084", " ", " ", ("a", book.bbk), ("2", "bbk" if book.bbk else "")),
        _data("100", "1", " ", ("a", book.first_author)),
        _data("110", "2", " ", ("a", "" if book.first_author else book.corporate_author)),
        _data(
            "245", "1" if book.first_author or book.corporate_author else "0", "0", *_punctuated_title(book)
        ),
        _data("250", " ", " ", ("a", book.edition)),
        _data("264", " ", "1", ("a", imprint_place), ("b", imprint_publisher), ("c", book.year)),
        _data("300", " ", " ", ("a", book.extent)),
        _data("490", "0", " ", ("a", book.series)),
        _data("500", " ", " ", ("a", book.notes)),
        _data("520", " ", " ", ("a", book.summary)),
    ]
    fields += [_data("650", " ", "4", ("a", subject)) for subject in book.subjects]
    fields += [_data("651", " ", "4", ("a", place)) for place in book.places]
    fields += [_data("700", "1", " ", ("a", author)) for author in book.other_authors]
    fields.append(_data("856", "4", " ", ("u", book.link)))
    return fields


def to_marc(
    book: Book,
    *,
    cataloguing_language: str,
    agency: str,
    previous: MarcJson | None = None,
    now: datetime.datetime | None = None,
) -> MarcRecord:
    """The MARC 21 record of `book`, keeping the fields of `previous` the form does not own."""
    now = now or datetime.datetime.now(datetime.UTC)
    record = MarcRecord()
    kept = marc_json.from_json(previous) if previous else None
    record.leader = Leader(str(kept.leader) if kept else NEW_BOOK_LEADER)
    old_008 = kept["008"].data if kept and kept.get("008") else ""
    record.add_field(
        Field(tag="005", data=now.strftime("%Y%m%d%H%M%S.0")),
        Field(tag="008", data=_fixed(book, old_008 or "", now.date())),
    )
    for item in kept.fields if kept else []:
        if item.tag not in FORM_TAGS:
            record.add_ordered_field(item)
    if record.get("040") is None:
        record.add_ordered_field(
            Field(
                tag="040",
                indicators=Indicators(" ", " "),
                subfields=[Subfield("a", agency), Subfield("b", cataloguing_language), Subfield("c", agency)],
            )
        )
    for made in _book_fields(book):
        if made is not None:
            record.add_ordered_field(made)
    return record


def _values(by_tag: dict[str, list[FieldJson]], tag: str, code: str) -> list[str]:
    return [value for item in by_tag.get(tag, []) for value in subfields(item, code)]


def _one(by_tag: dict[str, list[FieldJson]], tag: str, code: str) -> str:
    return _strip(" ".join(_values(by_tag, tag, code)))


def _strip(text: str) -> str:
    return text.strip().rstrip(" /:;,=").strip()


def to_initial(marc: MarcJson) -> dict[str, Any]:
    """The form's initial values from a record's MARC (the ISBD punctuation taken off)."""
    by_tag: dict[str, list[FieldJson]] = {}
    fixed = ""
    for entry in marc["fields"]:
        for tag, value in entry.items():
            if isinstance(value, str):
                fixed = value if tag == "008" else fixed
            else:
                by_tag.setdefault(tag, []).append(value)
    language = _one(by_tag, "041", "a")[:3] or fixed[35:38].strip()
    return {
        "title": _one(by_tag, "245", "a"),
        "remainder": _one(by_tag, "245", "b"),
        "responsibility": _one(by_tag, "245", "c"),
        "first_author": _one(by_tag, "100", "a"),
        "corporate_author": _one(by_tag, "110", "a"),
        "other_authors": "\n".join(_strip(v) for v in _values(by_tag, "700", "a")),
        "edition": _one(by_tag, "250", "a"),
        "place": _one(by_tag, "264", "a") or _one(by_tag, "260", "a"),
        "publisher": _one(by_tag, "264", "b") or _one(by_tag, "260", "b"),
        "year": _one(by_tag, "264", "c") or _one(by_tag, "260", "c"),
        "extent": _one(by_tag, "300", "a"),
        "series": _one(by_tag, "490", "a"),
        "isbns": "\n".join(_values(by_tag, "020", "a")),
        "language": language,
        "udc": _one(by_tag, "080", "a"),
        "bbk": _one(by_tag, "084", "a"),
        "subjects": "\n".join(_strip(v) for v in _values(by_tag, "650", "a")),
        "places": "\n".join(_strip(v) for v in _values(by_tag, "651", "a")),
        "notes": _one(by_tag, "500", "a"),
        "summary": _one(by_tag, "520", "a"),
        "link": _one(by_tag, "856", "u"),
    }


# --- Analytic records (articles): leader/07, 773 to the host, and the local purpose field ---

# Local field of the card index an article belongs to (`extract` reads it into the columns):
# $a the purpose code, $d the day it was described (YYYYMMDD). 9XX is the local block, kept
# through our export and by other systems.
ARTICLE_TAGS = frozenset({"773", PURPOSE_TAG})


@dataclass
class Host:
    """The issue an article appeared in, as 773 says it (typed, or taken from the host record)."""

    title: str  # $t
    related_parts: str = ""  # $g: volume, issue, date, pages
    publication: str = ""  # $d: place, publisher, year
    control_number: str = ""  # $w: "(003)001" of the host record
    serial: bool = True  # a journal or newspaper (leader/07 b), else a book (a)


def host_field(host: Host) -> Field:
    # ind1 0: display a note; $7 "nnas" = no main entry, serial / "nnam" = monograph.
    pairs = [
        ("7", "nnas" if host.serial else "nnam"),
        ("t", host.title),
        ("d", host.publication),
        ("g", host.related_parts),
        ("w", host.control_number),
    ]
    made = _data("773", "0", " ", *pairs)
    assert made is not None
    return made


def article_to_marc(
    book: Book,
    host: Host,
    *,
    purpose: str,
    described_on: datetime.date,
    cataloguing_language: str,
    agency: str,
    previous: MarcJson | None = None,
    now: datetime.datetime | None = None,
) -> MarcRecord:
    """An article as MARC 21: the book form's fields, leader/07 `b` (or `a`), 773 and 969."""
    record = to_marc(
        book, cataloguing_language=cataloguing_language, agency=agency, previous=previous, now=now
    )
    leader = str(record.leader) if previous else "00000naa a2200000 i 4500"
    level = "b" if host.serial else "a"
    record.leader = Leader(leader[:6] + "a" + level + leader[8:])
    # No imprint of its own (the year stays in 008 for the year column); the host's is in 773 $d.
    record.remove_fields("260", "264", *ARTICLE_TAGS)
    record.add_ordered_field(host_field(host))
    record.add_ordered_field(
        Field(
            tag=PURPOSE_TAG,
            indicators=Indicators(" ", " "),
            subfields=[Subfield("a", purpose), Subfield("d", described_on.strftime("%Y%m%d"))],
        )
    )
    return record


def host_of(marc: MarcJson) -> Host | None:
    """The 773 of a record, if it has one."""
    for entry in marc["fields"]:
        value = entry.get("773")
        if isinstance(value, dict):
            found = {code: _strip(" ".join(subfields(value, code))) for code in "tdgw7"}
            return Host(
                title=found["t"],
                related_parts=found["g"],
                publication=found["d"],
                control_number=found["w"],
                serial=not found["7"].endswith("m"),
            )
    return None
