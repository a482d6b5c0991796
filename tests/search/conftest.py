"""Search fixtures: records made through the catalogue's own action, so the index hooks run."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from pymarc import Field, Indicators, Leader, Subfield
from pymarc import Record as MarcRecord

from kutubxona.catalog import actions
from kutubxona.catalog.models import Copy, Record
from kutubxona.institutions.models import Institution
from kutubxona.search.engine import Result, search
from kutubxona.search.query import Query

MakeRecord = Callable[..., Record]


def marc(
    title: str,
    author: str = "",
    *,
    year: int | None = None,
    language: str = "uzb",
    subjects: Sequence[str] = (),
    notes: Sequence[str] = (),
    isbn: str = "",
    udc: str = "",
    kind: str = "a",
) -> MarcRecord:
    record = MarcRecord()
    record.leader = Leader(f"00000n{kind}m a2200000 i 4500")
    fixed_year = str(year) if year else "    "
    record.add_field(Field(tag="008", data=f"260101s{fixed_year}    uz            000 1 {language} d"))
    if isbn:
        record.add_field(Field(tag="020", indicators=Indicators(" ", " "), subfields=[Subfield("a", isbn)]))
    if udc:
        record.add_field(Field(tag="080", indicators=Indicators(" ", " "), subfields=[Subfield("a", udc)]))
    if author:
        record.add_field(Field(tag="100", indicators=Indicators("1", " "), subfields=[Subfield("a", author)]))
    record.add_field(Field(tag="245", indicators=Indicators("1", "0"), subfields=[Subfield("a", title)]))
    if year:
        record.add_field(
            Field(tag="264", indicators=Indicators(" ", "1"), subfields=[Subfield("c", str(year))])
        )
    for note in notes:
        record.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", note)]))
    for subject in subjects:
        record.add_field(
            Field(tag="650", indicators=Indicators(" ", "4"), subfields=[Subfield("a", subject)])
        )
    return record


@pytest.fixture
def make_record(world: Any) -> MakeRecord:
    def make(title: str, author: str = "", *, at: Institution | None = None, **fields: Any) -> Record:
        return actions.create_record(None, at or world.arnasoy, marc(title, author, **fields))

    return make


def add_copy(record: Record, number: str, **fields: Any) -> Copy:
    return actions.create_copy(None, record, accession_number=number, **fields)


def find(text: str = "", **options: Any) -> Result:
    return search(Query(text=text, **options))


def titles(text: str = "", **options: Any) -> list[str]:
    return [hit.title for hit in find(text, **options).hits]
