"""The institution's copies: a filtered list, editing one copy, acting on ticked copies
(barcode labels, a new status), and the labels of a batch added on given days."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.catalog import actions
from kutubxona.catalog.copy_forms import AccessionDatesForm, CopyFilterForm, CopyForm, SelectedCopiesForm
from kutubxona.catalog.labels import labels_pdf
from kutubxona.catalog.models import Copy
from kutubxona.core.dates import day_bounds
from kutubxona.core.forms import attach_errors, changed_fields
from kutubxona.core.permissions import permission_required
from kutubxona.core.text import search_tokens
from kutubxona.institutions.access import acting_user, can, visible_ids
from kutubxona.institutions.roles import Perm

PAGE_SIZE = 50


def _filtered(form: CopyFilterForm) -> QuerySet[Copy]:
    copies = Copy.objects.select_related("record", "sector", "institution").order_by("accession_number")
    if not form.is_valid():
        return copies
    data = form.cleaned_data
    for name in ("status", "collection", "sector"):
        if data[name]:
            copies = copies.filter(**{name: data[name]})
    query = data["q"].strip()
    if query:
        # A number or barcode as typed; the title through the record's folded search key.
        tokens = search_tokens(query)[:10]
        by_title = Q(*(Q(record__search_key__contains=token) for token in tokens)) if tokens else Q(pk=None)
        copies = copies.filter(Q(accession_number__iexact=query) | Q(barcode=query) | by_title)
    return copies


@permission_required(Perm.CATALOG_VIEW)
def copy_list(request: HttpRequest) -> HttpResponse:
    form = CopyFilterForm(request.GET, institution_ids=visible_ids(request.user), auto_id="filter_%s")
    page = Paginator(_filtered(form), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    today = timezone.localdate()
    return render(
        request,
        "catalog/copies.html",
        {
            "filters": form,
            "page": page,
            "query": query,
            "can_edit": can(request.user, Perm.CATALOG_EDIT),
            "selected": SelectedCopiesForm(),
            "batch": AccessionDatesForm(initial={"start": today, "end": today}),
        },
    )


@permission_required(Perm.CATALOG_VIEW)  # another library's copy is not found (404) before 403
def copy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    copy = get_object_or_404(Copy.objects.select_related("record", "institution"), pk=pk)
    actor = acting_user(request)
    if not can(actor, Perm.CATALOG_EDIT, copy.institution):
        return render(request, "403.html", status=403)
    form = CopyForm(request.POST or None, instance=copy, institution=copy.institution)
    # Back where the copy was opened from: its record's page or the list (with its filters).
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("catalog:copies")
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_copy(actor, copy, **changed_fields(form))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Copy %(number)s saved.") % {"number": copy.accession_number})
            return redirect(back)
    return render(request, "catalog/copy_form.html", {"form": form, "copy": copy, "back": back})


def _errors(form: forms.Form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def _pdf(copies: list[Copy], name: str) -> HttpResponse:
    response = HttpResponse(labels_pdf(copies), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@require_POST
@permission_required(Perm.CATALOG_EDIT)
def copies_selected(request: HttpRequest) -> HttpResponse:
    """The ticked copies: their labels as PDF, or (button "status") a new status for each."""
    form = SelectedCopiesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("catalog:copies")
    # Only the user's own copies: an id of another library's copy is not found, as in the list.
    copies = list(
        Copy.objects.filter(pk__in=form.cleaned_data["copy"])
        .select_related("institution", "record")
        .order_by("accession_number")
    )
    actor = acting_user(request)
    if any(not can(actor, Perm.CATALOG_EDIT, copy.institution) for copy in copies):
        return render(request, "403.html", status=403)
    if "status" not in request.POST.get("action", ""):
        return _pdf(copies, "labels")
    status = form.cleaned_data["status"]
    if not status:
        messages.error(request, _("Choose the new status."))
        return redirect("catalog:copies")
    with transaction.atomic():
        for copy in copies:
            actions.update_copy(actor, copy, status=status)
    messages.success(request, _("Status changed for %(count)d copies.") % {"count": len(copies)})
    return redirect("catalog:copies")


@permission_required(Perm.CATALOG_EDIT)
def labels_by_date(request: HttpRequest) -> HttpResponse:
    """Labels of the copies added (accessioned) from one day to another: a new batch."""
    form = AccessionDatesForm(request.GET)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("catalog:copies")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    first, after = day_bounds(start, end)
    institution = acting_user(request).institution
    copies = list(
        Copy.objects.filter(institution=institution, created_at__gte=first, created_at__lt=after)
        .select_related("institution", "record")
        .order_by("accession_number")
    )
    if not copies:
        messages.info(request, _("No copies were added on those days."))
        return redirect("catalog:copies")
    return _pdf(copies, f"labels-{start}-{end}")
