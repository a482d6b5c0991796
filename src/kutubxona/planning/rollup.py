"""The region's roll-up: each line summed across the districts' plans, with a breakdown."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from kutubxona.institutions.models import Institution
from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from kutubxona.planning.report import HUNDRED, Report, ReportLine, build_reports


def _percent(done: Decimal, target: Decimal | None) -> Decimal | None:
    return (done * HUNDRED / target).quantize(Decimal("0.1")) if target else None


@dataclass
class RollupLine:
    number: str
    name: str
    unit: str
    is_child: bool
    target: Decimal | None = None
    actual: Decimal = Decimal(0)
    cumulative: Decimal = Decimal(0)
    by_plan: dict[int, ReportLine] = field(default_factory=dict)

    @property
    def percent(self) -> Decimal | None:
        return _percent(self.cumulative, self.target)


@dataclass
class Rollup:
    region: Institution
    period: Period
    plans: list[Plan]
    reports: dict[int, Report]
    lines: list[RollupLine]

    def district_percent(self, plan: Plan) -> Decimal | None:
        """A district's % done: the mean over its lines with a target, each capped at 100 %."""
        shares = [min(r.percent, HUNDRED) for r in self.reports[plan.pk].lines if r.percent is not None]
        return (sum(shares, Decimal(0)) / len(shares)).quantize(Decimal("0.1")) if shares else None


def build_rollup(
    region: Institution, year: int, period: Period, today: datetime.date | None = None
) -> Rollup:
    """Sum the plans of the institutions directly below `region` (its districts), line by line."""
    plans = list(
        Plan.objects.filter(institution__parent=region, year=year)
        .select_related("institution")
        .order_by("institution__path")
    )
    reports = build_reports(plans, period, today)
    lines: dict[str, RollupLine] = {}
    for plan in plans:
        for row in reports[plan.pk].lines:
            line = row.line
            total = lines.get(line.number)
            if total is None:
                total = lines[line.number] = RollupLine(line.number, line.name, line.unit, line.is_child)
            if line.target is not None:
                total.target = (total.target or Decimal(0)) + line.target
            total.actual += row.actual
            total.cumulative += row.cumulative
            total.by_plan[plan.pk] = row
    return Rollup(region=region, period=period, plans=plans, reports=reports, lines=list(lines.values()))
