"""Reports for a period (page, XLSX, PDF, JSON) and the region's roll-up."""

from __future__ import annotations

import datetime
import json

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import XLSX, download
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm
from kutubxona.planning.forms import ReportForm
from kutubxona.planning.models import Plan, PlanStatus
from kutubxona.planning.pdf import report_pdf
from kutubxona.planning.periods import Period
from kutubxona.planning.report import as_json, build_report
from kutubxona.planning.rollup import build_rollup
from kutubxona.planning.xlsx import plan_xlsx, report_xlsx, rollup_xlsx


def _period(request: HttpRequest, year: int) -> Period:
    if not datetime.MINYEAR < year < datetime.MAXYEAR:  # a typed URL: no date of that year
        raise Http404(year)
    try:
        return Period.parse(year, request.GET.get("period", "year"))
    except ValueError as error:
        raise Http404(str(error)) from None


def report_file(plan: Plan, period: Period, fmt: str) -> tuple[bytes, str, str]:
    """The report as (content, content type, file name), in the active language."""
    report = build_report(plan, period)
    name = f"{plan.institution.code}-{plan.year}-{period.code}-{translation.get_language()}"
    if fmt == "xlsx":
        return report_xlsx(report), XLSX, f"{name}.xlsx"
    if fmt == "pdf":
        return report_pdf(report), "application/pdf", f"{name}.pdf"
    if fmt == "json":
        return (
            json.dumps(as_json(report), ensure_ascii=False, indent=1).encode(),
            "application/json",
            f"{name}.json",
        )
    raise ValueError(fmt)


@permission_required(Perm.PLAN_VIEW)
def report(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("institution"), pk=plan_id)
    period = _period(request, plan.year)
    language = request.GET.get("language") or translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise Http404(language)
    fmt = request.GET.get("format", "html")
    with translation.override(language):
        if fmt in {"xlsx", "pdf", "json"}:
            return download(*report_file(plan, period, fmt))
        if fmt == "plan-xlsx":
            return download(plan_xlsx(plan), XLSX, f"{plan.institution.code}-plan-{plan.year}.xlsx")
    if fmt != "html":
        raise Http404(fmt)
    with translation.override(language):  # the table in the report's language, the page around it too
        form = ReportForm(initial={"period": period.code, "language": language}, year=plan.year)
        return render(
            request,
            "planning/report.html",
            {"plan": plan, "report": build_report(plan, period), "form": form, "language": language},
        )


@permission_required(Perm.PLAN_VIEW)
def rollup(request: HttpRequest, code: str, year: int) -> HttpResponse:
    region = get_object_or_404(Institution.objects, code=code)
    period = _period(request, year)
    data = build_rollup(region, year, period)
    if request.GET.get("format") == "xlsx":
        return download(rollup_xlsx(data), XLSX, f"{region.code}-rollup-{year}-{period.code}.xlsx")
    user = acting_user(request)
    return render(
        request,
        "planning/rollup.html",
        {
            "region": region,
            "year": year,
            "period": period,
            "rollup": data,
            "parts": [
                {
                    "part": part,
                    "percent": data.part_percent(part),
                    "can_review": part.plan is not None
                    and part.plan.status == PlanStatus.SUBMITTED
                    and can(user, Perm.PLAN_APPROVE, part.plan.institution),
                }
                for part in data.parts
            ],
            "form": ReportForm(initial={"period": period.code}, year=year),
        },
    )
