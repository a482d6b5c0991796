"""Scan jobs: the list with filters, the new job form, the job's page (pages, upload, OCR with
its progress bar, retry), a page read beside its image. The digitisation service keeps them;
the director and the methodist read them (the plan's drill-down links here)."""

from __future__ import annotations

import io
import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from kutubxona.core import progress
from kutubxona.core.forms import attach_errors
from kutubxona.core.models import JobStatus
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import form_page, own_institution
from kutubxona.digitization import actions, files, tesseract
from kutubxona.digitization.forms import AgainForm, PagesForm, ScanForm
from kutubxona.digitization.models import Kind, PageStatus, ScanJob, ScanPage, Status
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm

EDIT = Perm.DIGITIZATION_EDIT
READ = (Perm.DIGITIZATION_EDIT, Perm.REPORTS_VIEW)
PAGE_SIZE = 50
YEAR = re.compile(r"[0-9]{1,4}")
READ_WIDTH = 1200  # the page image beside its text, in pixels


def _get(pk: int) -> ScanJob:
    """Within the user's scope: another library's job is a 404, not a 403."""
    query = ScanJob.objects.select_related(
        "institution", "record", "copy", "reader", "operator", "job", "fulltext"
    )
    return get_object_or_404(query, pk=pk)


def _may_edit(request: HttpRequest, scan: ScanJob) -> bool:
    return can(request.user, EDIT, scan.institution)


@permission_required(*READ)
def scan_list(request: HttpRequest) -> HttpResponse:
    rows = ScanJob.objects.select_related("institution", "record", "operator")
    applied = {}
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        rows = rows.filter(kind=kind)
        applied["kind"] = kind
    status = request.GET.get("status", "")
    if status in Status.values:
        rows = rows.filter(status=status)
        applied["status"] = status
    year = request.GET.get("year", "")
    if YEAR.fullmatch(year):  # ASCII digits only: "²".isdigit() is true, int("²") fails
        rows = rows.filter(year=int(year))
        applied["year"] = year
    page = Paginator(rows.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    # Pages counted for the jobs shown only: counting them in the list's query grouped every
    # page row of every job before the first 25 were taken (seconds for a region).
    counts = dict(
        ScanPage.objects.filter(scan__in=[s.pk for s in page])
        .order_by()
        .values_list("scan")
        .annotate(n=Count("id"))
    )
    for scan in page:
        scan.page_count = counts.get(scan.pk, 0)  # type: ignore[attr-defined]
    context = {
        "page": page,
        "applied": applied,
        "query": urlencode(applied),
        "kinds": Kind.choices,
        "statuses": Status.choices,
        "can_edit": can(request.user, EDIT),
        "ocr_off": tesseract.command() is None,
        "install": tesseract.INSTALL,
    }
    return render(request, "digitization/list.html", context)


@permission_required(EDIT)
def scan_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    initial: dict[str, Any] = {"kind": request.GET.get("kind", Kind.REQUEST)}
    if re.fullmatch(r"[0-9]{1,12}", record := request.GET.get("record", "")):
        initial["find"] = f"#{record}"
    form = ScanForm(request.POST or None, institution=institution, initial=initial)
    return form_page(
        request,
        form,
        lambda: actions.create_scan(acting_user(request), institution, **form.values()),
        saved=_("The scan job is made: upload its pages."),
        then=lambda scan: redirect("digitization:detail", pk=scan.pk),
        template="digitization/form.html",
        context={},
    )


def _progress(scan: ScanJob) -> dict[str, Any] | None:
    job = scan.job
    if job is None:
        return None
    done, total = job.progress_done, job.progress_total
    if scan.status == Status.DONE:
        text = _("All %(total)d pages read.") % {"total": total}
    elif scan.status == Status.FAILED:
        text = _("Stopped after %(done)d of %(total)d pages.") % {"done": done, "total": total}
    elif scan.status == Status.QUEUED or not total:
        text = _("Waiting for its turn.")
    else:
        text = _("Page %(done)d of %(total)d read (%(percent)d%%)") % {
            "done": done,
            "total": total,
            "percent": progress.percent(job),
        }
    finished = scan.status in (Status.DONE, Status.FAILED) or job.status == JobStatus.FAILED
    return progress.payload(
        job, text, finished=finished, scan_status=scan.status, pages_done=done, pages=total
    )


def _detail(request: HttpRequest, scan: ScanJob, upload_form: PagesForm | None = None) -> HttpResponse:
    can_edit = _may_edit(request, scan)
    pages = list(scan.pages.order_by("number"))
    draft = scan.status == Status.DRAFT
    context = {
        "scan": scan,
        "pages": pages,
        "can_edit": can_edit,
        "draft": draft,
        "upload_form": upload_form or (PagesForm() if can_edit and draft else None),
        "progress": _progress(scan),
        "poll_seconds": progress.POLL_SECONDS,
        "ocr_off": tesseract.command() is None,
        "install": tesseract.INSTALL,
        "max_mb": files.max_bytes() // (1024 * 1024),
        "kept": sum(1 for p in pages if p.source),
        "stalled": actions.stalled(scan),
        "again_form": AgainForm(initial={"languages": scan.language_list})
        if can_edit and scan.status == Status.DONE
        else None,
    }
    return render(request, "digitization/detail.html", context, status=400 if upload_form else 200)


@permission_required(*READ)
def scan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _get(pk))


