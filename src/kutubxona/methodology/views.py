"""The library directory (list, page per library, XLSX/PDF, issue as a document) and the log of
methodological help."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors, changed_fields
from kutubxona.core.permissions import permission_required
from kutubxona.core.text import fold
from kutubxona.core.viewhelpers import lock_unless_permitted, own_institution, tabular_download
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm
from kutubxona.methodology import actions, directory
from kutubxona.methodology.forms import HelpFilterForm, LibraryFilterForm, LibraryForm, MethodHelpForm
from kutubxona.methodology.models import Library, MethodHelp

# The directory is read by whoever keeps documents (director, bibliographer, ICT, HR) and kept by
# those who give methodological help (bibliographer, ICT: outreach.edit).
VIEW = (Perm.DOCUMENTS_EDIT, Perm.PLAN_APPROVE)  # the methodist who approves the plan reads


def _filtered_libraries(form: LibraryFilterForm) -> QuerySet[Library]:
    libraries = Library.objects.annotate(help_count=Count("help")).order_by("type", "name")
    if form.is_valid():
        if kind := form.cleaned_data["type"]:
            libraries = libraries.filter(type=kind)
        if query := fold(form.cleaned_data["q"]):
            ids = [lib.pk for lib in libraries if query in fold(f"{lib.name} {lib.address}")]
            libraries = libraries.filter(pk__in=ids)
    return libraries


@permission_required(*VIEW)
def library_list(request: HttpRequest) -> HttpResponse:
    form = LibraryFilterForm(request.GET or None)
    libraries = _filtered_libraries(form)
    fmt = request.GET.get("format", "")
    if fmt:
        doc = directory.document(own_institution(request), libraries, timezone.localdate())
        if (
            response := tabular_download(doc, fmt, f"directory-{timezone.localdate().isoformat()}")
        ) is not None:
            return response
    query = "&".join(f"{k}={v}" for k, v in request.GET.items() if k != "format" and v)
    return render(
        request,
        "methodology/libraries.html",
        {
            "form": form,
            "libraries": libraries,
            "query": query,
            "may_edit": can(request.user, Perm.OUTREACH_EDIT),
            "may_issue": can(request.user, Perm.DOCUMENTS_EDIT),
        },
    )


@permission_required(*VIEW)
def library_detail(request: HttpRequest, pk: int) -> HttpResponse:
    library = get_object_or_404(Library.objects.select_related("institution"), pk=pk)
    may_edit = can(request.user, Perm.OUTREACH_EDIT, library.institution)
    form = (
        LibraryForm(request.POST or None, instance=Library.objects.get(pk=library.pk)) if may_edit else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(Perm.OUTREACH_EDIT)
        if form.is_valid():
            try:
                actions.update_library(acting_user(request), library, **changed_fields(form))
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("methodology:library", pk=library.pk)
    history = library.help.prefetch_related("staff").order_by("-date", "-id")
    return render(request, "methodology/library.html", {"library": library, "form": form, "history": history})


@permission_required(Perm.OUTREACH_EDIT)
def library_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    form = LibraryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            library = actions.create_library(acting_user(request), institution, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("methodology:library", pk=library.pk)
    return render(
        request,
        "methodology/form.html",
        {"form": form, "title": _("Add a library"), "back": "methodology:libraries"},
    )


@require_POST
@permission_required(Perm.DOCUMENTS_EDIT)
def issue_directory(request: HttpRequest) -> HttpResponse:
    try:
        doc = actions.issue_directory(acting_user(request), own_institution(request), timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("methodology:libraries")
    messages.success(
        request,
        _("The directory is registered in the documents register as № %(number)s.") % {"number": doc.number},
    )
    return redirect("documents:detail", pk=doc.pk)


@permission_required(*VIEW)
def help_list(request: HttpRequest) -> HttpResponse:
    form = HelpFilterForm(request.GET or None)
    items = MethodHelp.objects.select_related("library").prefetch_related("staff").order_by("-date", "-id")
    if form.is_valid():
        if kind := form.cleaned_data["form"]:
            items = items.filter(form=kind)
        if year := form.cleaned_data["year"]:
            items = items.filter(date__year=year)
    return render(
        request,
        "methodology/help_list.html",
        {"form": form, "items": items, "may_edit": can(request.user, Perm.OUTREACH_EDIT)},
    )


def _help_form_page(request: HttpRequest, item: MethodHelp | None) -> HttpResponse:
    user = acting_user(request)
    institution = item.institution if item else own_institution(request)
    initial = {"date": timezone.localdate()}
    if library := request.GET.get("library"):
        initial["library"] = library  # type: ignore[assignment]
    form = MethodHelpForm(request.POST or None, instance=item, institution=institution, initial=initial)
    read_only = lock_unless_permitted(request, form, Perm.OUTREACH_EDIT, institution)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        staff = data.pop("staff")
        try:
            if item is None:
                item = actions.record_help(user, institution, staff=staff, **data)
            else:
                changes = changed_fields(form, "staff")
                item = actions.update_help(user, item, staff=staff, **changes)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("methodology:help_list")
    title = str(item) if item else _("Record methodological help")
    return render(
        request,
        "methodology/form.html",
        {
            "form": form,
            "title": title,
            "back": "methodology:help_list",
            "item": item,
            "read_only": read_only,
        },
    )


@permission_required(Perm.OUTREACH_EDIT)
def help_create(request: HttpRequest) -> HttpResponse:
    return _help_form_page(request, None)


@permission_required(*VIEW)
def help_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(MethodHelp.objects.select_related("institution", "library"), pk=pk)
    return _help_form_page(request, item)


@require_POST
@permission_required(Perm.OUTREACH_EDIT)
def help_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(MethodHelp.objects.select_related("institution"), pk=pk)
    actions.delete_help(acting_user(request), item)
    messages.success(request, _("Deleted."))
    return redirect("methodology:help_list")
