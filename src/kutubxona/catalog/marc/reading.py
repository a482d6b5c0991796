"""Reading a MARC file of any supported kind into MARC 21 records, one at a time.

`read()` streams: memory stays flat whatever the size of the file. It yields `Parsed` for
each record it could read and `Failure` (position, byte offset, reason) for each it could
not; a file that is not MARC at all raises `NotMarc` before anything is yielded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _

from kutubxona.catalog.marc import iso2709, marcxml, unimarc
from kutubxona.catalog.marc import json as marc_json
from kutubxona.catalog.marc.json import MarcJson
from kutubxona.catalog.marc.results import Failure, MarcError, NotMarc, Parsed

FORMATS = ("auto", "iso2709", "marcxml")
FLAVOURS = ("auto", "marc21", "unimarc", "rusmarc")
ENCODINGS = ("auto", *iso2709.ENCODINGS)


@dataclass(frozen=True)
class ReadOptions:
    format: str = "auto"
    flavour: str = "auto"
    encoding: str = "auto"

    def __post_init__(self) -> None:
        for value, allowed in ((self.format, FORMATS), (self.flavour, FLAVOURS), (self.encoding, ENCODINGS)):
            if value not in allowed:
                raise ValueError(f"{value!r} is not one of {allowed}")


def detect_format(path: Path) -> str:
    """ "iso2709" or "marcxml" from the first bytes; NotMarc if neither."""
    with path.open("rb") as stream:
        head = stream.read(4096)
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<"):
        return "marcxml"
    if iso2709.looks_like_leader(head):
        return "iso2709"
    if not head:
        raise NotMarc(_("The file is empty."))
    raise NotMarc(
        _(
            "This file is not MARC: it is neither ISO 2709 (it would begin with a 24-character leader) "
            "nor MARCXML."
        )
    )


def to_marc21(marc: MarcJson, flavour: str) -> tuple[MarcJson, str]:
    """The record in MARC 21 and the flavour it was read as (auto: UNIMARC if it looks so)."""
    if flavour == "auto":
        flavour = "unimarc" if unimarc.is_unimarc(marc) else "marc21"
    if flavour == "marc21":
        return marc, "marc21"
    try:
        return marc_json.to_json(unimarc.to_marc21(marc_json.from_json(marc))), "unimarc"
    except (ValueError, KeyError, IndexError, AttributeError) as error:
        raise MarcError(
            _("The UNIMARC record could not be mapped to MARC 21: %(reason)s") % {"reason": error}
        ) from None


def read(
    path: Path, options: ReadOptions | None = None, *, offset: int = 0, position: int = 0
) -> Iterator[Parsed | Failure]:
    """The records of `path`, starting after record `position` (at byte `offset` for ISO 2709)."""
    options = options or ReadOptions()
    file_format = detect_format(path) if options.format == "auto" else options.format
    with path.open("rb") as stream:
        if file_format == "marcxml":
            yield from _read_xml(stream, options, position)
        else:
            if offset == 0 and not iso2709.looks_like_leader(stream.read(24)):
                raise NotMarc(_("This file is not ISO 2709: it does not begin with a MARC leader."))
            yield from _read_iso2709(stream, options, offset, position)


def _read_iso2709(
    stream: BinaryIO, options: ReadOptions, offset: int, position: int
) -> Iterator[Parsed | Failure]:
    for raw in iso2709.split(stream, offset, position):
        try:
            encoding = (
                iso2709.choose_encoding(raw.data, options.encoding) if len(raw.data) > 9 else iso2709.UTF8
            )
            marc, flavour = to_marc21(iso2709.decode(raw.data, encoding), options.flavour)
        except MarcError as error:
            yield Failure(raw.position, raw.offset, raw.end, str(error))
            continue
        guessed = encoding == iso2709.UTF8 and raw.data[9] != ord("a") and options.encoding == "auto"
        yield Parsed(
            raw.position, raw.offset, raw.end, marc, "utf-8-guessed" if guessed else encoding, flavour
        )


def _read_xml(stream: BinaryIO, options: ReadOptions, position: int) -> Iterator[Parsed | Failure]:
    for item in marcxml.read(stream, skip=position):
        if isinstance(item, Failure):
            yield item
            continue
        assert item.fields is not None
        flavour = options.flavour
        if flavour == "auto" and item.attributes.get("format", "").upper() in ("UNIMARC", "RUSMARC"):
            flavour = "unimarc"
        try:
            marc, flavour = to_marc21(item.marc, flavour)
        except MarcError as error:
            yield Failure(item.position, item.offset, item.end, str(error))
            continue
        yield Parsed(item.position, item.offset, item.end, marc, "xml", flavour)
