"""A plan's report for a period: each line's target, fact, pace and status, in table order.

The same structure feeds the plan page, the report page, the XLSX, the PDF and the JSON.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kutubxona.planning import pace
from kutubxona.planning.checks import PlanWarning, plan_warnings
from kutubxona.planning.facts import LineFact, line_facts
from kutubxona.planning.models import Plan, PlanLine, PlanSection
from kutubxona.planning.periods import Period

HUNDRED = Decimal(100)


@dataclass
class ReportLine:
    line: PlanLine
    period_fact: LineFact  # within the period
    year_fact: LineFact  # from 1 January to the end of the period (or to today)
    period_target: Decimal | None
    expected_now: Decimal | None
    status: pace.Status
    warnings: list[str] = field(default_factory=list)

    @property
    def actual(self) -> Decimal:
        return self.period_fact.total

    @property
    def cumulative(self) -> Decimal:
        return self.year_fact.total

    @property
    def percent(self) -> Decimal | None:
        """Share of the annual target done from 1 January to the end of the period."""
        target = self.line.target
        if not target:
            return None
        return (self.cumulative * HUNDRED / target).quantize(Decimal("0.1"))

    @property
    def source(self) -> dict[str, Any]:
        """Where the fact comes from, for other systems (the JSON report)."""
        if self.period_fact.is_derived:
            source: dict[str, Any] = {
                "metric": self.line.metric_key,
                "dimensions": self.line.metric_dimensions,
            }
            if self.period_fact.manual_entries:
                source["adjustments"] = self.period_fact.manual_entries
            return source
        return {"manual": self.period_fact.manual_entries}


@dataclass
class Report:
    plan: Plan
    period: Period
    as_of: datetime.date
    sections: list[PlanSection]
    lines: list[ReportLine]
    warnings: list[PlanWarning]

    def by_section(self) -> list[tuple[PlanSection, list[ReportLine]]]:
        return [(s, [r for r in self.lines if r.line.section == s.code]) for s in self.sections]

    def line(self, number: str) -> ReportLine:
        return next(r for r in self.lines if r.line.number == number)


def as_of_for(period: Period, today: datetime.date | None = None) -> datetime.date:
    """Pace is measured at the end of the period, or today while the period runs."""
    today = today or timezone.localdate()
    return min(period.end, today)


def build_reports(plans: list[Plan], period: Period, today: datetime.date | None = None) -> dict[int, Report]:
    """Reports of several plans of the same year at once (the roll-up uses this)."""
    as_of = as_of_for(period, today)
    lines = list(PlanLine.objects.filter(plan__in=plans).order_by("plan", "order"))
    sections = list(PlanSection.objects.filter(plan__in=plans).order_by("plan", "order"))
    in_period = line_facts(plans, lines, period.start, period.end)
    year_start = datetime.date(period.year, 1, 1)
    to_date = in_period if period.start == year_start else line_facts(plans, lines, year_start, period.end)
    lines_of: dict[int, list[PlanLine]] = {}
    for line in lines:  # grouped once: a national roll-up has hundreds of plans
        lines_of.setdefault(line.plan_id, []).append(line)
    sections_of: dict[int, list[PlanSection]] = {}
    for section in sections:
        sections_of.setdefault(section.plan_id, []).append(section)
    reports = {}
    for plan in plans:
        plan_lines = lines_of.get(plan.pk, [])
        rows = []
        for line in plan_lines:
            year_fact = to_date[line.pk]
            expected_now = pace.expected(line.target, line.deadline, plan.year, as_of)
            before = period.start - datetime.timedelta(days=1)
            period_target = None
            if line.target is not None:
                due_before = pace.expected(line.target, line.deadline, plan.year, before) or Decimal(0)
                period_target = pace.expected(line.target, line.deadline, plan.year, period.end)
                period_target = None if period_target is None else period_target - due_before
            rows.append(
                ReportLine(
                    line=line,
                    period_fact=in_period[line.pk],
                    year_fact=year_fact,
                    period_target=period_target,
                    expected_now=expected_now,
                    status=pace.status(line.target, year_fact.total, expected_now),
                )
            )
        warnings = plan_warnings(plan_lines, {r.line.pk: r.cumulative for r in rows})
        for row in rows:
            row.warnings = [w.message for w in warnings if w.line_number == row.line.number]
        reports[plan.pk] = Report(
            plan=plan,
            period=period,
            as_of=as_of,
            sections=sections_of.get(plan.pk, []),
            lines=rows,
            warnings=warnings,
        )
    return reports


def build_report(plan: Plan, period: Period, today: datetime.date | None = None) -> Report:
    return build_reports([plan], period, today)[plan.pk]


def as_json(report: Report) -> dict[str, Any]:
    """The JSON report for other systems: one entry per line, with where its fact comes from."""

    def number(value: Decimal | None) -> float | int | None:
        if value is None:
            return None
        return int(value) if value == value.to_integral_value() else float(value)

    return {
        "institution": report.plan.institution.code,
        "year": report.plan.year,
        "period": report.period.code,
        "from": report.period.start.isoformat(),
        "to": report.period.end.isoformat(),
        "as_of": report.as_of.isoformat(),
        "status": report.plan.status,
        "lines": [
            {
                "number": r.line.number,
                "parent": r.line.parent_number or None,
                "section": r.line.section,
                "name": r.line.name,
                "unit": r.line.unit or None,
                "last_year": number(r.line.last_year),
                "target": number(r.line.target),
                "period_target": number(r.period_target),
                "actual": number(r.actual),
                "cumulative": number(r.cumulative),
                "percent": number(r.percent),
                "status": r.status.value,
                "source": r.source,
                "warnings": r.warnings,
            }
            for r in report.lines
        ],
        "warnings": [{"line": w.line_number, "message": w.message} for w in report.warnings],
    }
