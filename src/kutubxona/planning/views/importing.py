"""Bringing in a plan a library already typed in Excel (the official layout)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.institutions.access import acting_user
from kutubxona.institutions.roles import Perm
from kutubxona.planning import actions
from kutubxona.planning.forms import ImportPlanForm
from kutubxona.planning.xlsx_import import RowError


@permission_required(Perm.PLAN_EDIT)
def import_plan(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = ImportPlanForm(
        request.POST or None, request.FILES or None, initial={"year": timezone.localdate().year}
    )
    errors: list[RowError] = []
    if request.method == "POST" and form.is_valid() and user.institution is not None:
        try:
            plan, errors = actions.import_plan(
                user, user.institution, form.cleaned_data["year"], form.cleaned_data["file"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            if plan is not None:
                messages.success(
                    request, _("The plan is imported: %(count)s lines.") % {"count": plan.lines.count()}
                )
                return redirect("planning:plan", plan_id=plan.pk)
    return render(request, "planning/import.html", {"form": form, "errors": errors})
