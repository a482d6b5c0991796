"""Consistency warnings: what looks wrong in a plan is said, never silently fixed.

The seed itself has such lines (10.1-10.4 do not add up to 10); a plan system must accept
them as typed and flag them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from kutubxona.planning.models import PlanLine


@dataclass(frozen=True)
class PlanWarning:
    line_number: str
    message: str


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _sum_warning(line: PlanLine, kids: list[PlanLine], field: str, what: str) -> PlanWarning | None:
    """Sub-lines whose values do not add up to their parent's (an empty sub-line counts as 0;
    all empty means the split was not planned, which is no error)."""
    parent_value = getattr(line, field)
    values = [getattr(kid, field) for kid in kids]
    if parent_value is None or all(v is None for v in values):
        return None
    total = sum((v for v in values if v is not None), Decimal(0))
    if total == parent_value:
        return None
    message = _(
        "The %(what)s of lines %(first)s–%(last)s add up to %(sum)s, but line %(line)s says %(value)s."
    )
    return PlanWarning(
        line.number,
        message
        % {
            "what": what,
            "first": kids[0].number,
            "last": kids[-1].number,
            "sum": _fmt(total),
            "line": line.number,
            "value": _fmt(parent_value),
        },
    )


def plan_warnings(lines: Sequence[PlanLine], actuals: Mapping[int, Decimal]) -> list[PlanWarning]:
    children: dict[str, list[PlanLine]] = defaultdict(list)
    for line in lines:
        if line.parent_number:
            children[line.parent_number].append(line)
    warnings = []
    for line in lines:
        kids = children.get(line.number, [])
        if kids:
            for field, what in (("target", _("targets")), ("last_year", _("last year's facts"))):
                if warning := _sum_warning(line, kids, field, what):
                    warnings.append(warning)
        if line.target is not None and not line.unit:
            warnings.append(
                PlanWarning(line.number, _("Line %(line)s has a target but no unit.") % {"line": line.number})
            )
        if line.target is None and actuals.get(line.pk, Decimal(0)) > 0:
            warnings.append(
                PlanWarning(line.number, _("Line %(line)s has facts but no target.") % {"line": line.number})
            )
    return warnings
