"""`kutubxona ocr ID` reads a scan job in the terminal with a progress bar; a failed job resumes."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from kutubxona.catalog.models import FullText, Record
from kutubxona.core.models import JobStatus
from kutubxona.digitization.models import ScanJob, Status
from kutubxona.institutions.models import User
from tests.digitization.conftest import add, make_scan, page_image


def test_the_command_reads_a_draft_with_a_progress_bar(umid: User, record: Record) -> None:
    scan = make_scan(umid, record, languages=["uzb"])
    add(umid, scan, page_image(["Birinchi"]), page_image(["Ikkinchi"]))
    out, err = StringIO(), StringIO()
    call_command("ocr", str(scan.pk), stdout=out, stderr=err)
    scan.refresh_from_db()
    assert scan.status == Status.DONE and scan.job is not None and scan.job.status == JobStatus.DONE
    assert "page 1 of 2" in err.getvalue() and "100% page 2 of 2" in err.getvalue()
    assert f"Scan job {scan.code}: 2 pages read" in out.getvalue()
    assert FullText.objects.get().pages == 2
    with pytest.raises(CommandError, match="only a draft or a failed job"):
        call_command("ocr", str(scan.pk), stdout=StringIO(), stderr=StringIO())


def test_the_command_says_why_it_stopped_and_resumes_a_failed_job(
    umid: User, record: Record, settings: Any
) -> None:
    scan = make_scan(umid, record, languages=["uzb"])
    add(umid, scan, page_image(["Birinchi"]))
    settings.KUTUBXONA_TESSERACT = "/nonexistent/tesseract"
    with pytest.raises(CommandError, match="OCR is off"):
        call_command("ocr", str(scan.pk), stdout=StringIO(), stderr=StringIO())
    assert ScanJob.objects.get(pk=scan.pk).status == Status.DRAFT  # refused before it began
    settings.KUTUBXONA_TESSERACT = "tesseract"
    call_command("ocr", str(scan.pk), stdout=StringIO(), stderr=StringIO())
    ScanJob.objects.filter(pk=scan.pk).update(status=Status.FAILED)
    call_command("ocr", str(scan.pk), stdout=StringIO(), stderr=StringIO())  # a failed job: again
    assert ScanJob.objects.get(pk=scan.pk).status == Status.DONE
    with pytest.raises(CommandError, match="There is no scan job 999"):
        call_command("ocr", "999", stdout=StringIO(), stderr=StringIO())
