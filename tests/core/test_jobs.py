"""The database job runner: queued after commit, claimed once, results and errors recorded,
dead jobs claimed again."""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from kutubxona.core import jobs
from kutubxona.core.models import Job, JobStatus
from tests.conftest import World

ran: list[int] = []


@jobs.handler("test.echo")
def echo(job: Job) -> dict[str, Any]:
    ran.append(job.pk)
    jobs.heartbeat(job, done=1, total=1, message="halfway")
    return {"echo": job.params["say"]}


@jobs.handler("test.fail")
def fail(job: Job) -> dict[str, Any]:
    raise RuntimeError("the disk is full")


def test_a_job_runs_once_and_keeps_its_result(world: World) -> None:
    job = jobs.enqueue(
        "test.echo", institution=world.arnasoy, created_by=world.alice, params={"say": "salom"}
    )
    assert job.status == JobStatus.QUEUED
    assert jobs.run_pending() == 1
    assert jobs.run_pending() == 0
    job.refresh_from_db()
    assert (job.status, job.result, job.progress_done, job.message) == (
        JobStatus.DONE,
        {"echo": "salom"},
        1,
        "halfway",
    )
    assert job.started_at and job.finished_at and job.attempts == 1
    assert ran[-1] == job.pk


def test_a_failing_job_records_the_error(world: World) -> None:
    job = jobs.enqueue("test.fail", institution=None, created_by=None, params={})
    jobs.run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "the disk is full" in job.error


def test_unknown_kinds_are_refused(world: World) -> None:
    with pytest.raises(ValueError):
        jobs.enqueue("test.nothing", institution=None, created_by=None, params={})


def test_runners_are_woken_after_commit(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    jobs._wake.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        jobs.enqueue("test.echo", institution=None, created_by=None, params={"say": "x"})
        assert not jobs._wake.is_set()
    assert jobs._wake.is_set()


def test_a_running_job_whose_heart_stopped_is_claimed_again(world: World) -> None:
    job = jobs.enqueue("test.echo", institution=None, created_by=None, params={"say": "x"})
    assert jobs.claim() is not None
    assert jobs.claim() is None  # alive: nobody else takes it
    assert jobs.claim(stale_after=datetime.timedelta(0)) is not None
    job.refresh_from_db()
    assert job.attempts == 2


def test_the_worker_command_runs_the_queue(world: World) -> None:
    jobs.enqueue("test.echo", institution=None, created_by=None, params={"say": "x"})
    out = StringIO()
    call_command("worker", once=True, stdout=out)
    assert "1 job(s) run." in out.getvalue()
    assert Job.objects.get().status == JobStatus.DONE


@pytest.mark.django_db(transaction=True)
def test_the_thread_runner_of_serve_runs_a_committed_job() -> None:
    """`serve` runs jobs in a thread of its own process when the database is SQLite."""
    runner = jobs.ThreadRunner(poll_seconds=0.05)
    runner.start()
    try:
        job = jobs.enqueue("test.echo", institution=None, created_by=None, params={"say": "thread"})
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status == JobStatus.DONE:
                break
            time.sleep(0.05)
    finally:
        runner.stop()
    assert job.status == JobStatus.DONE and job.result == {"echo": "thread"}


def test_old_finished_notice_and_sweep_jobs_are_cleared_others_kept(world: World) -> None:
    from kutubxona.circulation import notify
    from kutubxona.circulation.tasks import EXPIRE_HOLDS
    from kutubxona.core.models import AuditEntry

    now = timezone.now()
    long_ago, lately = now - datetime.timedelta(days=45), now - datetime.timedelta(days=3)

    def job(kind: str, status: str, finished: datetime.datetime | None) -> Job:
        return Job.objects.create(kind=kind, status=status, finished_at=finished, params={})

    gone = [job(notify.SEND, JobStatus.DONE, long_ago), job(EXPIRE_HOLDS, JobStatus.DONE, long_ago)]
    kept = [
        job(notify.SEND, JobStatus.DONE, lately),  # not old enough
        job(notify.SEND, JobStatus.FAILED, long_ago),  # a failure is kept to be looked at
        job("catalog.import_marc", JobStatus.DONE, long_ago),  # its import page shows the job
        job("test.echo", JobStatus.DONE, long_ago),
    ]
    assert jobs.delete_finished(now) == 2
    assert set(Job.objects.values_list("pk", flat=True)) == {j.pk for j in kept}
    assert not Job.objects.filter(pk__in=[j.pk for j in gone]).exists()
    entry = AuditEntry.objects.get(action="core.jobs.sweep")
    assert entry.changes["deleted"] == 2 and entry.actor is None
    assert jobs.delete_finished(now) == 0  # nothing left to clear: no second entry
    assert AuditEntry.objects.filter(action="core.jobs.sweep").count() == 1
    assert jobs.SWEEP in [j.kind for j in jobs.queue_daily(now, force=True)]


@jobs.handler("test.long")
def long_job(job: Job) -> dict[str, Any]:
    # Stands for an hour of OCR: runs until the test lets it go.
    LONG_MAY_END.wait(20)
    return {}


LONG_MAY_END = threading.Event()
jobs.handler("test.quick")(echo)
jobs.quick("test.quick")


@pytest.mark.django_db(transaction=True)
def test_a_quick_job_does_not_wait_behind_a_long_one() -> None:
    """`serve` and `worker` run a second lane for quick kinds (notices)."""
    LONG_MAY_END.clear()
    runners = [jobs.ThreadRunner(poll_seconds=0.05), jobs.ThreadRunner(poll_seconds=0.05, quick_only=True)]
    long = jobs.enqueue("test.long", institution=None, created_by=None, params={})
    for runner in runners:
        runner.start()
    try:
        deadline = time.monotonic() + 10
        while Job.objects.get(pk=long.pk).status != JobStatus.RUNNING and time.monotonic() < deadline:
            time.sleep(0.05)
        notice = jobs.enqueue("test.quick", institution=None, created_by=None, params={"say": "tez"})
        while Job.objects.get(pk=notice.pk).status != JobStatus.DONE and time.monotonic() < deadline:
            time.sleep(0.05)
        assert Job.objects.get(pk=notice.pk).status == JobStatus.DONE
        assert Job.objects.get(pk=long.pk).status == JobStatus.RUNNING  # still at its hour of OCR
    finally:
        LONG_MAY_END.set()
        for runner in runners:
            runner.stop()
    assert Job.objects.get(pk=long.pk).status == JobStatus.DONE
