"""A background job's progress as its page shows it and polls it (`templates/core/job_progress.html`
and `static/kutubxona/job_progress.js`): the same fields for every kind of job, the text and
any extra fields said by the page that knows what the job counts."""

from __future__ import annotations

from typing import Any

from django.http import JsonResponse

from kutubxona.core.models import Job, JobStatus

POLL_SECONDS = 1
BAR = 30  # characters of the terminal's bar


def percent(job: Job) -> int:
    if job.status == JobStatus.DONE:
        return 100
    done, total = job.progress_done, job.progress_total
    return min(100, round(100 * done / total)) if total else 0


def payload(job: Job, text: str, *, finished: bool | None = None, **extra: Any) -> dict[str, Any]:
    """What the bar shows; `finished` when the page knows better than the job's status."""
    return {
        "status": job.status,
        "status_label": job.get_status_display(),
        "percent": percent(job),
        "finished": job.status in (JobStatus.DONE, JobStatus.FAILED) if finished is None else finished,
        "text": text,
        **extra,
    }


def response(progress: dict[str, Any]) -> JsonResponse:
    return JsonResponse(progress)


def terminal_bar(done: int, total: int, text: str) -> str:
    """A progress line for a command in the terminal (written with "\\r", over the last one)."""
    filled = BAR * done // total if total else BAR
    percent = 100 * done / total if total else 100
    return f"\r[{'#' * filled}{'.' * (BAR - filled)}] {percent:3.0f}% {text}"
