"""What the review of the digitisation app found, each mended: a job taken over by a second
runner, huge pages, Ctrl-C, retry by someone else, big books, low dpi, bad filters, twice the
same file, files left on disk."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from kutubxona.catalog.models import FullText, Record
from kutubxona.core import jobs
from kutubxona.core.models import Job, JobStatus
from kutubxona.digitization import actions, tesseract
from kutubxona.digitization.models import PageStatus, ScanJob, Status
from kutubxona.institutions.models import User
from tests.digitization.conftest import add, make_scan, page_image


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
