"""What the review of the digitisation app found, each mended: a job taken over by a second
runner, huge pages, Ctrl-C, retry by someone else, big books, low dpi, bad filters, twice the
same file, files left on disk."""

from __future__ import annotations

import datetime
import io
from io import StringIO
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from kutubxona.catalog.models import FullText, Record
from kutubxona.core import jobs
from kutubxona.core.models import Job, JobStatus
from kutubxona.digitization import actions, files, tesseract
from kutubxona.digitization.models import PageStatus, ScanJob, ScanPage, Status
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import User
from kutubxona.institutions.roles import Role
from tests.conftest import PASSWORD, World, login
from tests.digitization.conftest import add, make_scan, page_image, pdf_of, upload


def test_a_job_taken_over_by_another_runner_writes_nothing_more(
    umid: User, record: Record, monkeypatch: Any
) -> None:
    scan = make_scan(umid, record, languages=["uzb"])
    add(umid, scan, page_image(["Birinchi"]), page_image(["Ikkinchi"]))
    real = tesseract.read_page

    def slow(executable: str, image: Path, out: Path, languages: list[str], page: int, **kw: Any) -> Any:
        result = real(executable, image, out, languages, page, **kw)
        if page == 2:  # this page took so long that another runner thought the job dead
            taken = jobs.claim(stale_after=datetime.timedelta(seconds=-1))
            assert taken is not None and taken.attempts == 2
        return result

    monkeypatch.setattr(tesseract, "read_page", slow)
    actions.start_ocr(umid, scan)
    assert jobs.run_pending() == 1
    job = Job.objects.get()
    assert job.status == JobStatus.RUNNING and job.attempts == 2  # the second runner's, untouched
    assert [p.status for p in scan.pages.order_by("number")] == [PageStatus.DONE, PageStatus.WAITING]
    assert ScanJob.objects.get(pk=scan.pk).status == Status.RUNNING
    assert not FullText.objects.exists()


def test_the_heart_beats_while_tesseract_reads_a_long_page(tmp_path: Path, monkeypatch: Any) -> None:
    slow = tmp_path / "tesseract"
    slow.write_text('#!/bin/sh\nsleep 1\nexec tesseract "$@"\n')
    slow.chmod(0o755)
    image = tmp_path / "page.png"
    image.write_bytes(page_image(["Bir"]))
    monkeypatch.setattr(tesseract, "BEAT_SECONDS", 0.2)
    beats: list[int] = []
    result = tesseract.read_page(str(slow), image, tmp_path / "out", ["uzb"], 1, beat=lambda: beats.append(1))
    assert "Bir" in result.text
    assert len(beats) >= 3


