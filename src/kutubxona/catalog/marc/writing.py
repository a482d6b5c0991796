"""Writing records: ISO 2709 in UTF-8 (leader/09 'a') and MARCXML (LoC slim schema)."""

from __future__ import annotations

from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from pymarc import Leader, Record

SLIM = "http://www.loc.gov/MARC21/slim"
FORMATS = ("iso2709", "marcxml")
# Characters XML 1.0 forbids (C0 controls but tab, newline, return); MARC data sometimes has them.
_XML_FORBIDDEN = {code: None for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)}


def leader(record: Record) -> str:
    """The leader as MARC 21 requires it in an exchange file: UTF-8 ('a' at 09) and the fixed
    '22' and '4500' (some sources leave them blank, and strict readers such as yaz complain)."""
    text = str(record.leader).ljust(24)
    return f"{text[:9]}a22{text[12:20]}4500"


def iso2709(record: Record) -> bytes:
    record.force_utf8 = True
    record.leader = Leader(leader(record))
    return record.as_marc()


def _text(value: str) -> str:
    return escape(value.translate(_XML_FORBIDDEN))


def marcxml(record: Record) -> str:
    parts = [f"<record>\n  <leader>{_text(leader(record))}</leader>\n"]
    for field in record.fields:
        if field.control_field:
            parts.append(
                f"  <controlfield tag={quoteattr(field.tag)}>{_text(field.data or '')}</controlfield>\n"
            )
            continue
        parts.append(
            f"  <datafield tag={quoteattr(field.tag)} ind1={quoteattr(field.indicator1 or ' ')}"
            f" ind2={quoteattr(field.indicator2 or ' ')}>\n"
        )
        parts += [
            f"    <subfield code={quoteattr(sub.code)}>{_text(sub.value)}</subfield>\n"
            for sub in field.subfields
        ]
        parts.append("  </datafield>\n")
    parts.append("</record>\n")
    return "".join(parts)


class Writer:
    """Streams records to a binary file in one of FORMATS."""

    def __init__(self, stream: BinaryIO, file_format: str) -> None:
        if file_format not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}")
        self.stream = stream
        self.file_format = file_format
        if file_format == "marcxml":
            stream.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="{SLIM}">\n'.encode())

    def write(self, record: Record) -> None:
        if self.file_format == "iso2709":
            self.stream.write(iso2709(record))
        else:
            self.stream.write(marcxml(record).encode())

    def close(self) -> None:
        if self.file_format == "marcxml":
            self.stream.write(b"</collection>\n")
