"""The scan job's pages in the browser's terms: who may see and change what, the upload and its
bad inputs (nothing saved), reordering, starting OCR and its progress, reading a page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kutubxona.catalog.models import Record
from kutubxona.core import jobs
from kutubxona.digitization.models import ScanJob, ScanPage, Status
from kutubxona.institutions.models import User
from tests.conftest import World, login
from tests.digitization.conftest import add, make_record, make_scan, page_image, pdf_of, upload


@pytest.fixture(autouse=True)
def _english(client: Client) -> None:
    client.cookies["django_language"] = "en"


def _post_pages(client: Client, scan: ScanJob, *files: Any) -> Any:
    return client.post(reverse("digitization:upload", args=[scan.pk]), {"files": list(files)})


def test_the_operator_makes_a_job_by_accession_number_or_title(
    client: Client, umid: User, record: Record
) -> None:
    from kutubxona.catalog import actions as catalog_actions

    copy = catalog_actions.create_copy(None, record, accession_number="4711")
    login(client, umid)
    response = client.post(
        reverse("digitization:create"),
        {"kind": "request", "find": "4711", "languages": ["uzb", "rus"], "access": "readers"},
    )
    scan = ScanJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "digitization:detail", args=[scan.pk]
    )
    assert (scan.record, scan.copy, scan.languages, scan.access) == (record, copy, "uzb+rus", "readers")
    assert (scan.number, scan.year, scan.operator) == (1, scan.created_at.year, umid)

    client.post(
        reverse("digitization:create"), {"kind": "plan", "find": "viloyati tarixi", "access": "public"}
    )
    second = ScanJob.objects.exclude(pk=scan.pk).get()
    assert second.number == 2 and second.languages == "uzb+uzb_cyrl" and second.copy is None


def test_a_record_not_found_keeps_what_was_typed(client: Client, umid: User, record: Record) -> None:
    login(client, umid)
    response = client.post(
        reverse("digitization:create"), {"kind": "request", "find": "Yo'q kitob", "access": "public"}
    )
    assert response.status_code == 400
    assert "No record found" in response.content.decode()
    assert 'value="Yo&#x27;q kitob"' in response.content.decode()
    assert not ScanJob.objects.exists()


def test_upload_shows_pages_with_thumbnails_and_reorders(client: Client, umid: User, record: Record) -> None:
    scan = make_scan(umid, record)
    login(client, umid)
    response = _post_pages(
        client,
        scan,
        upload(page_image(["Birinchi"]), "a.png"),
        upload(pdf_of(page_image(["Ikkinchi"]), page_image(["Uchinchi"])), "b.pdf"),
    )
    assert response.status_code == 302
    pages = list(scan.pages.order_by("number"))
    assert [(p.source_name, p.page_index) for p in pages] == [("a.png", 0), ("b.pdf", 0), ("b.pdf", 1)]
    assert pages[0].source.name.startswith("digitization/arnasoy/") and pages[1].source == pages[2].source
    detail = client.get(reverse("digitization:detail", args=[scan.pk]))
    assert detail.content.decode().count("/thumbnail/") == 3
    thumb = client.get(reverse("digitization:thumbnail", args=[pages[1].pk]))
    assert thumb.status_code == 200 and thumb.getvalue()[:3] == b"\xff\xd8\xff"

    client.post(reverse("digitization:move", args=[pages[2].pk]), {"direction": "up"})
    assert list(scan.pages.order_by("number").values_list("pk", flat=True)) == [
        pages[0].pk,
        pages[2].pk,
        pages[1].pk,
    ]
    client.post(reverse("digitization:remove", args=[pages[0].pk]))
    assert list(scan.pages.order_by("number").values_list("number", "pk")) == [
        (1, pages[2].pk),
        (2, pages[1].pk),
    ]


def test_bad_files_are_refused_with_a_message_and_nothing_is_saved(
    client: Client, umid: User, record: Record
) -> None:
    scan = make_scan(umid, record)
    login(client, umid)
    cases = [
        (upload(b"\x89PNG\r\n\x1a\n" + b"not really a picture" * 10, "scan.png"), "damaged or not an image"),
        (upload(b"Hello, this is text", "scan.jpg"), "not a scanned page"),
        (upload(b"%PDF-1.4\n%%EOF\n", "empty.pdf"), "damaged"),
        (
            upload(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" + b"garbage" * 20, "broken.pdf"),
            "damaged",
        ),
    ]
    for bad, message in cases:
        response = _post_pages(client, scan, upload(page_image(), "good.png"), bad)
        assert response.status_code == 400, bad.name
        assert message in response.content.decode(), (bad.name, response.content.decode()[-3000:])
        assert bad.name in response.content.decode()
    assert not ScanPage.objects.exists()


def test_a_pdf_without_pages_is_refused(client: Client, umid: User, record: Record) -> None:
    import io

    import pypdfium2 as pdfium

    empty = pdfium.PdfDocument.new()
    buffer = io.BytesIO()
    empty.save(buffer)
    scan = make_scan(umid, record)
    login(client, umid)
    response = _post_pages(client, scan, upload(buffer.getvalue(), "empty.pdf"))
    assert response.status_code == 400
    assert "this PDF has no pages" in response.content.decode()
    assert not ScanPage.objects.exists()


def test_an_upload_over_the_limit_is_refused_before_it_is_read(
    client: Client, umid: User, record: Record, settings: Any
) -> None:
    settings.KUTUBXONA_SCAN_MAX_MB = 1
    scan = make_scan(umid, record)
    login(client, umid)
    big = upload(b"\xff\xd8\xff" + b"\0" * (1024 * 1024 + 10), "big.jpg")
    response = _post_pages(client, scan, big)
    assert response.status_code == 413
    assert "larger than 1 MB" in response.content.decode()
    assert not ScanPage.objects.exists()


def test_a_request_claiming_two_gigabytes_is_refused_without_reading_it(
    client: Client, umid: User, record: Record
) -> None:
    scan = make_scan(umid, record)
    login(client, umid)

    class Unreadable:
        def read(self, *args: Any) -> bytes:
            raise AssertionError("the body was read")

        readline = read

    response = client.generic(
        "POST",
        reverse("digitization:upload", args=[scan.pk]),
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(2 * 1024**3),
        **{"wsgi.input": Unreadable()},  # type: ignore[arg-type]
    )
    assert response.status_code == 413
    assert "larger than 500 MB" in response.content.decode()


def test_the_upload_handler_stops_a_body_without_length_at_the_limit() -> None:
    from django.core.files.uploadhandler import StopUpload

    from kutubxona.digitization.files import LimitedUploadHandler

    handler = LimitedUploadHandler(limit=10)
    assert handler.receive_data_chunk(b"12345", 0) == b"12345"
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"678901", 5)
    assert handler.exceeded


def test_start_ocr_shows_progress_then_the_text(client: Client, umid: User, record: Record) -> None:
    scan = make_scan(umid, record, languages=["uzb"])
    add(umid, scan, page_image(["Qadimiy Samarqand"]))
    login(client, umid)
    client.post(reverse("digitization:start", args=[scan.pk]))
    scan.refresh_from_db()
    assert scan.status == Status.QUEUED
    waiting = client.get(reverse("digitization:progress", args=[scan.pk])).json()
    assert waiting["finished"] is False and waiting["percent"] == 0
    jobs.run_pending()
    done = client.get(reverse("digitization:progress", args=[scan.pk])).json()
    assert done["finished"] is True and done["percent"] == 100 and done["pages"] == 1
    page = scan.pages.get()
    read = client.get(reverse("digitization:read", args=[page.pk]))
    assert "Samarqand" in read.content.decode()
    image = client.get(reverse("digitization:image", args=[page.pk]))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    detail = client.get(reverse("digitization:detail", args=[scan.pk])).content.decode()
    scan.refresh_from_db()
    assert reverse("catalog:fulltext_file", args=[scan.fulltext_id]) in detail
    # A done job's pages stay as they are.
    response = _post_pages(client, scan, upload(page_image(), "late.png"))
    assert response.status_code == 400 and "only while the job is a draft" in response.content.decode()


def test_without_tesseract_jobs_are_made_and_counted_but_ocr_is_refused(
    client: Client, umid: User, record: Record, settings: Any
) -> None:
    settings.KUTUBXONA_TESSERACT = "/nonexistent/tesseract"
    login(client, umid)
    listing = client.get(reverse("digitization:list")).content.decode()
    assert "OCR is off" in listing and "apt install tesseract-ocr tesseract-ocr-uzb" in listing
    scan = make_scan(umid, record)
    assert _post_pages(client, scan, upload(page_image(), "a.png")).status_code == 302
    response = client.post(reverse("digitization:start", args=[scan.pk]), follow=True)
    assert "OCR is off" in response.content.decode()
    scan.refresh_from_db()
    assert scan.status == Status.DRAFT and scan.job is None and scan.pages.count() == 1


def test_who_may_see_and_who_may_change(client: Client, world: World, umid: User, record: Record) -> None:
    scan = make_scan(umid, record)
    add(umid, scan, page_image(["Bir"]))
    page = scan.pages.get()
    detail = reverse("digitization:detail", args=[scan.pk])
    # The director and the region's methodist read it; the lending desk does not.
    for reader in (world.alice, world.maria):
        login(client, reader)
        assert client.get(detail).status_code == 200
        assert client.get(reverse("digitization:list")).status_code == 200
        assert client.post(reverse("digitization:start", args=[scan.pk])).status_code == 403
        assert client.post(reverse("digitization:remove", args=[page.pk])).status_code == 403
        assert _post_pages(client, scan, upload(page_image(), "x.png")).status_code == 403
        assert client.get(reverse("digitization:create")).status_code == 403
    login(client, world.bob)
    assert client.get(detail).status_code == 403
    # Another district's director finds nothing.
    login(client, world.charlie)
    assert client.get(detail).status_code == 404
    assert client.get(reverse("digitization:read", args=[page.pk])).status_code == 404
    other = make_record(world.dostlik)
    assert ScanJob.objects.filter(record=other).count() == 0
    assert scan.pages.count() == 1 and ScanJob.objects.get(pk=scan.pk).status == Status.DRAFT


def test_a_long_pdf_gets_its_later_thumbnails_when_shown(
    client: Client, umid: User, record: Record, settings: Any
) -> None:
    from kutubxona.digitization import files

    scan = make_scan(umid, record)
    pages = [page_image([f"Sahifa {n}"], size=20) for n in range(files.THUMBNAILS_AT_UPLOAD + 2)]
    add(umid, scan, pdf_of(*pages), name="kitob.pdf")
    last = scan.pages.order_by("number").last()
    assert last is not None and not last.thumbnail and last.page_index == files.THUMBNAILS_AT_UPLOAD + 1
    login(client, umid)
    thumb = client.get(reverse("digitization:thumbnail", args=[last.pk]))
    assert thumb.status_code == 200 and thumb.getvalue()[:3] == b"\xff\xd8\xff"


def test_the_home_tile_and_the_records_scan_link(
    client: Client, world: World, umid: User, record: Record
) -> None:
    login(client, umid)
    assert 'href="/digitization/"' in client.get("/").content.decode()
    detail = client.get(reverse("catalog:detail", args=[record.pk])).content.decode()
    assert f"/digitization/new/?record={record.pk}" in detail
    form = client.get(f"/digitization/new/?record={record.pk}").content.decode()
    assert f'value="#{record.pk}"' in form
    login(client, world.bob)  # the lending desk neither sees the tile nor scans
    assert 'href="/digitization/"' not in client.get("/").content.decode()
    assert (
        "/digitization/new/" not in client.get(reverse("catalog:detail", args=[record.pk])).content.decode()
    )


def test_the_list_counts_each_jobs_pages(client: Client, umid: User, record: Record) -> None:
    two, none = make_scan(umid, record), make_scan(umid, record)
    add(umid, two, page_image(["Bir"]), page_image(["Ikki"]))
    login(client, umid)
    shown = {scan.pk: scan.page_count for scan in client.get(reverse("digitization:list")).context["page"]}
    assert shown == {two.pk: 2, none.pk: 0}