def _pdf_page(width: float, height: float) -> bytes:
    document = pdfium.PdfDocument.new()
    document.new_page(width, height)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def test_a_pdf_with_a_huge_page_is_refused_naming_the_page(
    client: Client, umid: User, record: Record
) -> None:
    scan = make_scan(umid, record)
    login(client, umid)
    client.cookies["django_language"] = "en"
    huge = pdf_of(page_image(["Bir"]))  # a normal first page, then one 14400 pt square
    document = pdfium.PdfDocument(huge)
    document.new_page(14400, 14400)
    buffer = io.BytesIO()
    document.save(buffer)
    response = client.post(
        reverse("digitization:upload", args=[scan.pk]), {"files": [upload(buffer.getvalue(), "big.pdf")]}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "big.pdf: page 2 is 60000 × 60000 pixels at 300 dpi (3600 megapixels)" in text
    assert not ScanPage.objects.exists()


def test_a_page_stored_before_the_check_renders_within_the_cap(
    umid: User, record: Record, monkeypatch: Any
) -> None:
    name = default_storage.save("digitization/big.pdf", ContentFile(_pdf_page(1000, 1000)))
    monkeypatch.setattr(files, "MAX_MEGAPIXELS", 1)
    image = files.page_image(name, 0, dpi=150)  # 2083 px square uncapped
    assert image.width * image.height <= 1_000_000


def test_a_page_that_cannot_be_rendered_is_said_not_a_500(
    client: Client, umid: User, record: Record, monkeypatch: Any
) -> None:
    scan = make_scan(umid, record)
    add(umid, scan, page_image(["Bir"]))
    page = scan.pages.get()
    default_storage.delete(page.thumbnail.name)
    ScanPage.objects.filter(pk=page.pk).update(thumbnail="")

    def out_of_memory(*args: Any, **kwargs: Any) -> None:
        raise MemoryError

    monkeypatch.setattr(files, "page_image", out_of_memory)
    login(client, umid)
    client.cookies["django_language"] = "en"
    for view in ("digitization:image", "digitization:thumbnail"):
        response = client.get(reverse(view, args=[page.pk]))
        assert response.status_code == 422, view
        assert "cannot be shown" in response.content.decode()


def _tiff(*sizes: tuple[int, int]) -> bytes:
    frames = [Image.new("L", size, 255) for size in sizes]
    buffer = io.BytesIO()
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_lzw")
    return buffer.getvalue()


def test_a_tiff_with_a_huge_later_page_is_refused_naming_it(
    umid: User, record: Record, monkeypatch: Any
) -> None:
    scan = make_scan(umid, record)
    monkeypatch.setattr(files, "MAX_MEGAPIXELS", 1)
    with pytest.raises(ValidationError) as refused:
        add(umid, scan, _tiff((100, 100), (2000, 1000)), name="book.tif")
    assert refused.value.messages == [
        "book.tif: page 2 is 2000 × 1000 pixels (2 megapixels); the largest page read is 1 megapixels: "
        "scan it smaller or split it."
    ]
    assert not ScanPage.objects.exists()


def test_a_decompression_bomb_is_refused_or_said_not_a_500(
    client: Client, umid: User, record: Record, monkeypatch: Any
) -> None:
    scan = make_scan(umid, record)
    add(umid, scan, _tiff((300, 300), (400, 400)), name="book.tif")
    second = scan.pages.get(number=2)
    default_storage.delete(second.thumbnail.name)
    ScanPage.objects.filter(pk=second.pk).update(thumbnail="")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)  # now every page is a "bomb"
    with pytest.raises(ValidationError, match="too big to read"):
        add(umid, scan, _tiff((300, 300)), name="other.tif")
    login(client, umid)
    client.cookies["django_language"] = "en"
    assert client.get(reverse("digitization:thumbnail", args=[second.pk])).status_code == 422
    assert client.get(reverse("digitization:image", args=[second.pk])).status_code == 422


def test_ctrl_c_on_the_command_leaves_a_failed_job_that_can_be_retried(
    umid: User, record: Record, monkeypatch: Any
) -> None:
    scan = make_scan(umid, record, languages=["uzb"])
    add(umid, scan, page_image(["Birinchi"]), page_image(["Ikkinchi"]))
    real = tesseract.read_page

    def interrupted(
        executable: str, image: Path, out: Path, languages: list[str], page: int, **kw: Any
    ) -> Any:
        if page == 2:
            raise KeyboardInterrupt
        return real(executable, image, out, languages, page, **kw)

    monkeypatch.setattr(tesseract, "read_page", interrupted)
    with pytest.raises(CommandError, match=r"interrupted in the terminal \(Ctrl-C\)"):
        call_command("ocr", str(scan.pk), stdout=StringIO(), stderr=StringIO())
    scan.refresh_from_db()
    assert scan.status == Status.FAILED and scan.job is not None and scan.job.status == JobStatus.FAILED
    monkeypatch.setattr(tesseract, "read_page", real)
    actions.retry(umid, scan)
    assert jobs.run_pending() == 1
    assert ScanJob.objects.get(pk=scan.pk).status == Status.DONE


def test_a_running_scan_whose_heart_stopped_may_be_retried(
    client: Client, umid: User, record: Record
) -> None:
    scan = make_scan(umid, record, languages=["uzb"])
    add(umid, scan, page_image(["Birinchi"]))
    job = actions.start_ocr(umid, scan, run_here=True)  # as `kutubxona ocr` does, then killed
    ScanJob.objects.filter(pk=scan.pk).update(status=Status.RUNNING)
    with pytest.raises(ValidationError, match="Only a failed job"):
        actions.retry(umid, scan)  # its heart beats: it is still working
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - jobs.STALE_AFTER * 2)
    login(client, umid)
    client.cookies["django_language"] = "en"
    assert (
        "has not been heard from"
        in client.get(reverse("digitization:detail", args=[scan.pk])).content.decode()
    )
    client.post(reverse("digitization:retry", args=[scan.pk]))
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    assert jobs.run_pending() == 1
    assert ScanJob.objects.get(pk=scan.pk).status == Status.DONE


