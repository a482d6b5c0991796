"""The fact of each plan line for a period: counted by its metric, plus manual entries.

Everything is computed for many plans at once (one query for all manual facts, one metric
call per distinct binding), so that a region's roll-up costs about what one plan costs.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth

from kutubxona.planning import registry
from kutubxona.planning.models import ManualFact, Plan, PlanLine

ZERO = Decimal(0)


@dataclass(frozen=True)
class LineFact:
    derived: Decimal | None  # None: no registered metric, the line is fed by hand
    manual: Decimal
    manual_entries: int

    @property
    def total(self) -> Decimal:
        return (self.derived or ZERO) + self.manual

    @property
    def is_derived(self) -> bool:
        return self.derived is not None


def _binding(line: PlanLine) -> tuple[str, tuple[tuple[str, str], ...]]:
    return line.metric_key, tuple(sorted(line.metric_dimensions.items()))


def line_facts(
    plans: Sequence[Plan], lines: Iterable[PlanLine], start: datetime.date, end: datetime.date
) -> dict[int, LineFact]:
    """{line id: fact} for `lines` of `plans`, between `start` and `end` inclusive."""
    lines = list(lines)
    manual = {
        row["line_id"]: (row["total"], row["entries"])
        for row in ManualFact.objects.filter(line__in=lines, date__gte=start, date__lte=end)
        .values("line_id")
        .annotate(total=Sum("value"), entries=Count("id"))
    }
    institution_of_plan = {plan.pk: plan.institution_id for plan in plans}
    derived: dict[tuple[str, tuple[tuple[str, str], ...]], dict[int, Decimal]] = {}
    institution_ids = sorted(set(institution_of_plan.values()))
    for line in lines:
        key = _binding(line)
        metric = registry.get(line.metric_key)
        if metric is not None and key not in derived:
            counts = metric.count(institution_ids, start, end, dict(key[1]))
            derived[key] = {i: Decimal(v) for i, v in counts.items()}
    facts = {}
    for line in lines:
        total, entries = manual.get(line.pk, (ZERO, 0))
        by_institution = derived.get(_binding(line))
        value = (
            None if by_institution is None else by_institution.get(institution_of_plan[line.plan_id], ZERO)
        )
        facts[line.pk] = LineFact(derived=value, manual=total or ZERO, manual_entries=entries)
    return facts


def monthly_series(line: PlanLine) -> list[Decimal]:
    """The fact of one line month by month over its plan's year (12 values)."""
    year = line.plan.year
    series = [ZERO] * 12
    rows = (
        ManualFact.objects.filter(line=line, date__year=year)
        .annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(total=Sum("value"))
    )
    for row in rows:
        series[row["month"] - 1] += row["total"]
    metric = registry.get(line.metric_key)
    if metric is not None:
        institution = line.plan.institution_id
        for month in range(1, 13):
            first = datetime.date(year, month, 1)
            last = (datetime.date(year + (month == 12), month % 12 + 1, 1)) - datetime.timedelta(days=1)
            counts = metric.count([institution], first, last, line.metric_dimensions)
            series[month - 1] += Decimal(counts.get(institution, 0))
    return series


def cumulative(series: Sequence[Decimal]) -> list[Decimal]:
    running, out = ZERO, []
    for value in series:
        running += value
        out.append(running)
    return out
