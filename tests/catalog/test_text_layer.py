"""A linked PDF's own text layer is read by a background job and searched; a scan stays without."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from kutubxona.catalog import actions, fulltext
from kutubxona.catalog.models import AccessLevel, FullText, Record
from kutubxona.core import jobs
from kutubxona.core.models import Job, JobStatus
from kutubxona.institutions.models import User
from kutubxona.search.engine import search
from kutubxona.search.query import Query
from tests.catalog.test_matching import book
from tests.conftest import World, login

pytestmark = pytest.mark.django_db


def pdf(*pages: str, image: bool = False) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for text in pages:
        if image:  # a scan: a picture of a page, no text layer
            canvas.drawImage(ImageReader(Image.new("RGB", (60, 80), "white")), 100, 500)
        else:
            canvas.drawString(100, 700, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture
def record(world: World, dilnoza: User) -> Record:
    return actions.create_record(dilnoza, world.arnasoy, book("Vohaning tarixi"))


def _link(user: User, record: Record, data: bytes, **options: Any) -> FullText:
    return fulltext.attach(
        user, record, io.BytesIO(data), name="kitob.pdf", access=AccessLevel.PUBLIC, **options
    )


def _found(word: str) -> list[int]:
    return search(Query(text=word)).ids


def test_a_born_digital_pdf_is_read_in_the_background_and_searched(
    client: Client, dilnoza: User, record: Record
) -> None:
    item = _link(dilnoza, record, pdf("Birinchi sahifa", "Zarafshon vohasi", "Uchinchi"))
    job = Job.objects.get(kind=fulltext.EXTRACT_TEXT)
    assert job.params == {"fulltext": item.pk} and _found("zarafshon") == []  # the upload did not wait
    assert jobs.run_pending() == 1
    item.refresh_from_db()
    assert item.text.split("\f") == ["Birinchi sahifa", "Zarafshon vohasi", "Uchinchi"]
    assert item.pages == 3
    assert _found("zarafshon") == [record.pk]
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress_done == 3
    client.cookies["django_language"] = "en"
    page = login(client, dilnoza).get(reverse("catalog:detail", args=[record.pk]))
    assert "text of 3 pages, searchable" in page.content.decode()


def test_a_scan_without_a_text_layer_says_so(client: Client, dilnoza: User, record: Record) -> None:
    item = _link(dilnoza, record, pdf("", "", image=True))
    jobs.run_pending()
    item.refresh_from_db()
    assert (item.text, item.pages) == ("", 2)
    assert fulltext.has_no_text_layer(item)
    client.cookies["django_language"] = "en"
    page = login(client, dilnoza).get(reverse("catalog:detail", args=[record.pk]))
    assert "no text layer: scan/OCR it in Digitisation" in page.content.decode()


def test_a_file_given_with_its_text_or_not_a_pdf_is_not_read(dilnoza: User, record: Record) -> None:
    _link(dilnoza, record, pdf("Zarafshon"), text="OCR matni", pages=1)
    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, "PNG")
    _link(dilnoza, record, png.getvalue())
    assert not Job.objects.filter(kind=fulltext.EXTRACT_TEXT).exists()


def test_a_broken_pdf_fails_the_job_clearly_and_nothing_else(dilnoza: User, record: Record) -> None:
    item = _link(dilnoza, record, b"%PDF-1.4\n" + b"garbage " * 50)
    jobs.run_pending()
    job = Job.objects.get(kind=fulltext.EXTRACT_TEXT)
    assert job.status == JobStatus.FAILED and "The PDF cannot be read" in job.error
    item.refresh_from_db()
    assert (item.text, item.pages) == ("", None) and FullText.objects.count() == 1


def test_a_pdf_without_pages_fails_the_job_clearly(dilnoza: User, record: Record) -> None:
    import pypdfium2 as pdfium

    empty = io.BytesIO()
    pdfium.PdfDocument.new().save(empty)
    _link(dilnoza, record, empty.getvalue())
    jobs.run_pending()
    job = Job.objects.get(kind=fulltext.EXTRACT_TEXT)
    assert job.status == JobStatus.FAILED
    assert "The PDF cannot be read: it is damaged or has no pages." in job.error
