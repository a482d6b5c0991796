"""`search.reindex` as a job of `core.jobs`: run by `kutubxona reindex` here, or by the worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kutubxona.core import jobs
from kutubxona.core.models import Job
from kutubxona.search.indexer import reindex_all

KIND = "search.reindex"


def reindex(job: Job, on_progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    def progress(done: int, total: int) -> None:
        jobs.heartbeat(job, done=done, total=total)
        if on_progress is not None:
            on_progress(done, total)

    return {"indexed": reindex_all(progress)}


@jobs.handler(KIND)
def run_reindex(job: Job) -> dict[str, Any]:
    return reindex(job)
