"""Uploaded import files are swept N days after their import is done (the daily job or
`kutubxona sweep-imports`), never the file of an unfinished (resumable) import, never a file
named on the command line."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kutubxona.catalog import actions, import_files
from kutubxona.core import jobs
from kutubxona.core.models import AuditEntry, Job, JobStatus
from kutubxona.institutions.models import User
from tests.catalog.conftest import start
from tests.conftest import World, login


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _uploaded(world: World, user: User, name: str, status: str, days_ago: int) -> tuple[Job, Path]:
    folder = Path(import_files.uploads_folder()) / "arnasoy"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"00000nam")
    job = start(user, world.arnasoy, path)
    finished = timezone.now() - datetime.timedelta(days=days_ago)
    Job.objects.filter(pk=job.pk).update(status=status, finished_at=finished)
    return job, path


def test_done_imports_lose_their_file_after_the_days_unfinished_ones_keep_it(
    world: World, dilnoza: User, tmp_path: Path, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.KUTUBXONA_IMPORT_FILES_DAYS = 30
    old, old_path = _uploaded(world, dilnoza, "old.mrc", JobStatus.DONE, 31)
    _recent, recent_path = _uploaded(world, dilnoza, "recent.mrc", JobStatus.DONE, 29)
    _failed, failed_path = _uploaded(world, dilnoza, "failed.mrc", JobStatus.FAILED, 90)
    _running, running_path = _uploaded(world, dilnoza, "running.mrc", JobStatus.RUNNING, 90)
    own = tmp_path / "own.mrc"  # named on the command line: the librarian's file
    own.write_bytes(b"00000nam")
    by_hand = start(None, world.arnasoy, own)
    Job.objects.filter(pk=by_hand.pk).update(
        status=JobStatus.DONE, finished_at=timezone.now() - datetime.timedelta(days=400)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert actions.sweep_import_files() == 1
    assert not old_path.exists()
    assert recent_path.exists() and failed_path.exists() and running_path.exists() and own.exists()
    old.refresh_from_db()
    assert old.checkpoint["file_swept_on"] == timezone.localdate().isoformat()
    assert AuditEntry.objects.filter(action="catalog.import.file_swept").count() == 1

    # A file a done import and an unfinished one both read stays while the latter may resume.
    shared = start(dilnoza, world.arnasoy, failed_path)
    Job.objects.filter(pk=shared.pk).update(
        status=JobStatus.DONE, finished_at=timezone.now() - datetime.timedelta(days=60)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.sweep_import_files() == 0
    assert failed_path.exists()

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_imports", days=10, stdout=out)
    assert "Uploaded import files deleted: 1." in out.getvalue() and not recent_path.exists()


def test_the_daily_job_sweeps_and_the_report_says_so(
    world: World, dilnoza: User, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    job, path = _uploaded(world, dilnoza, "old.mrc", JobStatus.DONE, 45)
    with django_capture_on_commit_callbacks(execute=True):
        queued = jobs.queue_daily(force=True)
    assert import_files.SWEEP_KIND in [each.kind for each in queued]
    with django_capture_on_commit_callbacks(execute=True):
        jobs.run_pending()
    assert not path.exists()
    assert Job.objects.get(kind=import_files.SWEEP_KIND).result == {"deleted": 1}
    login(client, dilnoza)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("catalog:import_detail", args=[job.pk])).content.decode()
    assert "deleted on" in html


def test_a_file_not_deleted_is_not_reported_deleted(
    world: World, dilnoza: User, client: Client, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    """The librarian's own file (command line) and one an unfinished import still reads stay, so
    their done imports' pages do not say "deleted"; the latter goes once nothing needs it."""
    own = tmp_path / "own.mrc"
    own.write_bytes(b"00000nam")
    by_hand = start(dilnoza, world.arnasoy, own)
    Job.objects.filter(pk=by_hand.pk).update(
        status=JobStatus.DONE, finished_at=timezone.now() - datetime.timedelta(days=400)
    )
    unfinished, path = _uploaded(world, dilnoza, "shared.mrc", JobStatus.FAILED, 90)
    done = start(dilnoza, world.arnasoy, path)
    Job.objects.filter(pk=done.pk).update(
        status=JobStatus.DONE, finished_at=timezone.now() - datetime.timedelta(days=60)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.sweep_import_files() == 0
    assert own.exists() and path.exists()
    login(client, dilnoza)
    client.cookies["django_language"] = "en"
    for job in (by_hand, done):
        html = client.get(reverse("catalog:import_detail", args=[job.pk])).content.decode()
        assert "deleted on" not in html

    # The unfinished import is given up (done, long ago): now the file goes, both pages say so.
    Job.objects.filter(pk=unfinished.pk).update(
        status=JobStatus.DONE, finished_at=timezone.now() - datetime.timedelta(days=60)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.sweep_import_files() == 1  # one file, read by both
    assert not path.exists()
    html = client.get(reverse("catalog:import_detail", args=[done.pk])).content.decode()
    assert "deleted on" in html
    html = client.get(reverse("catalog:import_detail", args=[by_hand.pk])).content.decode()
    assert "deleted on" not in html


@pytest.mark.parametrize("days", [-1, 100_000_000])
def test_the_command_refuses_days_out_of_range(days: int) -> None:
    """A negative number, or one so large the date overflows: said, not a traceback."""
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="from 0 to 36500"):
        call_command("sweep_imports", days=days, stdout=StringIO())
