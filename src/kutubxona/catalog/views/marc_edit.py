"""The MARC field editor page: the leader and every field of a record, edited as rows."""

from __future__ import annotations

from itertools import zip_longest

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kutubxona.catalog import actions
from kutubxona.catalog.marc.json import from_json
from kutubxona.catalog.marc_editor import Edited, Row, parse, sort_by_tag, stamp, to_rows, without_005
from kutubxona.catalog.models import Record
from kutubxona.core.permissions import permission_required
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm

BLANK_ROWS = 5  # for adding fields without JavaScript


def _posted_rows(request: HttpRequest) -> list[Row]:
    """The rows as typed (nothing stripped but the tag: spaces in 008 or a leader count)."""
    columns = [request.POST.getlist(name) for name in ("tag", "ind1", "ind2", "value")]
    return [
        Row(tag.strip(), ind1, ind2, value) for tag, ind1, ind2, value in zip_longest(*columns, fillvalue="")
    ]


def _save(request: HttpRequest, record: Record, edited: Edited) -> HttpResponse | None:
    """Save a valid edit through the update action; None when the page is shown again."""
    assert edited.marc is not None
    marc = edited.marc
    if request.POST.get("sort"):
        sort_by_tag(marc)
    if without_005(marc) == without_005(record.marc):
        messages.info(request, _("Nothing was changed."))
        return redirect("catalog:detail", pk=record.pk)
    stamp(marc)
    try:
        actions.update_record(acting_user(request), record, from_json(marc))
    except ValidationError as error:
        edited.errors.extend(error.messages)
        return None
    messages.success(request, _("Saved."))
    return redirect("catalog:detail", pk=record.pk)


@permission_required(Perm.CATALOG_VIEW)  # another library's record is not found (404) before 403
def marc_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(Record.objects.select_related("institution"), pk=pk)
    if not can(acting_user(request), Perm.CATALOG_EDIT, record.institution):
        return render(request, "403.html", status=403)
    if request.method == "POST":
        edited = parse(request.POST.get("leader", ""), _posted_rows(request))
        if edited.valid and (not edited.warnings or request.POST.get("confirm")):
            response = _save(request, record, edited)
            if response is not None:
                return response
    else:
        edited = Edited(leader=record.marc["leader"], rows=to_rows(record.marc))
    return render(
        request,
        "catalog/marc_edit.html",
        {
            "record": record,
            "edited": edited,
            "rows": edited.rows + [Row() for _n in range(BLANK_ROWS)],
            "ask_confirm": edited.valid and edited.warnings,
            "sort": request.POST.get("sort", ""),
        },
    )
