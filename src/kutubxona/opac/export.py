"""A record for the reader to take away: MARC 21 (ISO 2709), MARCXML, and RIS for reference managers."""

from __future__ import annotations

import pymarc

from kutubxona.catalog.marc import json as marc_json
from kutubxona.catalog.marc.extract import subfields
from kutubxona.catalog.models import Record

FORMATS = {
    "marc": ("application/marc", "mrc"),
    "marcxml": ("application/marcxml+xml", "xml"),
    "ris": ("application/x-research-info-systems", "ris"),
}
RIS_TYPES = {"a": "BOOK", "c": "MUSIC", "e": "MAP", "g": "VIDEO", "i": "SOUND", "j": "SOUND", "m": "ELEC"}


def _marc(record: Record) -> pymarc.Record:
    return marc_json.from_json(record.marc)


def ris(record: Record) -> str:
    """The RIS tags a reference manager reads: type, authors, title, year, publisher, ISBN, subjects."""
    by_tag: dict[str, list[dict[str, object]]] = {}
    for item in record.marc.get("fields", []):
        for tag, value in item.items():
            if isinstance(value, dict):
                by_tag.setdefault(tag, []).append(value)
    kind = "JOUR" if record.bibliographic_level in ("a", "b") else RIS_TYPES.get(record.record_type, "GEN")
    lines = [("TY", kind)]
    authors = [record.author] if record.author else []
    for tag in ("700", "710"):
        authors += [" ".join(subfields(field, "a")).strip(" ,.") for field in by_tag.get(tag, [])]
    lines += [("AU", author) for author in authors if author]
    lines.append(("TI", record.title))
    if record.year:
        lines.append(("PY", str(record.year)))
    for tag in ("264", "260"):
        for field in by_tag.get(tag, [])[:1]:
            lines += [("CY", place.strip(" :;,")) for place in subfields(field, "a")]
            lines += [("PB", name.strip(" :;,")) for name in subfields(field, "b")]
    lines += [("SN", isbn) for isbn in record.isbns.split()]
    if record.language:
        lines.append(("LA", record.language))
    for field in by_tag.get("650", []) + by_tag.get("651", []):
        lines += [("KW", value.strip(" .")) for value in subfields(field, "a")]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def render(record: Record, fmt: str) -> bytes:
    if fmt == "marc":
        return _marc(record).as_marc()
    if fmt == "marcxml":
        return pymarc.record_to_xml(_marc(record), namespace=True)
    return ris(record).encode()
