"""The roll-up of an institution: its own plan and every plan below it, line by line.

A region's roll-up has one column for the regional AKM's own plan and one per district; the
National Library's has its own and one per region, each region's column the sum of the
regional AKM and its districts (opened by that region's roll-up).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext

from kutubxona.institutions.models import Institution
from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from kutubxona.planning.report import HUNDRED, Report, ReportLine, build_reports


def _percent(done: Decimal, target: Decimal | None) -> Decimal | None:
    return (done * HUNDRED / target).quantize(Decimal("0.1")) if target else None


@dataclass
class RollupPart:
    """One column: the root's own plan, or a child institution with everything below it."""

    institution: Institution
    plans: list[Plan]
    own: bool = False

    @property
    def label(self) -> str:
        short = self.institution.short
        return gettext("%(institution)s itself") % {"institution": short} if self.own else short

    @property
    def plan(self) -> Plan | None:
        """The column's plan when it is one institution's own (a district, or the root)."""
        if len(self.plans) == 1 and self.plans[0].institution_id == self.institution.pk:
            return self.plans[0]
        return None


@dataclass
class Cell:
    """A line's sum over one part's plans."""

    target: Decimal | None = None
    actual: Decimal = Decimal(0)
    cumulative: Decimal = Decimal(0)

    @property
    def percent(self) -> Decimal | None:
        return _percent(self.cumulative, self.target)

    def add(self, row: ReportLine) -> None:
        if row.line.target is not None:
            self.target = (self.target or Decimal(0)) + row.line.target
        self.actual += row.actual
        self.cumulative += row.cumulative


@dataclass
class RollupLine(Cell):
    number: str = ""
    name: str = ""
    unit: str = ""
    is_child: bool = False
    by_part: dict[int, Cell] = field(default_factory=dict)


@dataclass
class Rollup:
    region: Institution
    period: Period
    plans: list[Plan]
    parts: list[RollupPart]
    reports: dict[int, Report]
    lines: list[RollupLine]

    def part_percent(self, part: RollupPart) -> Decimal | None:
        """A part's % done: the mean over its lines with a target, each capped at 100 %."""
        cells = [
            line.by_part[part.institution.pk] for line in self.lines if part.institution.pk in line.by_part
        ]
        shares = [min(c.percent, HUNDRED) for c in cells if c.percent is not None]
        return (sum(shares, Decimal(0)) / len(shares)).quantize(Decimal("0.1")) if shares else None


def _parts(root: Institution, plans: list[Plan]) -> list[RollupPart]:
    """Group the plans by the child of `root` they sit under (the root's own plan first)."""
    own = RollupPart(root, [], own=True)
    children: dict[int, RollupPart] = {}
    child_of = {c.pk: c for c in Institution.objects.filter(parent=root)}
    for plan in plans:
        if plan.institution_id == root.pk:
            own.plans.append(plan)
            continue
        below = plan.institution.path[len(root.path) :].split("/")[0]
        child = child_of[int(below)]
        children.setdefault(child.pk, RollupPart(child, [])).plans.append(plan)
    ordered = sorted(children.values(), key=lambda part: part.institution.path)
    return ([own] if own.plans else []) + ordered


def build_rollup(root: Institution, year: int, period: Period, today: datetime.date | None = None) -> Rollup:
    """Sum the plans of `root` and every institution below it, line by line and per part."""
    plans = list(
        Plan.objects.filter(institution__path__startswith=root.path, year=year)
        .select_related("institution")
        .order_by("institution__path")
    )
    reports = build_reports(plans, period, today)
    parts = _parts(root, plans)
    lines: dict[str, RollupLine] = {}
    for part in parts:
        for plan in part.plans:
            for row in reports[plan.pk].lines:
                line = row.line
                total = lines.get(line.number)
                if total is None:
                    total = lines[line.number] = RollupLine(
                        number=line.number, name=line.name, unit=line.unit, is_child=line.is_child
                    )
                total.add(row)
                total.by_part.setdefault(part.institution.pk, Cell()).add(row)
    return Rollup(
        region=root, period=period, plans=plans, parts=parts, reports=reports, lines=list(lines.values())
    )
