"""OCR of a scan job: the pages' text in Uzbek Latin and Cyrillic, the searchable PDF linked to
the record as its full text, and the catalogue search finding the record by an OCR-only word."""

from __future__ import annotations

from typing import Any

import pypdfium2 as pdfium
from django.core.files.storage import default_storage

from kutubxona.catalog.models import FullText, Record
from kutubxona.core import jobs
from kutubxona.core.models import JobStatus
from kutubxona.core.text import fold
from kutubxona.digitization import actions
from kutubxona.digitization.models import PageStatus, ScanJob, Status
from kutubxona.institutions.models import User
from kutubxona.search.engine import search
from kutubxona.search.query import Query
from tests.digitization.conftest import CYRILLIC, LATIN, add, make_scan, page_image, pdf_of


def _words(text: str) -> str:
    return " ".join(fold(text).split())


def test_ocr_reads_latin_and_cyrillic_pages_and_links_a_searchable_pdf(umid: User, record: Record) -> None:
    scan = make_scan(umid, record, languages=["uzb", "uzb_cyrl"])
    add(umid, scan, page_image(), page_image(["Ikkinchi sahifa", "Иккинчи саҳифа"]))
    actions.start_ocr(umid, scan)
    assert jobs.run_pending() == 1

    scan.refresh_from_db()
    assert scan.status == Status.DONE, scan.error_text
    first, second = scan.pages.order_by("number")
    assert first.status == second.status == PageStatus.DONE
    for line in (*LATIN, *CYRILLIC):
        assert _words(line) in _words(first.text), (line, first.text)
    assert "sahifa" in second.text.lower()
    assert first.confidence is not None and first.confidence > 60

    item = FullText.objects.get(record=record)
    assert scan.fulltext == item
    assert item.pages == 2
    assert item.text == f"{first.text}\f{second.text}"
    assert item.kind == "pdf" and item.access == scan.access
    with default_storage.open(item.file.name, "rb") as stored:
        document = pdfium.PdfDocument(stored.read())
    assert len(document) == 2
    layer = document[0].get_textpage().get_text_range()
    assert "Zarafshon" in layer and "Мирзач" in layer


def test_the_catalogue_search_finds_the_record_by_a_word_only_the_scan_has(
    umid: User, record: Record
) -> None:
    """Needs the search index to read `FullText.text` (helper B's side of issue 9)."""
    assert not search(Query(text="karvonsaroy")).hits
    scan = make_scan(umid, record, languages=["uzb", "uzb_cyrl"])
    add(umid, scan, page_image())
    actions.start_ocr(umid, scan)
    jobs.run_pending()
    assert [hit.id for hit in search(Query(text="karvonsaroy")).hits] == [record.pk]
    assert [hit.id for hit in search(Query(text="Мирзачўл")).hits] == [record.pk]


def test_a_pdf_upload_is_read_page_by_page(umid: User, record: Record) -> None:
    scan = make_scan(umid, record, languages=["uzb"])
    add(umid, scan, pdf_of(page_image(["Birinchi varaq"]), page_image(["Ikkinchi varaq"])), name="book.pdf")
    assert [(p.number, p.page_index) for p in scan.pages.order_by("number")] == [(1, 0), (2, 1)]
    actions.start_ocr(umid, scan)
    jobs.run_pending()
    texts = [p.text for p in scan.pages.order_by("number")]
    assert "Birinchi" in texts[0] and "Ikkinchi" in texts[1]


def test_a_resumed_job_does_not_read_pages_again(umid: User, record: Record, monkeypatch: Any) -> None:
    from kutubxona.digitization import tesseract

    scan = make_scan(umid, record, languages=["uzb"])
    add(umid, scan, page_image(["Birinchi"]), page_image(["Ikkinchi"]), page_image(["Uchinchi"]))
    real, calls = tesseract.read_page, []

    def flaky(executable: str, image: Any, out: Any, languages: list[str], page: int, **kw: Any) -> Any:
        calls.append(page)
        if page == 3 and calls.count(3) == 1:
            raise tesseract.OcrError(tesseract.FAILED, page=page, error="simulated")
        return real(executable, image, out, languages, page, **kw)

    monkeypatch.setattr(tesseract, "read_page", flaky)
    actions.start_ocr(umid, scan)
    jobs.run_pending()
    scan.refresh_from_db()
    assert scan.status == Status.FAILED
    assert scan.job is not None and scan.job.status == JobStatus.FAILED
    assert "Tesseract could not read page 3: simulated" in scan.error_text
    assert [p.status for p in scan.pages.order_by("number")] == ["done", "done", "failed"]

    actions.retry(umid, scan)
    jobs.run_pending()
    scan.refresh_from_db()
    assert scan.status == Status.DONE
    assert calls == [1, 2, 3, 3]  # pages 1 and 2 were not read again
    assert ScanJob.objects.get(pk=scan.pk).fulltext is not None


