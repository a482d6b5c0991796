"""ISO 2709 files: split into records, check each record's structure, decode its text.

Records are split on the end-of-record byte (0x1D) rather than on the length in the leader,
so one record with a wrong length is reported and the reader finds the next one at once.
The directory and fields are read into MARC-in-JSON; the text is decoded by the encoding
chosen per record: leader/09 'a' is UTF-8; a blank leader/09 is MARC-8 unless the bytes are
valid UTF-8 and not plain ASCII (MARC-8 diacritics are never valid UTF-8, so this guess does
not misread real MARC-8); or the encoding the user forced.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.utils.translation import gettext as _

from kutubxona.catalog.marc import marc8
from kutubxona.catalog.marc.json import MarcJson
from kutubxona.catalog.marc.results import MarcError

END_OF_RECORD = 0x1D
FIELD_TERMINATOR = 0x1E
SUBFIELD_DELIMITER = "\x1f"
_ENTRY = re.compile(rb"([0-9A-Za-z]{3})([0-9]{4})([0-9]{5})")
CHUNK = 1 << 20
UTF8, MARC8, CP1251 = "utf-8", "marc-8", "cp1251"
ENCODINGS = (UTF8, MARC8, CP1251)


@dataclass(slots=True)
class RawRecord:
    position: int
    offset: int
    data: bytes

    @property
    def end(self) -> int:
        return self.offset + len(self.data)


def looks_like_leader(head: bytes) -> bool:
    """Whether the first bytes of a file could be an ISO 2709 leader."""
    return len(head) >= 24 and head[:5].isdigit() and head[12:17].isdigit() and head[:24].isascii()


def split(stream: BinaryIO, offset: int = 0, position: int = 0) -> Iterator[RawRecord]:
    """The records of `stream` from byte `offset`, numbered after `position`.

    A last piece without an end-of-record byte (a truncated file) is yielded as it is, for the
    decoder to report.
    """
    stream.seek(offset)
    buffer = b""
    start = 0  # where `buffer` begins in the file
    while chunk := stream.read(CHUNK):
        buffer += chunk
        begin = 0
        while (end := buffer.find(END_OF_RECORD, begin)) != -1:
            position += 1
            yield RawRecord(position, offset + start + begin, buffer[begin : end + 1])
            begin = end + 1
        buffer = buffer[begin:]
        start += begin
    if buffer.strip(b"\r\n\x1a\x00 "):  # trailing newlines, Ctrl-Z or padding are not a record
        yield RawRecord(position + 1, offset + start, buffer)


def _check_structure(data: bytes) -> None:
    if data[-1] != END_OF_RECORD:
        raise MarcError(_("The record is cut short: the file ends before the record does."))
    if len(data) < 25 or not data[:24].isascii():
        raise MarcError(_("Bad leader: it is too short or not plain ASCII."))
    if not data[:5].isdigit():
        raise MarcError(_("Bad leader: the record length %(value)r is not a number.") % {"value": data[:5]})
    if int(data[:5]) != len(data):
        raise MarcError(
            _("Wrong record length: the leader says %(declared)d bytes, the record has %(actual)d.")
            % {"declared": int(data[:5]), "actual": len(data)}
        )
    if not data[12:17].isdigit() or not 24 < int(data[12:17]) < len(data):
        raise MarcError(_("Bad leader: the base address of the data is wrong."))


def choose_encoding(data: bytes, forced: str) -> str:
    """The encoding to read this record with (the bytes are checked when UTF-8 is chosen).

    Bytes that are not UTF-8 are MARC-8 in MARC 21; a UNIMARC record (a 200 field and no 245
    in its directory) never uses MARC-8, and those that reach us are Windows-1251, what IRBIS
    writes in Uzbekistan and Russia.
    """
    if forced in ENCODINGS:
        return forced
    if data[9] == ord("a"):
        return UTF8
    if data.isascii():
        return MARC8  # ASCII reads the same either way; the leader says MARC-8
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return CP1251 if _looks_unimarc(data) else MARC8
    return UTF8


def _looks_unimarc(data: bytes) -> bool:
    try:
        tags = {tag for tag, _length, _offset in _directory(data)[1]}
    except (MarcError, ValueError):
        return False
    return b"200" in tags and b"245" not in tags


def _check_utf8(data: bytes) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MarcError(
            _("Bytes not valid in UTF-8 at byte %(at)d of the record: %(reason)s")
            % {"at": error.start, "reason": error.reason}
        ) from None


def _directory(data: bytes) -> tuple[int, list[tuple[bytes, bytes, bytes]]]:
    """The base address and the (tag, length, offset) entries of the directory."""
    base = int(data[12:17])
    directory = data[24 : base - 1]
    entries = _ENTRY.findall(directory)
    if len(entries) * 12 != len(directory) or data[base - 1] != FIELD_TERMINATOR:
        raise MarcError(_("The record's directory is broken."))
    if not entries:
        raise MarcError(_("The record has no fields."))
    return base, entries


def _field_bytes(data: bytes) -> tuple[list[str], list[bytes]]:
    """The tags and the data of the fields (without their terminators), in directory order."""
    base, entries = _directory(data)
    tags = [tag.decode("ascii") for tag, _length, _offset in entries]
    lengths = [int(length) for _tag, length, _offset in entries]
    pieces = data[base:-1].split(b"\x1e")
    # Usually the fields follow one another in directory order: one split finds them all.
    if len(pieces) == len(entries) + 1 and all(
        len(piece) + 1 == length for piece, length in zip(pieces, lengths, strict=False)
    ):
        return tags, pieces[:-1]
    chunks = []
    for (tag, _length, offset), size in zip(entries, lengths, strict=True):
        start = base + int(offset)
        end = start + size
        if end > len(data) - 1 or data[end - 1] != FIELD_TERMINATOR:
            raise MarcError(_("Field %(tag)s does not end where the directory says.") % {"tag": tag.decode()})
        chunks.append(data[start : end - 1])
    return tags, chunks


def _fields(data: bytes, encoding: str) -> list[dict[str, Any]]:
    """The fields of the record as MARC-in-JSON."""
    tags, chunks = _field_bytes(data)
    fields: list[dict[str, Any]] = []
    codec = None if encoding == MARC8 else encoding  # MARC-8 changes sets within a subfield
    for tag, chunk in zip(tags, chunks, strict=True):
        if tag < "010" and tag.isdigit():
            fields.append({tag: chunk.decode(codec) if codec else marc8.decode(chunk)})
            continue
        if codec:  # one decode per field; the delimiters are ASCII, so splitting after is safe
            head, *parts = chunk.decode(codec).split(SUBFIELD_DELIMITER)
            subfields = [{part[0]: part[1:]} for part in parts if part]
        else:
            head_bytes, *byte_parts = chunk.split(b"\x1f")
            head = head_bytes.decode("ascii")
            subfields = [{chr(part[0]): marc8.decode(part[1:])} for part in byte_parts if part]
        indicators = (head + "  ")[:2]
        fields.append({tag: {"ind1": indicators[0], "ind2": indicators[1], "subfields": subfields}})
    return fields


def decode(data: bytes, encoding: str) -> MarcJson:
    """One record's bytes as MARC-in-JSON, its text in Unicode; MarcError says what is wrong.

    Read directly rather than through pymarc's objects: this runs for every record of a
    million-record import, and pymarc's parse alone costs more than all the rest (docs/decisions.md).
    """
    _check_structure(data)
    if encoding == UTF8:
        _check_utf8(data)
    try:
        fields = _fields(data, encoding)
    except marc8.Marc8Error as error:
        raise MarcError(_("Not valid MARC-8: %(reason)s") % {"reason": error}) from None
    except UnicodeDecodeError as error:
        raise MarcError(
            _("Bytes not valid in %(encoding)s in the record: %(reason)s")
            % {"encoding": encoding, "reason": error.reason}
        ) from None
    except (ValueError, IndexError) as error:
        if isinstance(error, MarcError):
            raise
        raise MarcError(
            _("The record's directory or fields are broken: %(reason)s") % {"reason": error}
        ) from None
    if b"\x00" in data:  # NUL is no MARC text, and PostgreSQL cannot store it in JSON
        fields = _without_nul(fields)
    leader = data[:24].decode("ascii")
    return {"leader": leader[:9] + "a" + leader[10:], "fields": fields}  # the text is Unicode now


def _without_nul(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cleaned: list[dict[str, Any]] = []
    for field in fields:
        ((tag, value),) = field.items()
        if isinstance(value, str):
            cleaned.append({tag: value.replace("\x00", "")})
        else:
            subfields = [
                {code: text.replace("\x00", "")} for sub in value["subfields"] for code, text in sub.items()
            ]
            cleaned.append({tag: {**value, "subfields": subfields}})
    return cleaned