def test_retry_by_another_operator_links_the_file_in_their_name(
    world: World, umid: User, record: Record
) -> None:
    scan = make_scan(umid, record, languages=["uzb"])
    add(umid, scan, page_image(["Birinchi"]))
    actions.start_ocr(umid, scan)
    User.objects.filter(pk=umid.pk).update(role=Role.LENDING)  # umid moved to the lending desk
    jobs.run_pending()
    scan.refresh_from_db()
    assert scan.status == Status.FAILED
    assert scan.error_text.startswith("umid, who started this OCR, may no longer add files")
    assert scan.pages.get().status == PageStatus.WAITING  # said before reading any page

    nodira = institution_actions.create_staff(
        None, world.arnasoy, username="nodira", password=PASSWORD, role=Role.ICT, first_name="Nodira"
    )
    actions.retry(nodira, scan)
    jobs.run_pending()
    scan.refresh_from_db()
    assert scan.status == Status.DONE, scan.error_text
    assert FullText.objects.get().uploaded_by == nodira


def test_a_searchable_pdf_over_the_full_text_upload_limit_is_still_linked(
    umid: User, record: Record, settings: Any
) -> None:
    """The merged PDF is the system's own output (its input bounded by the scan upload limit):
    the upload limit of full texts does not fail the book."""
    scan = make_scan(umid, record, languages=["uzb"])
    add(umid, scan, page_image(["Birinchi"]), page_image(["Ikkinchi"]))
    settings.KUTUBXONA_FULLTEXT_MAX_BYTES = 1024  # every page PDF is larger than this
    actions.start_ocr(umid, scan)
    jobs.run_pending()
    scan.refresh_from_db()
    assert scan.status == Status.DONE, scan.error_text
    item = FullText.objects.get()
    assert item.size > 1024 and item.pages == 2 and scan.fulltext == item


def test_grey_pages_are_greyscale_and_one_bit_stays_one_bit(umid: User, record: Record) -> None:
    grey = page_image(["Bir"])
    colour = Image.open(io.BytesIO(grey)).convert("RGB")
    colour.paste((200, 30, 30), (5, 5, 45, 45))  # a red stamp
    coloured = io.BytesIO()
    colour.save(coloured, "PNG")
    bits = io.BytesIO()
    Image.open(io.BytesIO(grey)).convert("1").save(bits, "PNG")
    stored = {
        name: default_storage.save(f"digitization/{name}", ContentFile(content))
        for name, content in [
            ("grey.pdf", pdf_of(grey)),
            ("colour.pdf", pdf_of(coloured.getvalue())),
            ("grey-rgb.png", _rgb(grey)),
            ("bits.png", bits.getvalue()),
        ]
    }
    modes = {name: files.page_image(path, 0).mode for name, path in stored.items()}
    assert modes == {"grey.pdf": "L", "colour.pdf": "RGB", "grey-rgb.png": "L", "bits.png": "1"}