def test_a_missing_language_pack_fails_the_job_by_name_then_retry_after_installing(
    umid: User, record: Record, settings: Any, tmp_path: Any
) -> None:
    """A Tesseract that lists no Uzbek Cyrillic pack (a wrapper of the real one), then the real one."""
    fake = tmp_path / "tesseract"
    fake.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "--list-langs" ]; then\n'
        '  printf "List of available languages (2):\\neng\\nuzb\\n"; exit 0\n'
        "fi\n"
        'exec tesseract "$@"\n'
    )
    fake.chmod(0o755)
    settings.KUTUBXONA_TESSERACT = str(fake)
    scan = make_scan(umid, record, languages=["uzb", "uzb_cyrl"])
    add(umid, scan, page_image())
    actions.start_ocr(umid, scan)
    jobs.run_pending()
    scan.refresh_from_db()
    assert scan.status == Status.FAILED
    assert scan.error_text == (
        "The Tesseract language pack uzb_cyrl is not installed. "
        "Install it: apt install tesseract-ocr-uzb-cyrl"
    )
    assert not FullText.objects.exists()
    assert scan.pages.get().status == PageStatus.WAITING

    settings.KUTUBXONA_TESSERACT = "tesseract"
    actions.retry(umid, scan)
    jobs.run_pending()
    scan.refresh_from_db()
    assert scan.status == Status.DONE and scan.error == ""
    assert FullText.objects.get().pages == 1


def test_tesseract_gone_after_queueing_fails_the_job_saying_how_to_install_it(
    umid: User, record: Record, settings: Any
) -> None:
    scan = make_scan(umid, record)
    add(umid, scan, page_image(["Bir"]))
    actions.start_ocr(umid, scan)
    settings.KUTUBXONA_TESSERACT = "/nonexistent/tesseract"
    jobs.run_pending()
    scan.refresh_from_db()
    assert scan.status == Status.FAILED
    assert "OCR is off" in scan.error_text and "tesseract-ocr-uzb-cyrl" in scan.error_text


def test_an_unreadable_page_file_fails_the_job_naming_the_page(umid: User, record: Record) -> None:
    scan = make_scan(umid, record, languages=["uzb"])
    add(umid, scan, page_image(["Bir"]), page_image(["Ikki"]))
    second = scan.pages.get(number=2)
    with default_storage.open(second.source.name, "wb") as broken:
        broken.write(b"\x89PNG\r\n\x1a\n broken")
    actions.start_ocr(umid, scan)
    jobs.run_pending()
    scan.refresh_from_db()
    assert scan.status == Status.FAILED
    assert scan.error_text.startswith("Page 2 cannot be read")
    assert [p.status for p in scan.pages.order_by("number")] == ["done", "failed"]
    assert "Bir" in scan.pages.get(number=1).text


def test_ocr_again_replaces_the_file_it_made(
    umid: User, record: Record, django_capture_on_commit_callbacks: Any
) -> None:
    from kutubxona.digitization import ocr

    scan = make_scan(umid, record, languages=["uzb"])
    add(umid, scan, page_image(["Bir"]))
    job = actions.start_ocr(umid, scan)
    jobs.run_pending()
    first = FullText.objects.get()
    job.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        ocr.run_ocr(job)  # run again (as a job resumed after its process died at the very end)
    second = FullText.objects.get()
    # The file row stays (its access, link date, collections); its bytes are the new ones.
    assert second.pk == first.pk and ScanJob.objects.get(pk=scan.pk).fulltext == second
    assert second.file.name != first.file.name
    assert not default_storage.exists(first.file.name) and default_storage.exists(second.file.name)


def test_the_page_for_tesseract_is_the_smaller_of_png_and_jpeg(tmp_path: Any) -> None:
    """Tesseract's PDF keeps the image it is given: a clean printed page goes as PNG, a noisy
    photographed one as JPEG, so the searchable PDF stays small."""
    import io
    import random

    from PIL import Image

    from kutubxona.digitization import files

    clean = Image.open(io.BytesIO(page_image()))
    clean.info["dpi"] = (300, 300)
    assert files.work_image(clean, tmp_path / "clean").suffix == ".png"
    rng = random.Random(1)
    noisy = Image.frombytes("L", (600, 800), bytes(rng.randrange(256) for _ in range(600 * 800)))
    noisy.info["dpi"] = (300, 300)
    assert files.work_image(noisy, tmp_path / "noisy").suffix == ".jpg"
