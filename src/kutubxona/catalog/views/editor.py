"""The cataloguing form: add a book, or edit the fields the form owns of an existing record."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kutubxona.catalog import actions
from kutubxona.catalog.forms import CATALOGUING_LANGUAGES, RecordForm
from kutubxona.catalog.marc import json as marc_json
from kutubxona.catalog.marc.extract import extract
from kutubxona.catalog.marc.from_form import to_initial, to_marc
from kutubxona.catalog.matching import Matcher
from kutubxona.catalog.models import Record
from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm


def _duplicates(institution: Institution, form: RecordForm, record: Record | None) -> list[Record]:
    """The records of the institution the book may duplicate: same ISBN, or title, author and year."""
    columns = extract(marc_json.to_json(to_marc(form.book(), cataloguing_language="", agency="")))
    matcher = Matcher(institution)
    matcher.load([columns])
    return [found for found in matcher.candidates(columns) if record is None or found.pk != record.pk]


def _edit(request: HttpRequest, institution: Institution, record: Record | None) -> HttpResponse:
    actor = acting_user(request)
    if not can(actor, Perm.CATALOG_EDIT, institution):
        return render(request, "403.html", status=403)
    initial = to_initial(record.marc) if record else {}
    form = RecordForm(request.POST or None, initial=initial)
    duplicates: list[Record] = []
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["save_anyway"]:
            duplicates = _duplicates(institution, form, record)
        if duplicates:
            form.fields["save_anyway"].widget = forms.CheckboxInput()
        else:
            marc = to_marc(
                form.book(),
                cataloguing_language=CATALOGUING_LANGUAGES.get((get_language() or "uz")[:2], "uzb"),
                agency=institution.code,
                previous=record.marc if record else None,
            )
            try:
                if record is None:
                    record = actions.create_record(actor, institution, marc)
                else:
                    actions.update_record(actor, record, marc)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                for typed, isbn in form.converted_isbns():
                    messages.info(
                        request,
                        _("ISBN %(typed)s is saved as ISBN-13 %(isbn)s.") % {"typed": typed, "isbn": isbn},
                    )
                return redirect("catalog:detail", pk=record.pk)
    return render(
        request,
        "catalog/record_form.html",
        {"form": form, "record": record, "institution": institution, "duplicates": duplicates},
    )


@permission_required(Perm.CATALOG_EDIT)
def record_create(request: HttpRequest) -> HttpResponse:
    institution = acting_user(request).institution
    if institution is None:  # a system account of no library catalogues nothing
        return render(request, "403.html", status=403)
    return _edit(request, institution, None)


@permission_required(Perm.CATALOG_VIEW)  # another library's record is not found (404) before 403
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(Record.objects.select_related("institution"), pk=pk)
    return _edit(request, record.institution, record)
