"""Copies: accession numbers and barcodes unique within an institution; sectors of its own."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kutubxona.catalog import actions
from kutubxona.catalog.models import Copy, CopyStatus, Record
from kutubxona.core.models import AuditEntry
from kutubxona.institutions.models import Sector, User
from tests.catalog.test_matching import book
from tests.conftest import World


@pytest.fixture
def record(world: World, dilnoza: User) -> Record:
    return actions.create_record(
        dilnoza, world.arnasoy, book("Shum bola", author="G'ulom, G'afur", year=1936)
    )


def test_create_and_update_a_copy(record: Record, world: World, dilnoza: User) -> None:
    lending = Sector.objects.get(institution=world.arnasoy, code="lending")
    copy = actions.create_copy(
        dilnoza, record, accession_number="12345", barcode="200012345", sector=lending, price=Decimal("25000")
    )
    assert copy.status == CopyStatus.IN_PROCESSING and copy.institution == world.arnasoy
    actions.update_copy(dilnoza, copy, status=CopyStatus.AVAILABLE, shelf_location="G")
    entry = AuditEntry.objects.filter(action="catalog.copy.update").get()
    assert entry.changes == {"status": ["in_processing", "available"], "shelf_location": ["", "G"]}


def test_accession_number_and_barcode_unique_within_the_institution(
    record: Record, world: World, dilnoza: User
) -> None:
    actions.create_copy(dilnoza, record, accession_number="1", barcode="B1")
    with pytest.raises(ValidationError):
        actions.create_copy(dilnoza, record, accession_number="1")
    with pytest.raises(ValidationError):
        actions.create_copy(dilnoza, record, accession_number="2", barcode="B1")
    actions.create_copy(dilnoza, record, accession_number="3")  # copies without barcode are many
    actions.create_copy(dilnoza, record, accession_number="4")
    other = actions.create_record(world.admin, world.dostlik, book("Shum bola"))
    actions.create_copy(world.admin, other, accession_number="1", barcode="B1")  # another library's numbering
    assert Copy.objects.count() == 4


def test_sector_of_another_institution_is_refused(record: Record, world: World, dilnoza: User) -> None:
    theirs = Sector.objects.get(institution=world.dostlik, code="lending")
    with pytest.raises(ValidationError):
        actions.create_copy(dilnoza, record, accession_number="1", sector=theirs)


@pytest.mark.parametrize("persona", ["alice", "bob", "charlie"])
def test_who_may_not_add_copies(record: Record, world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_copy(getattr(world, persona), record, accession_number="1")


def test_a_manual_record_gets_a_control_number(record: Record, world: World, tmp_path: Path) -> None:
    assert (record.control_number, record.control_number_source) == (str(record.pk), "arnasoy")
    assert {"001": str(record.pk)} in record.marc["fields"]
    assert record.author == "G'ulom, G'afur" and record.year == 1936
    assert record.search_key.startswith("shum bola gulom gafur")