@permission_required(*READ)
def scan_progress(request: HttpRequest, pk: int) -> JsonResponse:
    scan = _get(pk)
    found = _progress(scan)
    if found is None:
        raise Http404("no OCR yet")
    return progress.response(found)


def _refused(message: str = "") -> PagesForm:
    """The upload form showing why the upload was refused (the files are not kept: choose again)."""
    form = PagesForm(data={})
    form.is_valid()
    if message:
        form.add_error("files", message)
    return form


@csrf_exempt  # checked below, once the upload's size is known to be allowed
@require_POST
@permission_required(EDIT)
def scan_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """The size is checked before the body is read: a request that says it carries more than
    the limit is refused at once; one that does not say (sent in chunks) is stopped at it."""
    limit = files.max_bytes()
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        scan = _get(pk)
        response = _detail(request, scan, _refused(files.too_large_message()))
        response.status_code = 413
        response["Connection"] = "close"
        return response
    handler = files.LimitedUploadHandler(limit)
    request.upload_handlers = [handler, *request.upload_handlers]
    return _upload(request, pk, handler)


@csrf_protect
def _upload(request: HttpRequest, pk: int, handler: files.LimitedUploadHandler) -> HttpResponse:
    scan = _get(pk)
    if not _may_edit(request, scan):
        raise PermissionDenied(EDIT)
    chosen = request.FILES.getlist("files")
    if handler.exceeded:
        return _detail(request, scan, _refused(files.too_large_message()))
    try:
        made = actions.add_pages(acting_user(request), scan, [(f, f.name or "page") for f in chosen])
    except ValidationError as error:
        form = _refused()
        attach_errors(form, error)
        return _detail(request, scan, form)
    added = ngettext("%(count)d page added.", "%(count)d pages added.", len(made))
    messages.success(request, added % {"count": len(made)})
    return redirect("digitization:detail", pk=pk)


def _page(pk: int) -> ScanPage:
    return get_object_or_404(ScanPage.objects.select_related("scan", "institution"), pk=pk)


def _act(request: HttpRequest, scan: ScanJob, action: Any, done: str, *args: Any) -> HttpResponse:
    if not _may_edit(request, scan):
        raise PermissionDenied(EDIT)
    try:
        action(acting_user(request), *args)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("digitization:detail", pk=scan.pk)


