"""Uploaded MARC files are kept while their import may still need them (to resume) and swept
`KUTUBXONA_IMPORT_FILES_DAYS` after it is done, by the daily job or `kutubxona sweep-imports`.

Only files the upload page stored (under MEDIA_ROOT/imports/) go: a file named on the command
line is the librarian's own. A failed or interrupted import keeps its file (it can be resumed),
and so does any file an unfinished import also reads.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from kutubxona.core.models import Job, JobStatus

KIND = "catalog.import_marc"
SWEEP_KIND = "catalog.sweep_import_files"
UNFINISHED = (JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.FAILED)
NOT_OURS = "file_not_swept_on"  # checkpoint key: a file the sweep leaves (named on the command line)


def uploads_folder() -> Path:
    return (Path(settings.MEDIA_ROOT) / "imports").resolve()


def uploaded(path: str) -> bool:
    """A file the upload page stored (not one of the librarian's own)."""
    return Path(path).resolve().is_relative_to(uploads_folder())


def due(now: datetime.datetime | None = None, days: int | None = None) -> QuerySet[Job]:
    """Done imports, finished over `days` ago, whose file has not been swept yet."""
    days = settings.KUTUBXONA_IMPORT_FILES_DAYS if days is None else days
    before = (now or timezone.now()) - datetime.timedelta(days=days)
    return (
        Job.objects.filter(kind=KIND, status=JobStatus.DONE, finished_at__lt=before)
        .exclude(checkpoint__has_key="file_swept_on")
        .exclude(checkpoint__has_key=NOT_OURS)
        .order_by("pk")
    )


def still_needed() -> set[str]:
    """The files unfinished imports read (resumable): never swept."""
    paths = Job.objects.filter(kind=KIND, status__in=UNFINISHED).values_list("params__path", flat=True)
    return {str(path) for path in paths if path}
