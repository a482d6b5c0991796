"""Demo plans: Arnasoy's real 2021 plan with a simulated year of facts, the other districts'
2021 plans, and this year's plans with facts up to today. Idempotent."""

from __future__ import annotations

import datetime
import json
import random
from decimal import Decimal
from typing import TextIO

from django.utils import timezone

from kutubxona.institutions.models import Institution, User
from kutubxona.planning import actions, registry
from kutubxona.planning.builtin import FIXTURES, ensure_template
from kutubxona.planning.models import Plan, PlanLine, PlanStatus
from kutubxona.planning.vocabulary import Deadline

SEED_YEAR = 2021
DISTRICTS = {"arnasoy": Decimal(1), "dostlik": Decimal("0.8"), "zomin": Decimal("1.25")}
# A plausible yearly amount for the seed's lines that have neither a target nor last year's fact.
NO_TARGET_RANGE = {
    "12": (30, 70),
    "15.2": (300, 700),
    "16": (9_500, 12_000),
    "22.1": (4, 12),
    "28": (30, 50),
    "40": (3, 15),
    "42.1": (2_000_000, 5_000_000),
    "42.2": (1_000_000, 3_000_000),
}


def seed_values() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads((FIXTURES / "arnasoy-2021.json").read_text("utf-8"))[
        "lines"
    ]
    return data


def _scaled(value: object, factor: Decimal) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(str(value)) * factor).quantize(Decimal(1))


def _months(deadline: str) -> list[int]:
    """The months in which a line's work happens."""
    return {
        Deadline.QUARTERLY: [3, 6, 9, 12],
        Deadline.Q1: [1, 2, 3],
        Deadline.Q2: [4, 5, 6],
        Deadline.Q3: [7, 8, 9],
        Deadline.Q4: [10, 11, 12],
        Deadline.TWICE_Q1_Q3: [2, 8],
        Deadline.SEP_DEC: [9, 10, 11, 12],
    }.get(Deadline(deadline), list(range(1, 13)))


def _yearly_amount(line: PlanLine, rng: random.Random) -> int:
    base = line.target if line.target is not None else line.last_year
    if base is not None and base > 0:
        return max(1, int(base * Decimal(rng.uniform(0.82, 1.12))))
    low, high = NO_TARGET_RANGE.get(line.number, (2, 12))
    return rng.randint(low, high)


def _spread(total: int, months: list[int], rng: random.Random) -> dict[int, int]:
    """Split a whole number over months: small counts unit by unit, large ones by weights."""
    if total <= 60:
        counts = dict.fromkeys(months, 0)
        for _ in range(total):
            counts[rng.choice(months)] += 1
        return counts
    weights = [rng.uniform(0.6, 1.4) for _ in months]
    amounts = [int(total * w / sum(weights)) for w in weights]
    amounts[-1] += total - sum(amounts)
    return dict(zip(months, amounts, strict=True))


def facts_for(
    plan: Plan, until: datetime.date, rng: random.Random
) -> list[tuple[PlanLine, datetime.date, Decimal, str]]:
    """A year of facts, a few entries a month, spread as each line's deadline spreads its work."""
    rows: list[tuple[PlanLine, datetime.date, Decimal, str]] = []
    lines = list(PlanLine.objects.filter(plan=plan))
    parents = {line.parent_number for line in lines if line.parent_number}
    for line in lines:
        if line.target == 0 or (line.number in parents and line.target is None):
            continue  # nothing planned; a parent without its own target is the sum of its sub-lines
        if registry.get(line.metric_key) is not None:
            continue  # counted from the records each domain's demo creates (`simulated_entries`)
        total = _yearly_amount(line, rng)
        for month, amount in _spread(total, _months(line.deadline), rng).items():
            day = datetime.date(plan.year, month, rng.randint(5, 25))
            if amount > 0 and day <= until:
                rows.append((line, day, Decimal(amount), ""))
    for parent in (line for line in lines if line.number in parents and line.target is None):
        if registry.get(parent.metric_key) is not None:
            continue  # counted from records, like its sub-lines
        rows += [
            (parent, day, value, "")
            for kid, day, value, _note in list(rows)
            if kid.parent_number == parent.number
        ]
    return rows


def simulated_entries(institution: Institution, year: int, number: str) -> list[tuple[datetime.date, int]]:
    """How much of a plan line's work a domain's demo should record, and on which days.

    Around the line's target in the institution's plan for that year (82-112 %), spread over
    the months its deadline names, never after today; empty when there is no such plan or
    line. Deterministic, so a domain demo that creates what this returns is idempotent when it
    checks first whether it already ran.
    """
    line = PlanLine.objects.filter(plan__institution=institution, plan__year=year, number=number).first()
    if line is None or line.target == 0:
        return []
    rng = random.Random(f"{institution.code}-{year}-{number}")
    until = min(timezone.localdate(), datetime.date(year, 12, 31))
    entries = []
    for month, amount in _spread(_yearly_amount(line, rng), _months(line.deadline), rng).items():
        day = datetime.date(year, month, rng.randint(1, 28))
        if amount > 0 and day <= until:
            entries.append((day, amount))
    return entries


def _targets(
    values: dict[str, dict[str, object]], factor: Decimal, seed_year: bool
) -> dict[str, dict[str, Decimal | None]]:
    """The seed's numbers scaled for a district; for this year, grown from the seed's targets."""
    if seed_year:
        return {
            n: {"target": _scaled(v.get("target"), factor), "last_year": _scaled(v.get("last_year"), factor)}
            for n, v in values.items()
        }
    return {
        n: {
            "target": _scaled(v.get("target"), factor * Decimal("1.2")),
            "last_year": _scaled(v.get("target"), factor * Decimal("1.1")),
        }
        for n, v in values.items()
    }


def _plan(
    institution: Institution, year: int, targets: dict[str, dict[str, Decimal | None]]
) -> tuple[Plan, bool]:
    existing = Plan.objects.filter(institution=institution, year=year).first()
    if existing:
        return existing, False
    director = User.objects.get(username=f"{institution.code}.director")
    plan = actions.create_plan(director, institution, year, ensure_template())
    actions.set_values(director, plan, targets)
    return plan, True


def load(out: TextIO) -> None:
    values = seed_values()
    today = timezone.localdate()
    methodist = User.objects.get(username="jizzax.methodist")
    created = 0
    for code, factor in DISTRICTS.items():
        institution = Institution.tree.get(code=code)
        director = User.objects.get(username=f"{code}.director")
        for year in sorted({SEED_YEAR, today.year}):
            plan, new = _plan(institution, year, _targets(values, factor, seed_year=year == SEED_YEAR))
            if not new:
                continue
            created += 1
            rng = random.Random(f"{code}-{year}")
            until = min(today, datetime.date(year, 12, 31))
            actions.record_facts(director, plan, facts_for(plan, until, rng))
            # 2021 plans are approved; this year's: Arnasoy approved, Do'stlik waiting, Zomin a draft.
            if year == SEED_YEAR or code == "arnasoy":
                actions.submit_plan(director, plan)
                actions.approve_plan(methodist, plan, "")
            elif code == "dostlik":
                actions.submit_plan(director, plan)
    plans = Plan.objects.filter(status=PlanStatus.APPROVED).count()
    out.write(f"Work plans created now: {created}; approved plans: {plans}.\n")
