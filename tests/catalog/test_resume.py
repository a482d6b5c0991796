"""An import that dies part-way resumes from its checkpoint: nothing twice, nothing lost."""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path

import pytest

from kutubxona.catalog.importing import ImportRefused, Progress, ProgressCallback, import_file
from kutubxona.catalog.marc.extract import extract
from kutubxona.catalog.marc.reading import read
from kutubxona.catalog.marc.results import Parsed
from kutubxona.catalog.models import Record
from kutubxona.core import jobs
from kutubxona.core.models import Job, JobStatus
from kutubxona.institutions.models import User
from tests.catalog.conftest import start
from tests.conftest import World


class Killed(BaseException):
    """Like the process being killed: not an Exception, so nothing marks the job failed."""


def die_at(records: int) -> ProgressCallback:
    """A progress callback that kills the import once `records` have been read."""

    def on_progress(progress: Progress) -> None:
        if progress.records >= records:
            raise Killed

    return on_progress


def assert_each_record_once(world: World, path: Path) -> None:
    in_file = Counter(extract(item.marc).title for item in read(path) if isinstance(item, Parsed))
    stored = Counter(Record.objects.filter(institution=world.arnasoy).values_list("title", flat=True))
    assert stored == in_file


@pytest.mark.parametrize("name", ["marc21-utf8-zdb-292-plus-1-bad.mrc", "marcxml-oai-envelope-50.xml"])
def test_a_killed_import_is_resumed_by_the_runner(
    samples: Path, world: World, dilnoza: User, name: str
) -> None:
    batch = 100 if name.endswith(".mrc") else 10
    job = start(dilnoza, world.arnasoy, samples / name, match="add", batch_size=batch)
    claimed = jobs.claim()
    assert claimed is not None and claimed.pk == job.pk
    with pytest.raises(Killed):
        import_file(claimed, on_progress=die_at(2 * batch))
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING
    done_before = Record.objects.count()
    assert done_before == job.checkpoint["counts"]["imported"] > 0

    # The worker starts again later: the job's heart has stopped, so it is claimed and resumed.
    assert jobs.claim() is None  # not yet stale
    assert jobs.run_pending(stale_after=datetime.timedelta(0)) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2
    expected = 292 if batch == 100 else 50
    assert Record.objects.count() == expected == job.result["imported"]
    assert job.result["read"] == expected + job.result["failed"]
    assert_each_record_once(world, samples / name)


def test_a_failed_import_can_be_queued_again_and_resumes(samples: Path, world: World, dilnoza: User) -> None:
    path = samples / "marc21-utf8-nepali-96.mrc"
    job = start(dilnoza, world.arnasoy, path, batch_size=30)
    jobs.claim()

    def disk_full(progress: Progress) -> None:
        if progress.records >= 60:
            raise OSError("No space left on device")

    with pytest.raises(OSError):
        import_file(job, on_progress=disk_full)
    assert Record.objects.count() == 60
    job.status = JobStatus.FAILED
    job.save()
    jobs.requeue(job)
    assert jobs.run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.result["imported"], Record.objects.count()) == (JobStatus.DONE, 96, 96)
    assert_each_record_once(world, path)


def test_the_checkpoint_is_written_with_the_batch(samples: Path, world: World, dilnoza: User) -> None:
    path = samples / "marc21-utf8-nepali-96.mrc"
    job = start(dilnoza, world.arnasoy, path, batch_size=40)
    with pytest.raises(Killed):
        import_file(job, on_progress=die_at(40))
    job.refresh_from_db()
    last = Job.objects.get(pk=job.pk).checkpoint
    assert last["position"] == 40 and last["counts"]["imported"] == 40
    assert 0 < last["offset"] < path.stat().st_size
    assert job.progress_done == last["offset"] and job.progress_total == path.stat().st_size


def test_a_file_changed_since_the_crash_is_not_resumed(
    samples: Path, tmp_path: Path, world: World, dilnoza: User
) -> None:
    path = tmp_path / "nepali.mrc"
    path.write_bytes((samples / "marc21-utf8-nepali-96.mrc").read_bytes())
    job = start(dilnoza, world.arnasoy, path, batch_size=40)
    with pytest.raises(Killed):
        import_file(job, on_progress=die_at(40))
    with path.open("ab") as stream:
        stream.write(path.read_bytes()[:500])
    job.refresh_from_db()
    with pytest.raises(ImportRefused, match="changed"):
        import_file(job)
    assert Record.objects.count() == 40
