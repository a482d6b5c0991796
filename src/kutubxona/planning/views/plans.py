"""The plans the user may see, one plan's table with facts, and its approval flow."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm
from kutubxona.planning import actions
from kutubxona.planning.builtin import ensure_template
from kutubxona.planning.forms import CreatePlanForm, ReviewForm
from kutubxona.planning.models import Plan, PlanStatus
from kutubxona.planning.pace import Status
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report


@permission_required(Perm.PLAN_VIEW)
def plan_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    plans = Plan.objects.select_related("institution").order_by("-year", "institution__path")
    own = user.institution
    form = CreatePlanForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and own is not None and can(user, Perm.PLAN_EDIT, own) and form.is_valid():
        try:
            plan = actions.create_plan(user, own, form.cleaned_data["year"], ensure_template())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The plan is created from the template; fill in the targets."))
            return redirect("planning:plan", plan_id=plan.pk)
    # A regional user reviews the institutions directly below their own.
    regions = [own] if own is not None and Institution.objects.filter(parent=own).exists() else []
    return render(
        request,
        "planning/list.html",
        {
            "plans": plans,
            "form": form,
            "can_create": own is not None and can(user, Perm.PLAN_EDIT, own),
            "regions": regions,
            "years": sorted({p.year for p in plans}, reverse=True),
        },
    )


@permission_required(Perm.PLAN_VIEW)
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("institution"), pk=plan_id)
    user = acting_user(request)
    report = build_report(plan, Period(plan.year, "year"))
    section = request.GET.get("section", "")
    service = request.GET.get("service", "")
    status = request.GET.get("status", "")
    rows = [
        r
        for r in report.lines
        if (not section or r.line.section == section)
        and (not service or r.line.answered_by(service))
        and (not status or r.status == status)
    ]
    services = plan.institution.services.all()
    return render(
        request,
        "planning/detail.html",
        {
            "plan": plan,
            "report": report,
            "groups": [(s, [r for r in rows if r.line.section == s.code]) for s in report.sections],
            "filters": {"section": section, "service": service, "status": status},
            "services": services,
            "statuses": Status.choices,
            "counts": {s: sum(1 for r in report.lines if r.status == s) for s in Status},
            "events": plan.events.select_related("author")[:20],
            "can_edit": can(user, Perm.PLAN_EDIT, plan.institution) and not plan.is_locked,
            "can_submit": can(user, Perm.PLAN_EDIT, plan.institution)
            and plan.status in {PlanStatus.DRAFT, PlanStatus.RETURNED},
            "can_review": can(user, Perm.PLAN_APPROVE, plan.institution)
            and user.institution_id != plan.institution_id
            and plan.status == PlanStatus.SUBMITTED,
            "can_draft_next": can(user, Perm.PLAN_EDIT, plan.institution)
            and not Plan.objects.filter(institution=plan.institution, year=plan.year + 1).exists(),
            "review_form": ReviewForm(),
        },
    )


def _workflow(request: HttpRequest, plan_id: int, step: str) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("institution"), pk=plan_id)
    user = acting_user(request)
    comment = request.POST.get("comment", "")
    try:
        if step == "submit":
            actions.submit_plan(user, plan)
            messages.success(request, _("The plan is sent for approval."))
        elif step == "approve":
            actions.approve_plan(user, plan, comment)
            messages.success(request, _("The plan is approved."))
        elif step == "return":
            actions.return_plan(user, plan, comment)
            messages.success(request, _("The plan is sent back with your comment."))
        else:
            new = actions.draft_next_year(user, plan)
            messages.success(request, _("Next year's plan is drafted: fill in its targets."))
            return redirect("planning:plan", plan_id=new.pk)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("planning:plan", plan_id=plan.pk)


@require_POST
@permission_required(Perm.PLAN_VIEW)
def plan_workflow(request: HttpRequest, plan_id: int, step: str) -> HttpResponse:
    if step not in {"submit", "approve", "return", "next-year"}:
        return HttpResponse(status=404)
    return _workflow(request, plan_id, step)
