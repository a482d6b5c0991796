"""The "Add a copy" form on a record's page: saved through the action, its errors shown on it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kutubxona.catalog import actions
from kutubxona.catalog.models import Copy, Record
from kutubxona.core.models import AuditEntry
from kutubxona.institutions.models import Sector, User
from tests.catalog.test_matching import book
from tests.conftest import World, login


@pytest.fixture
def record(world: World, dilnoza: User) -> Record:
    return actions.create_record(dilnoza, world.arnasoy, book("Shum bola"))


def add(client: Client, record: Record, **data: str) -> Any:
    client.cookies["django_language"] = "en"
    return client.post(reverse("catalog:copy_create", args=[record.pk]), {"status": "available", **data})


def test_a_cataloguer_adds_a_copy(client: Client, world: World, dilnoza: User, record: Record) -> None:
    sector = Sector.objects.filter(institution=world.arnasoy).first()
    assert sector is not None
    login(client, dilnoza)
    page = client.get(reverse("catalog:detail", args=[record.pk])).content.decode()
    assert reverse("catalog:copy_create", args=[record.pk]) in page
    response = add(
        client,
        record,
        accession_number="A-7",
        barcode="200007",
        sector=str(sector.pk),
        shelf_location="84(5O'zb)",
        price="12500.00",
        notes="sovg'a",
    )
    assert response.status_code == 302
    copy = Copy.objects.get(record=record)
    assert (copy.accession_number, copy.barcode, copy.status, copy.price) == (
        "A-7",
        "200007",
        "available",
        Decimal("12500.00"),
    )
    assert copy.sector == sector and copy.institution == world.arnasoy
    assert AuditEntry.objects.filter(action="catalog.copy.create", object_id=str(copy.pk)).exists()
    assert "A-7" in client.get(reverse("catalog:detail", args=[record.pk])).content.decode()


def test_a_repeated_accession_number_or_barcode_is_shown_on_the_form(
    client: Client, world: World, dilnoza: User, record: Record
) -> None:
    actions.create_copy(dilnoza, record, accession_number="A-1", barcode="200001")
    login(client, dilnoza)
    page = add(client, record, accession_number="A-1", shelf_location="kept").content.decode()
    assert "Another copy already has the accession number A-1." in page and 'value="kept"' in page
    page = add(client, record, accession_number="A-2", barcode="200001").content.decode()
    assert "Another copy already has the barcode 200001." in page
    assert Copy.objects.filter(record=record).count() == 1


def test_another_library_may_use_the_same_numbers(world: World, dilnoza: User, record: Record) -> None:
    actions.create_copy(dilnoza, record, accession_number="A-1", barcode="200001")
    theirs = actions.create_record(None, world.dostlik, book("Shum bola"))
    assert actions.create_copy(None, theirs, accession_number="A-1", barcode="200001").pk


def test_only_cataloguers_of_the_library_add_copies(client: Client, world: World, record: Record) -> None:
    login(client, world.bob)
    assert "copies/new" not in client.get(reverse("catalog:detail", args=[record.pk])).content.decode()
    assert add(client, record, accession_number="B-1").status_code == 403
    login(client, world.charlie)
    assert add(client, record, accession_number="C-1").status_code == 404
    assert not Copy.objects.exists()
