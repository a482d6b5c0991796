"""What a MARC reader yields: a record it could read, or a failure saying where and why."""

from __future__ import annotations

from dataclasses import dataclass

from kutubxona.catalog.marc.json import MarcJson


@dataclass(slots=True)
class Parsed:
    """A record read and mapped to MARC 21, with where it was in the file and how it was read."""

    position: int  # 1-based number of the record in the file
    offset: int  # byte offset of its first byte
    end: int  # byte offset just after it: where a resumed read starts
    marc: MarcJson  # MARC 21, as MARC-in-JSON
    encoding: str  # "utf-8", "marc-8" (ISO 2709) or "xml"
    flavour: str  # the flavour it was read as: "marc21" or "unimarc"


@dataclass(slots=True)
class Failure:
    """A record that could not be read; the reader goes on with the next one."""

    position: int
    offset: int
    end: int
    reason: str


class NotMarc(ValueError):
    """The whole file is not MARC at all (one message for the user, nothing imported)."""


class MarcError(ValueError):
    """One record is broken; the message is the reason given to the user."""
