"""Barcode labels (Code 128) of a record's copies, as a PDF to print on a sticker sheet."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from kutubxona.catalog import actions
from kutubxona.catalog.labels import COLUMNS, ROWS, labels_pdf
from kutubxona.catalog.models import Copy, Record
from kutubxona.institutions.models import User
from tests.catalog.test_matching import book
from tests.conftest import World, login


def _record_with_copies(world: World, cataloguer: User, count: int) -> Record:
    record = actions.create_record(cataloguer, world.arnasoy, book("Ўткан кунлар"))
    for number in range(1, count + 1):
        actions.create_copy(cataloguer, record, accession_number=f"A-{number}", barcode=f"2000{number:06d}")
    return record


def test_every_copy_gets_a_label_with_its_barcode(world: World, dilnoza: User) -> None:
    record = _record_with_copies(world, dilnoza, COLUMNS * ROWS + 2)  # more than one page
    copies = list(Copy.objects.filter(record=record).select_related("institution", "record"))
    pdf = labels_pdf(copies, compress=False)
    assert pdf.startswith(b"%PDF")
    for copy in copies:
        assert f"({copy.barcode}) Tj".encode() in pdf  # the digits under each barcode
    assert pdf.count(b"/Type /Page\n") == 2


def test_labels_page_for_cataloguers_only(client: Client, world: World, dilnoza: User) -> None:
    record = _record_with_copies(world, dilnoza, 3)
    url = reverse("catalog:labels", args=[record.pk])
    login(client, dilnoza)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 2000
    login(client, world.bob)
    assert client.get(url).status_code == 403
    login(client, world.charlie)
    assert client.get(url).status_code == 404
