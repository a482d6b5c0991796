"""The copy list of the institution (filters, paging), editing a copy, ticked copies (labels,
status) and the labels of a batch added on given days."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kutubxona.catalog import actions
from kutubxona.catalog.labels import COLUMNS, ROWS
from kutubxona.catalog.models import Copy, CopyCollection, CopyStatus, Record
from kutubxona.core.models import AuditEntry
from kutubxona.institutions.models import Sector, User
from tests.catalog.test_matching import book
from tests.conftest import World, login


@pytest.fixture(autouse=True)
def _english_pages(client: Client) -> None:
    """Pages are checked in English (a user's language is otherwise Uzbek)."""
    client.cookies["django_language"] = "en"


@pytest.fixture
def copies(world: World, dilnoza: User) -> list[Copy]:
    """Seven copies of two Arnasoy books and one of a Do'stlik book."""
    shum = actions.create_record(dilnoza, world.arnasoy, book("Shum bola", author="G'ulom, G'afur"))
    kecha = actions.create_record(dilnoza, world.arnasoy, book("Кеча ва кундуз", author="Cho'lpon"))
    lending = Sector.objects.get(institution=world.arnasoy, code="lending")
    made = [
        actions.create_copy(
            dilnoza,
            shum if number < 4 else kecha,
            accession_number=f"{number:05d}",
            barcode=f"2000{number:06d}",
            sector=lending if number % 2 else None,
            collection=CopyCollection.RARE if number == 6 else CopyCollection.MAIN,
            status=CopyStatus.AVAILABLE,
        )
        for number in range(1, 8)
    ]
    theirs = actions.create_record(None, world.dostlik, book("Shum bola"))
    actions.create_copy(None, theirs, accession_number="00001", barcode="DOSTLIK1")
    return made


def _listed(client: Client, **filters: str) -> set[str]:
    page = client.get(reverse("catalog:copies"), filters)
    assert page.status_code == 200
    return {copy.accession_number for copy in page.context["page"]}


def test_copy_list_filters(client: Client, world: World, copies: list[Copy]) -> None:
    login(client, world.bob)  # everyone on the staff looks copies up
    assert _listed(client) == {f"{n:05d}" for n in range(1, 8)}  # not Do'stlik's
    assert _listed(client, q="kecha") == {"00004", "00005", "00006", "00007"}  # Latin finds Cyrillic
    assert _listed(client, q="00002") == {"00002"}
    assert _listed(client, q="2000000003") == {"00003"}
    assert _listed(client, collection="rare") == {"00006"}
    lending = Sector.objects.get(institution=world.arnasoy, code="lending")
    assert _listed(client, sector=str(lending.pk)) == {"00001", "00003", "00005", "00007"}
    actions.update_copy(None, copies[0], status=CopyStatus.LOST)
    assert _listed(client, status="lost") == {"00001"}
    assert _listed(client, status="nonsense") == {f"{n:05d}" for n in range(1, 8)}  # a bad filter is ignored


def test_copy_list_is_paginated(client: Client, world: World, dilnoza: User) -> None:
    record = actions.create_record(dilnoza, world.arnasoy, book("Ko'p nusxa"))
    for number in range(55):
        actions.create_copy(dilnoza, record, accession_number=f"K{number:03d}")
    login(client, dilnoza)
    first = client.get(reverse("catalog:copies"), {"q": "ko'p"})
    assert len(first.context["page"]) == 50 and "page=2" in first.content.decode()
    assert len(client.get(reverse("catalog:copies"), {"q": "ko'p", "page": "2"}).context["page"]) == 5


def test_edit_a_copy_with_uniqueness_messages(
    client: Client, world: World, dilnoza: User, copies: list[Copy]
) -> None:
    url = reverse("catalog:copy_edit", args=[copies[0].pk])
    login(client, dilnoza)
    data = {
        "accession_number": "00002",
        "barcode": "2000000003",
        "collection": "local_history",
        "sector": "",
        "shelf_location": "G-12",
        "status": "in_processing",
        "price": "25000",
        "notes": "Muqovasi yangilangan",
    }
    taken = client.post(url, data)
    page = taken.content.decode()
    assert taken.status_code == 200
    assert "Another copy already has the accession number 00002." in page
    assert "Another copy already has the barcode 2000000003." in page
    assert "Muqovasi yangilangan" in page  # what was typed stays
    copies[0].refresh_from_db()
    assert copies[0].shelf_location == ""  # nothing half-saved
    data.update(accession_number="00001-A", barcode="2000000099")
    assert client.post(url, data).status_code == 302
    copies[0].refresh_from_db()
    assert (copies[0].accession_number, copies[0].collection, copies[0].price) == (
        "00001-A",
        CopyCollection.LOCAL_HISTORY,
        Decimal("25000"),
    )
    entry = AuditEntry.objects.filter(action="catalog.copy.update").get()
    assert entry.changes["collection"] == ["main", "local_history"]
    # The same number as another library's copy is fine: numbers are the institution's own.
    data.update(barcode="DOSTLIK1")
    assert client.post(url, data).status_code == 302


def test_copy_edit_tenancy_and_permissions(client: Client, world: World, copies: list[Copy]) -> None:
    url = reverse("catalog:copy_edit", args=[copies[0].pk])
    login(client, world.bob)
    assert client.get(url).status_code == 403
    login(client, world.charlie)
    assert client.get(url).status_code == 404


def _labels(response: object) -> list[str]:
    """The codes printed under the barcodes, page by page, read back from the PDF."""
    reader = PdfReader(io.BytesIO(response.content))  # type: ignore[attr-defined]
    return [
        line for page in reader.pages for line in page.extract_text().splitlines() if line.startswith("2000")
    ]


def test_labels_of_ticked_copies(client: Client, world: World, dilnoza: User, copies: list[Copy]) -> None:
    login(client, dilnoza)
    chosen = [copies[1], copies[4], copies[6]]
    response = client.post(
        reverse("catalog:copies_selected"), {"copy": [copy.pk for copy in chosen], "action": "labels"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
    assert sorted(_labels(response)) == sorted(copy.barcode for copy in chosen)


def test_labels_of_many_ticked_copies_fill_pages(client: Client, world: World, dilnoza: User) -> None:
    record = actions.create_record(dilnoza, world.arnasoy, book("Ko'p nusxa"))
    made = [
        actions.create_copy(dilnoza, record, accession_number=f"K{n:03d}", barcode=f"2000{n:06d}")
        for n in range(COLUMNS * ROWS + 1)
    ]
    login(client, dilnoza)
    response = client.post(reverse("catalog:copies_selected"), {"copy": [copy.pk for copy in made]})
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 2
    assert len(_labels(response)) == COLUMNS * ROWS + 1


def test_ticked_copies_of_another_library_are_left_out(
    client: Client, world: World, dilnoza: User, copies: list[Copy]
) -> None:
    theirs = Copy.objects.get(barcode="DOSTLIK1")
    login(client, dilnoza)
    response = client.post(reverse("catalog:copies_selected"), {"copy": [copies[0].pk, theirs.pk]})
    assert _labels(response) == [copies[0].barcode]
    login(client, world.bob)
    assert client.post(reverse("catalog:copies_selected"), {"copy": [copies[0].pk]}).status_code == 403


def test_status_of_ticked_copies(client: Client, world: World, dilnoza: User, copies: list[Copy]) -> None:
    login(client, dilnoza)
    url = reverse("catalog:copies_selected")
    response = client.post(
        url, {"copy": [copies[0].pk, copies[1].pk], "action": "status", "status": "withdrawn"}
    )
    assert response.status_code == 302
    assert set(Copy.objects.filter(status=CopyStatus.WITHDRAWN).values_list("pk", flat=True)) == {
        copies[0].pk,
        copies[1].pk,
    }
    assert AuditEntry.objects.filter(action="catalog.copy.update").count() == 2
    none = client.post(url, {"action": "status", "status": "lost"}, follow=True)
    assert "Tick at least one copy." in none.content.decode()
    assert not Copy.objects.filter(status=CopyStatus.LOST).exists()


def test_labels_of_a_batch_added_on_given_days(
    client: Client, world: World, dilnoza: User, copies: list[Copy]
) -> None:
    day = datetime.date(2026, 3, 10)
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(18)))
    Copy.objects.filter(pk__in=[copies[2].pk, copies[3].pk]).update(created_at=at)
    Copy.objects.filter(barcode="DOSTLIK1").update(created_at=at)
    login(client, dilnoza)
    url = reverse("catalog:labels_by_date")
    response = client.get(url, {"start": "2026-03-10", "end": "2026-03-10"})
    assert response.status_code == 200
    assert sorted(_labels(response)) == [copies[2].barcode, copies[3].barcode]
    empty = client.get(url, {"start": "2026-03-11", "end": "2026-03-12"}, follow=True)
    assert "No copies were added on those days." in empty.content.decode()
    backwards = client.get(url, {"start": "2026-03-12", "end": "2026-03-11"}, follow=True)
    assert "The first day is after the last." in backwards.content.decode()
    login(client, world.bob)
    assert client.get(url, {"start": "2026-03-10", "end": "2026-03-10"}).status_code == 403


def test_the_record_page_links_its_copies_to_their_edit_page(
    client: Client, world: World, dilnoza: User, copies: list[Copy]
) -> None:
    record: Record = copies[0].record
    login(client, dilnoza)
    page = client.get(reverse("catalog:detail", args=[record.pk])).content.decode()
    assert reverse("catalog:copy_edit", args=[copies[0].pk]) in page
