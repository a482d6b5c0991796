"""Facts and reports: manual entries, a metric over real rows, pace, warnings, the JSON form."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count

from kutubxona.institutions.models import User
from kutubxona.planning import actions, registry
from kutubxona.planning.builtin import ensure_template
from kutubxona.planning.models import Plan, PlanLine
from kutubxona.planning.periods import Period
from kutubxona.planning.report import as_json, build_report
from kutubxona.planning.vocabulary import Unit
from tests.conftest import World

D = datetime.date


def _line(plan: Plan, number: str) -> PlanLine:
    return PlanLine.objects.get(plan=plan, number=number)


def test_plan_from_template_has_every_seed_line(plan: Plan) -> None:
    numbers = list(PlanLine.objects.filter(plan=plan).values_list("number", flat=True))
    assert len(numbers) == 55 and len([n for n in numbers if "." not in n]) == 41
    assert numbers[:3] == ["1", "2", "3"] and "10.4" in numbers and "42.2" in numbers
    line = _line(plan, "10.2")
    assert (line.target, line.unit, line.parent_number, line.section) == (Decimal(300), Unit.COPY, "10", "II")
    assert line.name_ru and line.name_en and line.mechanism_uz


@pytest.mark.usefixtures("loans_typed_by_hand")
def test_manual_facts_count_within_the_period(world: World, plan: Plan) -> None:
    loans = _line(plan, "17")
    for day, value in [(D(2021, 1, 10), 100), (D(2021, 3, 31), 50), (D(2021, 4, 1), 7)]:
        actions.add_manual_fact(world.bob, loans, date=day, value=Decimal(value))
    q1 = build_report(plan, Period.parse(2021, "q1")).line("17")
    assert (q1.actual, q1.cumulative) == (150, 150) and q1.source == {"manual": 2}
    q2 = build_report(plan, Period.parse(2021, "q2")).line("17")
    assert (q2.actual, q2.cumulative) == (7, 157)
    # The period's target follows the pace: a quarter of a during-the-year target.
    assert q2.period_target == Decimal("3879.34")


def test_status_and_expected_for_a_past_year(world: World, plan: Plan) -> None:
    # Line 27 is counted from stock-takes: a manual adjustment says why (one done on paper).
    actions.add_manual_fact(
        world.bob, _line(plan, "27"), date=D(2021, 8, 1), value=Decimal(1), note="Xatlov qog'ozda o'tkazildi"
    )
    report = build_report(plan, Period.parse(2021, "year"), today=D(2026, 1, 1))
    assert report.as_of == D(2021, 12, 31)
    assert report.line("27").status == "done"
    assert report.line("17").status == "not_started" and report.line("17").expected_now == 15560
    assert report.line("12").status == "no_target"


def test_seed_inconsistencies_are_warned_not_fixed(plan: Plan) -> None:
    report = build_report(plan, Period.parse(2021, "year"))
    messages = [w.message for w in report.warnings]
    assert "The targets of lines 10.1–10.4 add up to 454, but line 10 says 2500." in messages
    assert "Line 30 has a target but no unit." in messages
    assert _line(plan, "10").target == 2500  # kept as typed
    assert not any(w.line_number in {"15", "22"} for w in report.warnings)  # those do add up


def test_a_fact_on_a_line_without_target_is_warned(world: World, plan: Plan) -> None:
    actions.add_manual_fact(
        world.bob, _line(plan, "16"), date=D(2021, 5, 5), value=Decimal(30), note="paper diary of May"
    )
    report = build_report(plan, Period.parse(2021, "year"))
    assert "Line 16 has facts but no target." in report.line("16").warnings


def _staff_joined(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dims: Mapping[str, str]
) -> dict[int, int]:
    """A real metric over a real table: staff accounts created, per institution."""
    rows = (
        User.objects.filter(institution_id__in=ids, date_joined__date__gte=start, date_joined__date__lte=end)
        .values("institution_id")
        .annotate(n=Count("id"))
    )
    return {row["institution_id"]: row["n"] for row in rows}


def _staff_rows(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dims: Mapping[str, str], limit: int
) -> list[registry.RecordRow]:
    users = User.objects.filter(
        institution_id__in=ids, date_joined__date__gte=start, date_joined__date__lte=end
    )
    return [registry.RecordRow(date=u.date_joined.date(), title=u.username) for u in users[:limit]]


@pytest.fixture
def staff_metric() -> Iterator[registry.Metric]:
    metric = registry.register(
        registry.Metric(
            key="test.staff_joined",
            label="staff joined",
            unit=Unit.PERSON,
            count=_staff_joined,
            records=_staff_rows,
        )
    )
    yield metric
    registry.unregister(metric.key)


def test_a_line_bound_to_a_registered_metric_counts_records(
    world: World, staff_metric: registry.Metric
) -> None:
    this_year = datetime.date.today().year
    plan = actions.create_plan(None, world.arnasoy, this_year, ensure_template())
    line = _line(plan, "38")
    line.metric_key = staff_metric.key
    line.save()
    report = build_report(plan, Period.parse(this_year, "year"))
    assert report.line("38").period_fact.derived == 2  # alice and bob joined this year
    assert report.line("38").source == {"metric": "test.staff_joined", "dimensions": {}}
    # A manual adjustment on a derived line needs a reason, and is shown as such.
    with pytest.raises(ValidationError, match="reason"):
        actions.add_manual_fact(world.alice, line, date=datetime.date(this_year, 1, 2), value=Decimal(1))
    actions.add_manual_fact(
        world.alice, line, date=datetime.date(this_year, 1, 2), value=Decimal(1), note="trainee, no account"
    )
    row = build_report(plan, Period.parse(this_year, "year")).line("38")
    assert row.cumulative == 3 and row.source["adjustments"] == 1


@pytest.mark.usefixtures("loans_typed_by_hand")
def test_json_report_names_its_sources(world: World, plan: Plan) -> None:
    actions.add_manual_fact(world.bob, _line(plan, "17"), date=D(2021, 2, 1), value=Decimal(12))
    data = as_json(build_report(plan, Period.parse(2021, "q1")))
    line = next(x for x in data["lines"] if x["number"] == "17")
    assert line == {
        **line,
        "unit": "copy",
        "last_year": 9918,
        "target": 15560,
        "actual": 12,
        "source": {"manual": 1},
        "status": line["status"],
    }
    assert data["period"] == "q1" and data["from"] == "2021-01-01" and data["to"] == "2021-03-31"
    assert len(data["lines"]) == 55


def test_deadline_is_shown_as_written_in_uzbek_and_by_kind_otherwise(plan: Plan) -> None:
    from django.utils import translation

    line = _line(plan, "27")
    shown = {}
    for language in ("uz", "uz-cyrl", "en"):
        with translation.override(language):
            shown[language] = line.deadline_display
    assert shown == {"uz": "III chorak", "uz-cyrl": "III чорак", "en": "third quarter"}
