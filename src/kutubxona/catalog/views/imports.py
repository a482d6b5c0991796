"""MARC import from the page: upload, the job's progress (polled as JSON), its report, resume."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kutubxona.catalog import actions
from kutubxona.catalog.import_forms import (
    ENCODING_CHOICES,
    FLAVOUR_CHOICES,
    FORMAT_CHOICES,
    MATCH_CHOICES,
    ImportForm,
)
from kutubxona.catalog.importing import KIND, report
from kutubxona.catalog.marc.reading import ReadOptions, read
from kutubxona.catalog.marc.results import NotMarc
from kutubxona.catalog.models import Record
from kutubxona.core import progress
from kutubxona.core.jobs import STALE_AFTER
from kutubxona.core.models import Job, JobStatus
from kutubxona.core.permissions import permission_required
from kutubxona.institutions.access import acting_user
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm

PAGE_SIZE = 30


def _store(upload: UploadedFile, institution: Institution) -> Path:
    """The upload saved under MEDIA_ROOT/imports/<institution>/, where the job reads it."""
    folder = Path(settings.MEDIA_ROOT) / "imports" / get_valid_filename(institution.code)
    folder.mkdir(parents=True, exist_ok=True)
    name = get_valid_filename(Path(upload.name or "marc").name)[-100:] or "marc"
    path = folder / f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}-{name}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def _not_marc(path: Path, options: dict[str, str]) -> str | None:
    """Why the file cannot be imported at all, or None: reading it up to its first record tells."""
    read_options = ReadOptions(options["format"], options["flavour"], options["encoding"])
    try:
        next(iter(read(path, read_options)), None)
    except NotMarc as error:
        return str(error)
    return None


def _imports() -> Any:
    return Job.objects.filter(kind=KIND).select_related("created_by", "institution")


def _interrupted(job: Job) -> bool:
    """Running by its status, but its process stopped beating its heart."""
    stale = timezone.now() - STALE_AFTER
    return job.status == JobStatus.RUNNING and (job.heartbeat_at is None or job.heartbeat_at < stale)


def _options(job: Job) -> list[tuple[str, str]]:
    """The options the import was started with, as the upload form named them."""
    labels = [
        (_("Format"), FORMAT_CHOICES, "format"),
        (_("MARC flavour"), FLAVOUR_CHOICES, "flavour"),
        (_("Encoding"), ENCODING_CHOICES, "encoding"),
        (_("When a record is already in the catalogue"), MATCH_CHOICES, "match"),
    ]
    return [
        (str(label), str(dict(choices).get(job.params.get(key, ""), job.params.get(key, ""))))
        for label, choices, key in labels
        if job.params.get(key)
    ]


def _progress(job: Job) -> dict[str, Any]:
    done, total = job.progress_done, job.progress_total
    records = job.checkpoint.get("position", 0)
    if job.status == JobStatus.DONE:
        text = ngettext(
            "%(records)d record read from a file of %(total)s.",
            "%(records)d records read from a file of %(total)s.",
            records,
        ) % {"records": records, "total": filesizeformat(total)}
    else:
        text = ngettext(
            "%(records)d record read, %(done)s of %(total)s (%(percent)d%%)",
            "%(records)d records read, %(done)s of %(total)s (%(percent)d%%)",
            records,
        ) % {
            "records": records,
            "done": filesizeformat(done),
            "total": filesizeformat(total),
            "percent": progress.percent(job),
        }
    return progress.payload(job, text, records=records, bytes_done=done, bytes_total=total)


@permission_required(Perm.CATALOG_EDIT)
def import_upload(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    institution = actor.institution
    if institution is None:  # a system account of no library imports nothing
        return render(request, "403.html", status=403)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        path = _store(form.cleaned_data["file"], institution)
        reason = _not_marc(path, form.options())
        if reason is not None:
            path.unlink()
            form.add_error("file", _("This file cannot be imported: %(reason)s") % {"reason": reason})
        else:
            options = {**form.options(), "file_name": form.cleaned_data["file"].name}
            job = actions.start_import(actor, institution, path=str(path), options=options)
            messages.success(request, _("The file is uploaded; the import has begun."))
            return redirect("catalog:import_detail", pk=job.pk)
    return render(request, "catalog/import_upload.html", {"form": form})


@permission_required(Perm.CATALOG_EDIT)
def import_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(_imports().order_by("-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    interrupted = {job.pk for job in page if _interrupted(job)}
    return render(
        request, "catalog/import_list.html", {"page": page, "query": "", "interrupted": interrupted}
    )


@permission_required(Perm.CATALOG_EDIT)  # another library's import is not found (404)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(_imports(), pk=pk)
    result = report(job.checkpoint) if job.checkpoint.get("counts") else None
    return render(
        request,
        "catalog/import_detail.html",
        {
            "job": job,
            "progress": _progress(job),
            "result": result,
            "interrupted": _interrupted(job),
            "can_resume": job.status == JobStatus.FAILED or _interrupted(job),
            "poll_seconds": progress.POLL_SECONDS,
            "options": _options(job),
            "record_count": Record.objects.filter(import_job=job).count(),
        },
    )


@permission_required(Perm.CATALOG_EDIT)
def import_progress(request: HttpRequest, pk: int) -> JsonResponse:
    return progress.response(_progress(get_object_or_404(_imports(), pk=pk)))


@require_POST
@permission_required(Perm.CATALOG_EDIT)
def import_resume(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(_imports(), pk=pk)
    if job.status == JobStatus.FAILED or _interrupted(job):
        actions.resume_import(acting_user(request), job)
        messages.success(request, _("The import goes on from where it stopped."))
    else:
        messages.error(request, _("Only a failed or interrupted import can be resumed."))
    return redirect("catalog:import_detail", pk=job.pk)
