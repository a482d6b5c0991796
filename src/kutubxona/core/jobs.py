"""A small database-backed job runner (GUIDE §4): the `Job` table is the queue.

An app registers a handler per job kind (`@handler("catalog.import_marc")`); `enqueue` adds a
row once the caller's transaction commits. Jobs are run by `kutubxona worker` (a server
installation) or by a thread inside `kutubxona serve` (the embedded SQLite installation).
A running job beats its heart as it goes; a job whose heart stopped (the process died) is
claimed again, and its handler resumes from the checkpoint it saved with its last work.
"""

from __future__ import annotations

import datetime
import logging
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from kutubxona.core import audit
from kutubxona.core.models import Job, JobStatus

if TYPE_CHECKING:
    from kutubxona.institutions.models import Institution, User

logger = logging.getLogger(__name__)

Handler = Callable[[Job], dict[str, Any]]
_HANDLERS: dict[str, Handler] = {}
# A running job that has not beaten its heart for this long belongs to a dead process.
STALE_AFTER = datetime.timedelta(minutes=2)
_wake = threading.Event()


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of `kind`; it returns the job's result (JSON)."""

    def register(function: Handler) -> Handler:
        _HANDLERS[kind] = function
        return function

    return register


def enqueue(
    kind: str,
    *,
    institution: Institution | None,
    created_by: User | None,
    params: dict[str, Any],
    run_here: bool = False,
) -> Job:
    """A queued job; runners are woken when the surrounding transaction commits.

    `run_here`: the caller runs it itself (a command in the terminal), so it is created
    already running and no runner takes it meanwhile.
    """
    if kind not in _HANDLERS:
        raise ValueError(f"unknown job kind: {kind}")
    job = Job.objects.create(kind=kind, institution=institution, created_by=created_by, params=params)
    if run_here:
        mark_running(job)
    else:
        transaction.on_commit(_wake.set)
    return job


def heartbeat(job: Job, *, done: int | None = None, total: int | None = None, message: str = "") -> None:
    """Record progress (and that the job is alive); saved at once, or with the caller's transaction."""
    job.heartbeat_at = timezone.now()
    if done is not None:
        job.progress_done = done
    if total is not None:
        job.progress_total = total
    if message:
        job.message = message[:300]
    job.save(update_fields=["heartbeat_at", "progress_done", "progress_total", "message"])


class TakenOver(Exception):
    """Another runner took the job over (this one's heart had stopped too long): stop, write nothing."""


def hold(job: Job) -> None:
    """Inside a transaction: lock the job's row and make sure this process still runs it (no
    other attempt claimed it since `job.attempts` was read); `TakenOver` otherwise."""
    attempts = Job.objects.select_for_update().filter(pk=job.pk).values_list("attempts", flat=True).first()
    if attempts != job.attempts:
        raise TakenOver(f"job {job.pk}: attempt {job.attempts} was taken over by attempt {attempts}")


def claim(stale_after: datetime.timedelta = STALE_AFTER, kinds: set[str] | None = None) -> Job | None:
    """Take the oldest queued job, or a running one whose process has died (of `kinds` only,
    when given)."""
    stale = timezone.now() - stale_after
    with scopes_disabled(), transaction.atomic():
        candidates = Job.objects.filter(status=JobStatus.QUEUED) | Job.objects.filter(
            status=JobStatus.RUNNING, heartbeat_at__lt=stale
        )
        if kinds is not None:
            candidates = candidates.filter(kind__in=sorted(kinds))
        query = candidates.order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            query = query.select_for_update(skip_locked=True)
        job = query.first()
        if job is not None:
            mark_running(job)
        return job


def mark_running(job: Job) -> None:
    """The job is taken by this process (another attempt, if it ran before)."""
    job.status = JobStatus.RUNNING
    job.attempts += 1
    job.started_at = job.started_at or timezone.now()
    job.heartbeat_at = timezone.now()
    job.save(update_fields=["status", "attempts", "started_at", "heartbeat_at"])


def finish(job: Job, *, result: dict[str, Any] | None = None, error: str = "") -> None:
    """Record how the job ended: its result, or the error that stopped it."""
    job.status = JobStatus.FAILED if error else JobStatus.DONE
    job.error = error[:2000]
    job.result = result if result is not None else job.result
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "result", "finished_at"])


def requeue(job: Job) -> None:
    """Queue a failed job again; it resumes from its checkpoint."""
    job.status = JobStatus.QUEUED
    job.error = ""
    job.save(update_fields=["status", "error"])
    transaction.on_commit(_wake.set)


def run(job: Job) -> Job:
    """Run a claimed job to its end, recording the result or the error."""
    with scopes_disabled():
        try:
            result = _HANDLERS[job.kind](job)
        except TakenOver:
            logger.warning("job %s was taken over by another runner", job.pk)
        except Exception as error:
            logger.exception("job %s failed", job.pk)
            finish(job, error="".join(traceback.format_exception_only(error)).strip())
        else:
            finish(job, result=result)
    return job


