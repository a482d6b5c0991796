"""Filling in a draft plan: every line's numbers on one page, adding and removing lines."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm
from kutubxona.planning import actions
from kutubxona.planning.forms import AddLineForm, TargetsForm
from kutubxona.planning.models import Plan, PlanLine


def _editable_plan(request: HttpRequest, plan_id: int) -> Plan | None:
    plan = get_object_or_404(Plan.objects.select_related("institution"), pk=plan_id)
    if not can(acting_user(request), Perm.PLAN_EDIT, plan.institution):
        return None
    return plan


@permission_required(Perm.PLAN_EDIT)
def targets(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _editable_plan(request, plan_id)
    if plan is None:
        return render(request, "403.html", status=403)
    lines = list(PlanLine.objects.filter(plan=plan))
    # Two forms on one page; the button pressed ("targets" or "add") says which was sent.
    posted = request.POST if request.method == "POST" else {}
    form = TargetsForm(request.POST if "targets" in posted else None, lines=lines)
    add_form = AddLineForm(request.POST if "add" in posted else None)
    user = acting_user(request)
    try:
        if form.is_bound and form.is_valid():
            actions.set_values(user, plan, form.values())
            messages.success(request, _("Saved."))
            return redirect("planning:plan", plan_id=plan.pk)
        if add_form.is_bound and add_form.is_valid():
            line = actions.add_line(user, plan, **add_form.cleaned_data)
            messages.success(request, _("Line %(number)s is added.") % {"number": line.number})
            return redirect("planning:targets", plan_id=plan.pk)
    except ValidationError as error:
        attach_errors(add_form if add_form.is_bound else form, error)
    return render(
        request,
        "planning/targets.html",
        {"plan": plan, "form": form, "add_form": add_form, "locked": plan.is_locked},
    )


@require_POST
@permission_required(Perm.PLAN_EDIT)
def remove_line(request: HttpRequest, plan_id: int, number: str) -> HttpResponse:
    lines = PlanLine.objects.select_related("plan__institution")
    line = get_object_or_404(lines, plan_id=plan_id, number=number)
    try:
        actions.remove_line(acting_user(request), line)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Line %(number)s is removed.") % {"number": number})
    return redirect("planning:targets", plan_id=plan_id)
