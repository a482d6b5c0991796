"""`kutubxona import-marc` and `export-marc` as a librarian types them."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kutubxona.catalog.importing import Progress, import_file
from kutubxona.catalog.models import Record
from kutubxona.core import progress
from kutubxona.core.models import Job, JobStatus
from kutubxona.institutions.models import User
from tests.catalog.conftest import start
from tests.conftest import World


def import_marc(path: Path, **options: object) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_marc", str(path), stdout=out, stderr=err, **options)
    assert "records/s" in err.getvalue()  # the progress line: the shared bar, full at the end
    assert f"\r[{'#' * progress.BAR}] 100% " in err.getvalue()
    return out.getvalue()


def test_import_reports_counts_encoding_and_failures(samples: Path, world: World, dilnoza: User) -> None:
    out = import_marc(samples / "marc21-utf8-zdb-292-plus-1-bad.mrc", institution="arnasoy", user="dilnoza")
    assert "Read 293: imported 292, merged 0, replaced 0, skipped 0, failed 1." in out
    assert "Encoding: UTF-8 (leader/09 'a'), 292 records." in out
    assert "Record 293 (byte 127785): The record is cut short" in out
    job = Job.objects.get()
    assert (job.status, job.created_by, job.result["imported"]) == (JobStatus.DONE, dilnoza, 292)


def test_running_the_command_again_resumes_an_unfinished_import(
    samples: Path, world: World, dilnoza: User
) -> None:
    path = (samples / "marc21-utf8-nepali-96.mrc").resolve()
    job = start(None, world.arnasoy, path, format="auto", flavour="auto", encoding="auto", match="skip")
    job.params["batch_size"] = 30  # what the command passes below: the same import
    job.save()

    def crash(progress: Progress) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_file(job, on_progress=crash)
    assert Record.objects.count() == 30
    out = import_marc(path, institution="arnasoy", batch_size=30)
    assert f"Resuming import job {job.pk} after record 30." in out
    assert "Read 96: imported 96" in out  # the whole job's report: 30 before the crash, 66 now
    assert Record.objects.count() == 96 and Job.objects.count() == 1


def test_background_leaves_the_job_to_the_worker(samples: Path, world: World) -> None:
    out = StringIO()
    call_command(
        "import_marc", str(samples / "rusmarc-1.xml"), institution="arnasoy", background=True, stdout=out
    )
    assert "queued" in out.getvalue()
    call_command("worker", once=True, stdout=StringIO())
    assert Job.objects.get().status == JobStatus.DONE and Record.objects.count() == 1


def test_a_file_that_is_not_marc(tmp_path: Path, world: World) -> None:
    path = tmp_path / "catalogue.docx"
    path.write_bytes(b"PK\x03\x04 a Word document")
    with pytest.raises(CommandError, match="not MARC"):
        call_command("import_marc", str(path), institution="arnasoy", stdout=StringIO(), stderr=StringIO())
    assert Job.objects.get().status == JobStatus.FAILED


def test_unknown_institution_and_missing_file(tmp_path: Path, world: World) -> None:
    (tmp_path / "x.mrc").write_bytes(b"")
    with pytest.raises(CommandError, match="No institution"):
        call_command("import_marc", str(tmp_path / "x.mrc"), institution="nowhere", stdout=StringIO())
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_marc", str(tmp_path / "x"), institution="arnasoy", stdout=StringIO())


def test_the_console_command_takes_hyphenated_names() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kutubxona.cli", "import-marc", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "--match {skip,merge,replace,add}" in done.stdout
