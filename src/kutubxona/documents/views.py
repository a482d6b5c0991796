"""The documents register: list with filters and counts, a document's page, its file, and the
quarterly information-security report form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors, changed_fields
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import own_institution
from kutubxona.documents import actions
from kutubxona.documents.forms import DocumentForm, FilterForm, SecurityReportForm
from kutubxona.documents.models import Document, DocumentKind
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm

PAGE_SIZE = 50
# The register is kept by the staff; the methodist who approves the plan reads it (its drill-down).
READ = (Perm.DOCUMENTS_EDIT, Perm.PLAN_APPROVE)


@permission_required(*READ)
def document_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    documents = Document.objects.select_related("institution").order_by("-date", "-id")
    if form.is_valid():
        if kind := form.cleaned_data["kind"]:
            documents = documents.filter(kind=kind)
        if year := form.cleaned_data["year"]:
            documents = documents.filter(year=year)
    labels = dict(DocumentKind.choices)
    counts = [
        (labels.get(row["kind"], row["kind"]), row["kind"], row["n"])
        for row in documents.order_by().values("kind").annotate(n=Count("id")).order_by("kind")
    ]
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in request.GET.items() if k != "page" and v)
    return render(
        request,
        "documents/list.html",
        {
            "form": form,
            "page": page,
            "counts": counts,
            "total": documents.count(),
            "query": query,
            "may_edit": can(request.user, Perm.DOCUMENTS_EDIT),
        },
    )


@permission_required(Perm.DOCUMENTS_EDIT)
def document_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            doc = actions.register_document(acting_user(request), institution, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Document № %(number)s is registered.") % {"number": doc.number})
            return redirect("documents:detail", pk=doc.pk)
    return render(request, "documents/form.html", {"form": form, "title": _("Register a document")})


@permission_required(*READ)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(Document.objects.select_related("institution", "author"), pk=pk)
    may_edit = can(request.user, Perm.DOCUMENTS_EDIT, doc.institution)
    form = DocumentForm(request.POST or None, request.FILES or None, instance=Document.objects.get(pk=doc.pk))
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(Perm.DOCUMENTS_EDIT)
        if form.is_valid():
            try:
                doc = actions.update_document(acting_user(request), doc, **changed_fields(form))
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("documents:detail", pk=doc.pk)
    return render(request, "documents/detail.html", {"doc": doc, "form": form if may_edit else None})


@require_POST
@permission_required(Perm.DOCUMENTS_EDIT)
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(Document.objects.select_related("institution"), pk=pk)
    actions.delete_document(acting_user(request), doc)
    messages.success(request, _("The document is deleted from the register."))
    return redirect("documents:list")


@permission_required(*READ)
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    """The document's file, to those who may see the register (media files are not public)."""
    doc = get_object_or_404(Document.objects, pk=pk)
    if not doc.file:
        raise Http404("no file")
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.filename)


@permission_required(Perm.DOCUMENTS_EDIT)
def security_report(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    initial = SecurityReportForm.defaults()
    if "year" in request.GET and "quarter" in request.GET:
        initial.update(year=request.GET["year"], quarter=request.GET["quarter"])
    existing = None
    if str(initial["year"]).isdigit() and str(initial["quarter"]) in {"1", "2", "3", "4"}:
        existing = actions.security_report_of(institution, int(initial["year"]), int(initial["quarter"]))
    if existing is not None:  # amend: start from what the registered report said
        initial.update(existing.content, date=existing.date, authors=existing.authors, replace=True)
    form = SecurityReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            doc = actions.save_security_report(
                acting_user(request),
                institution,
                year=data["year"],
                quarter=data["quarter"],
                date=data["date"],
                content=form.content(),
                authors=data["authors"],
                replace=data["replace"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("The security report is registered as № %(number)s.") % {"number": doc.number}
            )
            return redirect("documents:detail", pk=doc.pk)
    return render(request, "documents/security.html", {"form": form, "existing": existing})
