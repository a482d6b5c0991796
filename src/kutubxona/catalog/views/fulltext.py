"""Full-text files of a record: attach (on the record's page), open, change access, remove.

Opening a file is the one catalogue page anonymous visitors reach: the file is looked up
outside the visitor's scope and served only if its access level lets them (`fulltext.may_read`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from django_scopes import scopes_disabled

from kutubxona.catalog import fulltext
from kutubxona.catalog.fulltext_forms import AccessForm, FullTextForm
from kutubxona.catalog.models import AccessLevel, FullText, FullTextKind, Record
from kutubxona.catalog.views.pages import detail_page
from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.core.signals import record_files_changed
from kutubxona.institutions.access import acting_user, visible_ids
from kutubxona.institutions.roles import Perm


@require_POST
@permission_required(Perm.CATALOG_VIEW)  # another library's record is not found (404) before 403
def fulltext_upload(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(Record.objects.select_related("institution"), pk=pk)
    actor = acting_user(request)
    if not fulltext.may_manage(actor, record.institution):
        return render(request, "403.html", status=403)
    form = FullTextForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            fulltext.attach(
                actor, record, upload, name=upload.name or "file", access=form.cleaned_data["access"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The file is linked to the record."))
            return redirect("catalog:detail", pk=record.pk)
    return detail_page(request, record, fulltext_form=form)


def refuse(request: HttpRequest, item: FullText, *, reader_login: bool = False) -> HttpResponse:
    """The answer to a visitor who may not open `item`: a file for the reading room says so (no
    login helps from outside), the anonymous log in, another library's file is not found.

    `reader_login`: a file for registered readers sends to the readers' login (the OPAC)."""
    if item.access == AccessLevel.PREMISES:
        return render(request, "catalog/fulltext_premises.html", {"item": item}, status=403)
    if not request.user.is_authenticated:
        if reader_login and item.access == AccessLevel.READERS:
            return redirect_to_login(request.get_full_path(), reverse("reader:login"))
        return redirect_to_login(request.get_full_path())
    if item.institution_id not in visible_ids(request.user):
        raise Http404("not found")  # another library's file is not confirmed to exist
    return render(request, "403.html", status=403)


@xframe_options_sameorigin  # the OPAC's reading page shows it in a frame
def fulltext_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file, if its access level lets this visitor open it: PDFs and images in the browser,
    others saved."""
    with scopes_disabled():
        item = get_object_or_404(FullText.objects.select_related("institution"), pk=pk)
    if not fulltext.may_read(request.user, item, address=fulltext.visitor_address(request)):
        return refuse(request, item)
    inline = item.kind in (FullTextKind.PDF, FullTextKind.IMAGE)
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=not inline,
        filename=item.original_name,
        content_type=item.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _managed(request: HttpRequest, pk: int) -> FullText | HttpResponse:
    item = get_object_or_404(FullText.objects.select_related("institution", "record"), pk=pk)
    if not fulltext.may_manage(acting_user(request), item.institution):
        return render(request, "403.html", status=403)
    return item


def _warn_others(request: HttpRequest, record: Record) -> None:
    """What other apps say about the change (a QR board showing the record, say)."""
    for _receiver, warning in record_files_changed.send(sender=FullText, record=record):
        if warning:
            messages.warning(request, warning)


@require_POST
@permission_required(Perm.CATALOG_VIEW)
def fulltext_access(request: HttpRequest, pk: int) -> HttpResponse:
    item = _managed(request, pk)
    if isinstance(item, HttpResponse):
        return item
    form = AccessForm(request.POST)
    if form.is_valid():
        fulltext.set_access(acting_user(request), item, form.cleaned_data["access"])
        messages.success(request, _("Access to %(name)s changed.") % {"name": item.original_name})
        _warn_others(request, item.record)
    return redirect("catalog:detail", pk=item.record_id)


@require_POST
@permission_required(Perm.CATALOG_VIEW)
def fulltext_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _managed(request, pk)
    if isinstance(item, HttpResponse):
        return item
    fulltext.remove(acting_user(request), item)
    messages.success(
        request, _("The file %(name)s is removed from the record.") % {"name": item.original_name}
    )
    _warn_others(request, item.record)
    return redirect("catalog:detail", pk=item.record_id)