def _rgb(content: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.open(io.BytesIO(content)).convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


def test_an_image_claiming_under_150_dpi_is_taken_as_300() -> None:
    stored = {}
    for dpi in (72, 149, 150, 200):
        buffer = io.BytesIO()
        Image.open(io.BytesIO(page_image(["Bir"]))).save(buffer, "PNG", dpi=(dpi, dpi))
        stored[dpi] = default_storage.save(f"digitization/{dpi}.png", ContentFile(buffer.getvalue()))
    found = {dpi: round(files.page_image(name, 0).info["dpi"][0]) for dpi, name in stored.items()}
    assert found == {72: 300, 149: 300, 150: 150, 200: 200}


def test_the_year_filter_takes_only_ascii_digits(client: Client, umid: User, record: Record) -> None:
    this_year = str(make_scan(umid, record).year)
    login(client, umid)
    for year, shown in (("²", 1), ("١٢٣٤", 1), ("20255", 1), (this_year, 1), ("2021", 0)):
        response = client.get(reverse("digitization:list"), {"year": year})
        assert response.status_code == 200, year
        assert len(response.context["page"].object_list) == shown, year
    assert client.get(reverse("digitization:create"), {"record": "²"}).status_code == 200


def test_the_same_file_twice_in_a_job_is_refused_naming_it(
    client: Client, umid: User, record: Record
) -> None:
    scan = make_scan(umid, record)
    add(umid, scan, page_image(["Bir"]), name="first.png")
    login(client, umid)
    client.cookies["django_language"] = "en"
    again = client.post(
        reverse("digitization:upload", args=[scan.pk]), {"files": [upload(page_image(["Bir"]), "again.png")]}
    )
    assert again.status_code == 400
    assert "again.png: this file is already in the job (uploaded as first.png)." in again.content.decode()
    with pytest.raises(
        ValidationError, match=r"twice.png: this file is already in the job \(uploaded as twice.png\)"
    ):
        add(umid, scan, page_image(["Ikki"]), page_image(["Ikki"]), name="twice.png")
    assert scan.pages.count() == 1
    other = make_scan(umid, record)
    add(umid, other, page_image(["Bir"]))  # another job may have the same file
    assert other.pages.count() == 1


def test_removing_a_pdfs_last_page_removes_all_its_thumbnails(
    umid: User, record: Record, django_capture_on_commit_callbacks: Any
) -> None:
    scan = make_scan(umid, record)
    add(umid, scan, pdf_of(page_image(["Bir"]), page_image(["Ikki"])), name="book.pdf")
    first, second = scan.pages.order_by("number")
    thumbs = [first.thumbnail.name, second.thumbnail.name]
    assert all(default_storage.exists(name) for name in thumbs)
    with django_capture_on_commit_callbacks(execute=True):
        actions.remove_page(umid, first)
        actions.remove_page(umid, second)
    assert not default_storage.exists(first.source.name)
    assert not any(default_storage.exists(name) for name in thumbs)


def test_an_upload_that_fails_after_storing_leaves_no_file(
    umid: User, record: Record, monkeypatch: Any
) -> None:
    scan = make_scan(umid, record)
    add(umid, scan, page_image(["Bor"]))  # a file kept already: not removed by the failure
    kept = scan.pages.get().source.name

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("database gone")

    monkeypatch.setattr(ScanPage.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        add(
            umid, scan, page_image(["Yangi"]), pdf_of(page_image(["Bir"]), page_image(["Ikki"])), name="x.pdf"
        )
    folder = Path(default_storage.path(files.folder(scan.institution.code)))
    left = sorted(p.name for p in folder.rglob("*") if p.is_file())
    assert left == sorted([Path(kept).name, Path(scan.pages.get().thumbnail.name).name])


def test_a_deleted_scan_jobs_work_folder_goes_with_it(
    umid: User, record: Record, django_capture_on_commit_callbacks: Any
) -> None:
    from kutubxona.digitization.ocr import work_folder

    scan = make_scan(umid, record)
    folder = work_folder(scan)
    folder.mkdir(parents=True)
    (folder / "page-1.pdf").write_bytes(b"%PDF-")
    with django_capture_on_commit_callbacks(execute=True):
        ScanJob.objects.get(pk=scan.pk).delete()
    assert not folder.exists()


def test_the_command_leaves_a_job_another_runner_took_over(
    umid: User, record: Record, monkeypatch: Any
) -> None:
    scan = make_scan(umid, record, languages=["uzb"])
    add(umid, scan, page_image(["Birinchi"]))
    real = tesseract.read_page

    def slow(executable: str, image: Path, out: Path, languages: list[str], page: int, **kw: Any) -> Any:
        jobs.claim(stale_after=datetime.timedelta(seconds=-1))  # a runner thinks the command dead
        return real(executable, image, out, languages, page, **kw)

    monkeypatch.setattr(tesseract, "read_page", slow)
    with pytest.raises(CommandError, match="took this scan job over"):
        call_command("ocr", str(scan.pk), stdout=StringIO(), stderr=StringIO())
    job = Job.objects.get()
    assert job.status == JobStatus.RUNNING and job.attempts == 2 and job.error == ""
