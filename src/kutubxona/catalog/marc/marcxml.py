"""MARCXML (LoC slim schema), also inside an OAI-PMH or SRU envelope, and RUSMARC XML.

Read with expat directly, without building a tree: the file streams in constant memory and
every record's byte offset is known. Any element named `record` outside the envelope
namespaces (OAI-PMH, SRU) is a record (its leader, controlfield and datafield children read),
whatever its namespace (MARC 21 slim, marcxchange, rba.ru's RUSMARC, none).
Broken XML stops the reading there: what came before is kept, the rest is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO
from xml.parsers import expat

from django.utils.translation import gettext as _

from kutubxona.catalog.marc.json import MarcJson
from kutubxona.catalog.marc.results import Failure, NotMarc

FieldJson = dict[str, Any]

ENVELOPE_NAMESPACES = frozenset(
    {
        "http://www.openarchives.org/OAI/2.0/",
        "http://www.loc.gov/zing/srw/",
        "http://docs.oasis-open.org/ns/search-ws/sruResponse",
    }
)
CHUNK = 1 << 16
# A record without a leader (RUSMARC XML exported by IRBIS has none): a book, monograph.
DEFAULT_LEADER = "     nam a22     ii 4500"


@dataclass(slots=True)
class XmlRecord:
    """A record read from XML (or the error that spoiled it)."""

    position: int
    offset: int
    end: int
    fields: list[FieldJson] | None = None
    leader: str = ""
    error: str = ""
    attributes: dict[str, str] = field(default_factory=dict)

    @property
    def marc(self) -> MarcJson:
        return {"leader": self.leader, "fields": self.fields or []}


class _Builder:
    """expat callbacks that turn the elements of each record into MARC-in-JSON."""

    def __init__(self, parser: expat.XMLParserType, position: int) -> None:
        self.parser = parser
        self.position = position
        self.done: list[XmlRecord] = []
        self.current: XmlRecord | None = None
        self.text: list[str] = []
        self.leader = ""
        self.tag = ""
        self.indicators = ("", "")
        self.code = ""
        self.subfields: list[dict[str, str]] = []
        self.in_text = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        namespace, _sep, local = name.rpartition(" ")
        if local == "record" and namespace not in ENVELOPE_NAMESPACES:
            self.position += 1
            index = self.parser.CurrentByteIndex
            self.current = XmlRecord(self.position, index, index, [], attributes=dict(attrs))
            self.leader = ""
            return
        if self.current is None:
            return
        if local in ("leader", "controlfield", "subfield"):
            self.text = []
            self.in_text = True
        if local in ("controlfield", "datafield"):
            self.tag = attrs.get("tag", "")
            if not self.tag:
                self.current.error = _("A field without a tag (line %(line)d).") % {
                    "line": self.parser.CurrentLineNumber
                }
        if local == "datafield":
            self.indicators = (attrs.get("ind1", " ") or " ", attrs.get("ind2", " ") or " ")
            self.subfields = []
        elif local == "subfield":
            self.code = attrs.get("code", "")

    def characters(self, data: str) -> None:
        if self.in_text:
            self.text.append(data)

    def end(self, name: str) -> None:
        local = name.rpartition(" ")[2]
        current = self.current
        if current is None or current.fields is None:
            return
        value = "".join(self.text)
        if local == "leader":
            self.leader = value
        elif local == "controlfield":
            current.fields.append({self.tag: value})
        elif local == "subfield":
            self.subfields.append({self.code: value})
        elif local == "datafield":
            ind1, ind2 = self.indicators
            current.fields.append({self.tag: {"ind1": ind1, "ind2": ind2, "subfields": self.subfields}})
        elif local == "record":
            self._finish(current)
        if local in ("leader", "controlfield", "subfield"):
            self.in_text = False

    def _finish(self, current: XmlRecord) -> None:
        assert current.fields is not None
        leader = self.leader if len(self.leader) == 24 else DEFAULT_LEADER
        if self.leader and len(self.leader) != 24:
            current.error = _("Bad leader: %(leader)r is not 24 characters long.") % {"leader": self.leader}
        if not current.fields:
            current.error = current.error or _("The record has no fields.")
        current.leader = leader[:9] + "a" + leader[10:]
        current.end = self.parser.CurrentByteIndex
        if current.error:
            current.fields = None
        self.done.append(current)
        self.current = None


def read(stream: BinaryIO, skip: int = 0) -> Iterator[XmlRecord | Failure]:
    """The records of a MARCXML stream; the first `skip` records (already imported) are passed over."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    builder = _Builder(parser, 0)
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.characters
    while True:
        chunk = stream.read(CHUNK)
        try:
            parser.Parse(chunk, not chunk)
        except expat.ExpatError as error:
            yield from _take(builder, skip)
            position = builder.current.position if builder.current else builder.position + 1
            offset = parser.ErrorByteIndex
            yield Failure(
                position,
                offset,
                offset,
                _(
                    "Broken XML at line %(line)d, column %(column)d: %(reason)s; "
                    "the rest of the file is not read."
                )
                % {
                    "line": error.lineno,
                    "column": error.offset,
                    "reason": expat.ErrorString(error.code),
                },
            )
            return
        yield from _take(builder, skip)
        if not chunk:
            break
    if builder.position == 0:
        raise NotMarc(_("The XML file holds no MARC records."))


def _take(builder: _Builder, skip: int) -> Iterator[XmlRecord | Failure]:
    for item in builder.done:
        if item.position <= skip:
            continue
        if item.fields is None:
            yield Failure(item.position, item.offset, item.end, item.error)
        else:
            yield item
    builder.done.clear()
