"""Adding a copy of a record, from the form on the record's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.catalog import actions
from kutubxona.catalog.copy_forms import CopyForm
from kutubxona.catalog.labels import labels_pdf
from kutubxona.catalog.models import Record
from kutubxona.catalog.views.pages import detail_page
from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm


@require_POST
@permission_required(Perm.CATALOG_VIEW)  # another library's record is not found (404) before 403
def copy_create(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(Record.objects.select_related("institution"), pk=pk)
    actor = acting_user(request)
    if not can(actor, Perm.CATALOG_EDIT, record.institution):
        return render(request, "403.html", status=403)
    form = CopyForm(request.POST, institution=record.institution)
    if form.is_valid():
        try:
            copy = actions.create_copy(actor, record, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Copy %(number)s added.") % {"number": copy.accession_number})
            return redirect("catalog:detail", pk=record.pk)
    return detail_page(request, record, form)


@permission_required(Perm.CATALOG_VIEW)  # another library's record is not found (404) before 403
def copy_labels(request: HttpRequest, pk: int) -> HttpResponse:
    """The barcode labels of a record's copies, to print on a sticker sheet."""
    record = get_object_or_404(Record.objects.select_related("institution"), pk=pk)
    if not can(acting_user(request), Perm.CATALOG_EDIT, record.institution):
        return render(request, "403.html", status=403)
    copies = list(record.copies.select_related("institution", "record").order_by("accession_number"))
    response = HttpResponse(labels_pdf(copies), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="labels-{record.pk}.pdf"'
    return response