def run_pending(stale_after: datetime.timedelta = STALE_AFTER, kinds: set[str] | None = None) -> int:
    """Run jobs (of `kinds` only, when given) until none is waiting; how many ran."""
    count = 0
    while (job := claim(stale_after, kinds)) is not None:
        run(job)
        count += 1
    return count


# Job kinds the runners queue periodically (sweeps: holds not picked up a day, notices to retry
# an hour, ...) with their period, and when this process last looked whether one is due (the
# job table itself remembers the last run).
_DAILY: dict[str, datetime.timedelta] = {}
DAILY_EVERY = datetime.timedelta(days=1)
_DAILY_LOOK_EVERY = datetime.timedelta(hours=1)
_daily_looked_at: datetime.datetime | None = None


def periodic(kind: str, every: datetime.timedelta) -> None:
    """Have the job runners (`serve`'s thread, `kutubxona worker`) queue a job of `kind` once
    per `every` (looked at once an hour, so an hour at the shortest)."""
    if kind not in _HANDLERS:
        raise ValueError(f"unknown job kind: {kind}")
    _DAILY[kind] = every


def daily(kind: str) -> None:
    """A job of `kind` a day (`periodic`)."""
    periodic(kind, DAILY_EVERY)


def queue_daily(now: datetime.datetime | None = None, *, force: bool = False) -> list[Job]:
    """Queue each periodic kind that has no job from its last period; looked at once an hour at
    most.

    Two runners may both queue one at the same moment: periodic jobs are sweeps, safe to run twice."""
    global _daily_looked_at
    now = now or timezone.now()
    if not force and _daily_looked_at is not None and now - _daily_looked_at < _DAILY_LOOK_EVERY:
        return []
    _daily_looked_at = now
    queued = []
    with scopes_disabled(), transaction.atomic():
        for kind, every in sorted(_DAILY.items()):
            if not Job.objects.filter(kind=kind, created_at__gt=now - every).exists():
                queued.append(enqueue(kind, institution=None, created_by=None, params={}))
    return queued


# Kinds that take a second or two (a notice to send): besides the runner that takes every job
# in turn, a second lane runs only these, so a reader's notice does not wait behind an hour of
# OCR or a MARC import.
_QUICK: set[str] = set()


def quick(kind: str) -> None:
    if kind not in _HANDLERS:
        raise ValueError(f"unknown job kind: {kind}")
    _QUICK.add(kind)


class ThreadRunner:
    """Runs jobs in a thread of the web server process (embedded installation); with
    `quick_only`, only the quick kinds (the second lane of `serve` and `worker`)."""

    def __init__(self, poll_seconds: float = 5.0, *, quick_only: bool = False) -> None:
        self.poll_seconds = poll_seconds
        self.quick_only = quick_only
        self._stop = threading.Event()
        name = "kutubxona-quick-jobs" if quick_only else "kutubxona-jobs"
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        _wake.set()
        self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if self.quick_only:
                    run_pending(kinds=_QUICK)
                else:
                    queue_daily()
                    run_pending()
            except Exception:  # the runner must outlive a broken database connection
                logger.exception("job runner")
            finally:
                connection.close()
            _wake.wait(self.poll_seconds)
            _wake.clear()


# Kinds whose finished rows mean nothing after a while (a notice sent, a sweep run): their done
# jobs are deleted KEEP_DONE after they finished, so the queue does not grow by a row per
# notice for ever. Imports and OCR jobs are not among them: their pages show the job.
_EPHEMERAL: set[str] = set()
KEEP_DONE = datetime.timedelta(days=30)
SWEEP = "core.sweep_jobs"


def ephemeral(kind: str) -> None:
    if kind not in _HANDLERS:
        raise ValueError(f"unknown job kind: {kind}")
    _EPHEMERAL.add(kind)


def delete_finished(now: datetime.datetime | None = None) -> int:
    """Delete the done jobs of ephemeral and periodic kinds finished more than KEEP_DONE ago."""
    cutoff = (now or timezone.now()) - KEEP_DONE
    kinds = sorted(_EPHEMERAL | set(_DAILY))
    with scopes_disabled(), transaction.atomic():
        deleted, _by_model = Job.objects.filter(
            kind__in=kinds, status=JobStatus.DONE, finished_at__lt=cutoff
        ).delete()
        if deleted:
            changes = {"deleted": deleted, "finished_before": cutoff.isoformat()}
            audit.record(None, "core.jobs.sweep", None, institution=None, changes=changes)
    return deleted


@handler(SWEEP)
def _sweep(job: Job) -> dict[str, Any]:
    return {"deleted": delete_finished()}


daily(SWEEP)
