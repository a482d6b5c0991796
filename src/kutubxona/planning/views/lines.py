"""One plan line: its chart, the records or entries behind its fact, and its changes."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors, changed_fields
from kutubxona.core.permissions import permission_required
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm
from kutubxona.planning import actions, pace, registry
from kutubxona.planning.charts import progress_chart
from kutubxona.planning.facts import cumulative, monthly_series
from kutubxona.planning.forms import AmendForm, LineEditForm, ManualFactForm
from kutubxona.planning.models import ManualFact, PlanLine, PlanStatus
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report

RECORDS_SHOWN = 200


def _line(plan_id: int, number: str) -> PlanLine:
    return get_object_or_404(
        PlanLine.objects.select_related("plan__institution"), plan_id=plan_id, number=number
    )


def _month_ends(year: int) -> list[datetime.date]:
    return [datetime.date(year + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1) for m in range(1, 13)]


def _months_elapsed(year: int) -> int:
    """The months of `year` begun by today: 12 for a past year, 0 for a future one."""
    today = timezone.localdate()
    return 12 if today.year > year else 0 if today.year < year else today.month


@permission_required(Perm.PLAN_VIEW)
def line_detail(request: HttpRequest, plan_id: int, number: str) -> HttpResponse:
    line = _line(plan_id, number)
    plan = line.plan
    user = acting_user(request)
    row = build_report(plan, Period(plan.year, "year")).line(number)
    monthly = monthly_series(line)
    expected = [
        pace.expected(line.target, line.deadline, plan.year, d) or Decimal(0) for d in _month_ends(plan.year)
    ]
    metric = registry.get(line.metric_key)
    records = []
    if metric is not None and metric.records is not None:
        year_start, year_end = datetime.date(plan.year, 1, 1), datetime.date(plan.year, 12, 31)
        records = [
            # No link where the record's own page would refuse this user (a 403 from the plan).
            row if not row.perms or any(can(user, perm) for perm in row.perms) else replace(row, url="")
            for row in metric.records(
                [plan.institution_id], year_start, year_end, line.metric_dimensions, RECORDS_SHOWN
            )
        ]
    may_record = can(user, Perm.PLAN_FACTS, plan.institution) and user.institution_id == plan.institution_id
    fact_form = (
        ManualFactForm(request.POST or None, request.FILES or None, prefix="fact") if may_record else None
    )
    if request.method == "POST" and fact_form is not None and fact_form.is_valid():
        try:
            actions.add_manual_fact(user, line, **fact_form.cleaned_data)
        except ValidationError as error:
            attach_errors(fact_form, error)
        else:
            messages.success(request, _("The fact is recorded."))
            return redirect("planning:line", plan_id=plan.pk, number=number)
    can_edit = can(user, Perm.PLAN_EDIT, plan.institution)
    return render(
        request,
        "planning/line.html",
        {
            "plan": plan,
            "line": line,
            "row": row,
            "metric": metric,
            "records": records,
            "records_capped": len(records) >= RECORDS_SHOWN,
            "entries": line.manual_facts.select_related("author").order_by("-date", "-id"),
            "chart": progress_chart(
                monthly, cumulative(monthly), expected, str(line), months_elapsed=_months_elapsed(plan.year)
            ),
            "months": list(zip(monthly, cumulative(monthly), expected, strict=True)),
            "fact_form": fact_form,
            "edit_form": LineEditForm(instance=line) if can_edit and not plan.is_locked else None,
            "amend_form": AmendForm(instance=line)
            if can_edit and plan.status == PlanStatus.APPROVED
            else None,
            "may_record": may_record,
        },
    )


@require_POST
@permission_required(Perm.PLAN_EDIT)
def line_change(request: HttpRequest, plan_id: int, number: str, how: str) -> HttpResponse:
    """Edit a line of a draft plan, or amend a line of an approved one (with a reason)."""
    if how not in {"edit", "amend"}:
        raise Http404(how)
    line = _line(plan_id, number)
    user = acting_user(request)
    form: LineEditForm | AmendForm = (
        AmendForm(request.POST, instance=PlanLine.objects.get(pk=line.pk))
        if how == "amend"
        else LineEditForm(request.POST, instance=PlanLine.objects.get(pk=line.pk))
    )
    if form.is_valid():
        changes = {k: v for k, v in changed_fields(form).items() if k != "reason"}
        try:
            if how == "amend":
                actions.amend_line(user, line, form.cleaned_data["reason"], **changes)
            else:
                actions.update_line(user, line, **changes)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("planning:line", plan_id=plan_id, number=number)
    for message in [
        *form.non_field_errors(),
        *(f"{form[f].label}: {e}" for f in form.errors for e in form.errors[f] if f != "__all__"),
    ]:
        messages.error(request, message)
    return redirect("planning:line", plan_id=plan_id, number=number)


@require_POST
@permission_required(Perm.PLAN_FACTS)
def fact_delete(request: HttpRequest, plan_id: int, fact_id: int) -> HttpResponse:
    fact = get_object_or_404(
        ManualFact.objects.select_related("line__plan__institution"), pk=fact_id, line__plan_id=plan_id
    )
    actions.delete_manual_fact(acting_user(request), fact)
    messages.success(request, _("The entry is deleted."))
    return redirect("planning:line", plan_id=plan_id, number=fact.line.number)


@permission_required(Perm.PLAN_VIEW)
def fact_file(request: HttpRequest, plan_id: int, fact_id: int) -> FileResponse:
    """A fact's attached file, to those who may see the plan (media files are not public)."""
    facts = ManualFact.objects.select_related("line__plan")
    fact = get_object_or_404(facts, pk=fact_id, line__plan_id=plan_id)
    if not fact.attachment:
        raise Http404("no file")
    return FileResponse(
        fact.attachment.open("rb"), as_attachment=True, filename=fact.attachment.name.rsplit("/", 1)[-1]
    )