@require_POST
@permission_required(EDIT)
def page_move(request: HttpRequest, pk: int) -> HttpResponse:
    page = _page(pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    return _act(request, page.scan, actions.move_page, _("The page is moved."), page, offset)


@require_POST
@permission_required(EDIT)
def page_remove(request: HttpRequest, pk: int) -> HttpResponse:
    page = _page(pk)
    return _act(request, page.scan, actions.remove_page, _("The page is removed."), page)


@require_POST
@permission_required(EDIT)
def scan_start(request: HttpRequest, pk: int) -> HttpResponse:
    scan = _get(pk)
    return _act(request, scan, actions.start_ocr, _("OCR has begun; this page shows how far it got."), scan)


@require_POST
@permission_required(EDIT)
def scan_retry(request: HttpRequest, pk: int) -> HttpResponse:
    scan = _get(pk)
    return _act(request, scan, actions.retry, _("OCR goes on from the first page not read yet."), scan)


@require_POST
@permission_required(EDIT)
def scan_again(request: HttpRequest, pk: int) -> HttpResponse:
    scan = _get(pk)
    if not _may_edit(request, scan):
        raise PermissionDenied(EDIT)
    form = AgainForm(request.POST)
    if not form.is_valid():
        for message in form.errors.get("languages", []):
            messages.error(request, str(message))
        return redirect("digitization:detail", pk=pk)
    done = _("OCR reads the pages again; the new searchable PDF will replace the one linked before.")
    return _act(request, scan, actions.run_again, done, scan, form.cleaned_data["languages"])


@permission_required(EDIT)
def scan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A page saying what goes and what stays; its button deletes."""
    scan = _get(pk)
    if not _may_edit(request, scan):
        raise PermissionDenied(EDIT)
    if request.method == "POST":
        try:
            actions.delete_scan(acting_user(request), scan)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("digitization:detail", pk=pk)
        messages.success(request, _("Scan job %(code)s is deleted.") % {"code": scan.code})
        return redirect("digitization:list")
    context = {
        "scan": scan,
        "pages": scan.pages.count(),
        "files": len(actions.own_files(scan)),
        "refusal": actions.why_not_deleted(scan),
    }
    return render(request, "digitization/delete.html", context)


def _unshown() -> HttpResponse:
    """A page whose file cannot be shown (damaged, or too big to render): said, not a 500."""
    message = _("This page cannot be shown: its file is damaged or too big to render.")
    return HttpResponse(message, status=422, content_type="text/plain; charset=utf-8")


@permission_required(*READ)
def page_thumbnail(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    page = _page(pk)
    name = page.thumbnail.name
    if not name and page.source:  # a long PDF's page: made now, kept on disk by its name
        try:
            name = files.thumbnail(page.source.name, page.page_index, page.institution.code)
        except files.UNREADABLE:
            return _unshown()
    if not name:
        raise Http404("image not kept")
    return FileResponse(default_storage.open(name, "rb"), content_type="image/jpeg")


@permission_required(*READ)
def page_image(request: HttpRequest, pk: int) -> HttpResponse:
    """The page as an image a browser shows (a PDF page rendered, a TIFF converted)."""
    page = _page(pk)
    if not page.source:
        raise Http404("image not kept")
    try:
        image = files.page_image(page.source.name, page.page_index, dpi=150)
        image.thumbnail((READ_WIDTH, READ_WIDTH * 2))
        buffer = io.BytesIO()
        shown = image if image.mode in ("L", "RGB") else image.convert("RGB")
        shown.save(buffer, "JPEG", quality=85)
    except files.UNREADABLE:
        return _unshown()
    return HttpResponse(buffer.getvalue(), content_type="image/jpeg")


@permission_required(*READ)
def page_read(request: HttpRequest, pk: int) -> HttpResponse:
    page = _page(pk)
    scan = _get(page.scan_id)
    numbers = list(scan.pages.order_by("number").values_list("pk", flat=True))
    position = numbers.index(page.pk)
    context = {
        "scan": scan,
        "page": page,
        "previous": numbers[position - 1] if position else None,
        "next": numbers[position + 1] if position + 1 < len(numbers) else None,
        "waiting": page.status == PageStatus.WAITING,
    }
    return render(request, "digitization/read.html", context)
