"""The public catalogue's pages: search without login, facets, the record page, export; staff search."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

from kutubxona.catalog import fulltext
from kutubxona.catalog.models import AccessLevel, CopyStatus
from tests.catalog.test_fulltext import pdf_bytes
from tests.conftest import World
from tests.search.conftest import MakeRecord, add_copy

pytestmark = pytest.mark.django_db


def test_anonymous_reader_searches_in_cyrillic_and_sees_availability(
    world: World, make_record: MakeRecord, client: Client
) -> None:
    book = make_record("O‘tkan kunlar", "Qodiriy, Abdulla", year=1926)
    add_copy(book, "A-1", status=CopyStatus.AVAILABLE)
    add_copy(book, "A-2", status=CopyStatus.AVAILABLE)
    add_copy(book, "A-3", status=CopyStatus.ON_LOAN)
    make_record("Mehrobdan chayon", "Qodiriy, Abdulla", year=1929)
    response = client.get(reverse("opac:search"), {"q": "Ўтган кунлар"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "O‘tkan kunlar" in page
    assert "Mehrobdan chayon" not in page
    assert "3 tadan 2 tasi javonda, " + world.arnasoy.short in page  # in Uzbek, the first language
    record_page = client.get(reverse("opac:record", args=[book.pk])).content.decode()
    assert "A-1" not in record_page  # accession numbers are for staff
    assert "3 tadan 2 tasi javonda" in record_page
    assert reverse("circulation:hold_place") not in record_page  # the hold button is for a logged-in reader


def test_exports(make_record: MakeRecord, client: Client) -> None:
    book = make_record("Navoiy", "Oybek", year=1945, isbn="9789943000000")
    ris = client.get(reverse("opac:record_export", args=[book.pk, "ris"])).content.decode()
    assert "TY  - BOOK" in ris and "TI  - Navoiy" in ris and "AU  - Oybek" in ris
    xml = client.get(reverse("opac:record_export", args=[book.pk, "marcxml"])).content.decode()
    assert "<record" in xml and "Navoiy" in xml
    marc = client.get(reverse("opac:record_export", args=[book.pk, "marc"])).content
    assert marc.endswith(b"\x1d")
    assert client.get(reverse("opac:record_export", args=[book.pk, "pdf"])).status_code == 404


def test_a_wrong_year_keeps_what_was_typed_and_says_why(client: Client) -> None:
    page = client.get(reverse("opac:search"), {"q": "Navoiy", "year_from": "19x5"}).content.decode()
    assert 'value="Navoiy"' in page and 'value="19x5"' in page
    assert "field-errors" in page and '<details class="opac-advanced" open>' in page


def test_the_public_record_page_does_not_name_staff_only_files(
    world: World, make_record: MakeRecord, client: Client
) -> None:
    book = make_record("Boburnoma", "Bobur, Zahiriddin Muhammad", year=1990)
    fulltext.attach(None, book, io.BytesIO(pdf_bytes()), name="ichki-skan.pdf", access=AccessLevel.STAFF)
    fulltext.attach(None, book, io.BytesIO(pdf_bytes()), name="ochiq-nashr.pdf", access=AccessLevel.PUBLIC)
    page = client.get(reverse("opac:record", args=[book.pk])).content.decode()
    assert "ochiq-nashr.pdf" in page and "ichki-skan.pdf" not in page
