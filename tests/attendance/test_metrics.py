"""Line 16 (visits, per sector) and line 40 (foreign visitors, beside the delegations)."""

from __future__ import annotations

import datetime

from kutubxona.attendance import metrics
from kutubxona.outreach import actions as outreach_actions
from kutubxona.outreach.metrics import FOREIGN_VISITOR_COUNTS, foreign_visitor_rows
from kutubxona.outreach.models import ForeignVisit
from kutubxona.planning import registry
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from tests.attendance.conftest import DAY, at, headcount, serve
from tests.conftest import World
from tests.planning.conftest import make_plan

YEAR = Period(2021, "year")


def test_desk_visits_and_headcounts_move_line_16(world: World) -> None:
    plan = make_plan(world)
    assert build_report(plan, YEAR).line("16").cumulative == 0
    for reader in (1, 2, 3):
        serve(world.arnasoy, reader, at(DAY))
    serve(world.arnasoy, 1, at(DAY, 15))  # again that day: not again
    headcount(world, count=25)
    headcount(world, code="e-resources", day=datetime.date(2021, 7, 1), count=4)
    serve(world.dostlik, 1, at(DAY))  # another library's
    serve(world.arnasoy, 1, at(datetime.date(2020, 12, 31)))  # another year
    report = build_report(plan, YEAR)
    assert report.line("16").cumulative == 3 + 25 + 4
    assert build_report(plan, Period.parse(2021, "q1")).line("16").period_fact.derived == 28


def test_per_sector_dimension(world: World) -> None:
    serve(world.arnasoy, 1, at(DAY))
    serve(world.arnasoy, 1, at(DAY), code="reading-rooms")
    headcount(world, count=10)
    ids = [world.arnasoy.pk]
    count = registry.get("attendance.visits").count  # type: ignore[union-attr]
    assert count(ids, YEAR.start, YEAR.end, {"sector": "lending"}) == {world.arnasoy.pk: 1}
    assert count(ids, YEAR.start, YEAR.end, {"sector": "youth"}) == {world.arnasoy.pk: 10}
    assert count(ids, YEAR.start, YEAR.end, {"sector": "legal"}) == {}
    assert count(ids, YEAR.start, YEAR.end, {}) == {world.arnasoy.pk: 12}


def test_drill_down_groups_desk_visits_per_day_and_lists_headcounts(world: World) -> None:
    for reader in (1, 2):
        serve(world.arnasoy, reader, at(DAY))
    counted = headcount(world, day=DAY + datetime.timedelta(days=1), count=9)
    rows = metrics.visit_rows([world.arnasoy.pk], YEAR.start, YEAR.end, {}, 10)
    assert [(r.date, r.value) for r in rows] == [(DAY + datetime.timedelta(days=1), 9), (DAY, 2)]
    assert rows[0].url == f"/visits/headcounts/{counted.pk}/"
    assert rows[1].url == f"/visits/day/2021/3/15/?institution={world.arnasoy.pk}"
    assert (
        sum(r.value for r in rows)
        == metrics.count_visits([world.arnasoy.pk], YEAR.start, YEAR.end, {})[world.arnasoy.pk]
    )


def test_foreign_visitors_are_added_to_line_40_with_the_delegations(world: World) -> None:
    plan = make_plan(world)
    outreach_actions.create_entry(
        None, ForeignVisit, world.arnasoy, country="Turkiya", visited_on=DAY, people=4, purpose="Tanishuv"
    )
    assert build_report(plan, YEAR).line("40").cumulative == 4
    serve(world.arnasoy, 5, at(DAY), foreign=True)
    serve(world.arnasoy, 5, at(DAY, 12), foreign=True)  # once a day
    serve(world.arnasoy, 6, at(DAY), foreign=False)
    headcount(world, count=20, foreign=3)
    assert build_report(plan, YEAR).line("40").cumulative == 4 + 1 + 3
    rows = foreign_visitor_rows([world.arnasoy.pk], YEAR.start, YEAR.end, {}, 10)
    assert sorted(r.value for r in rows) == [1, 3, 4]
    assert FOREIGN_VISITOR_COUNTS.count(metrics.count_foreign) == 1  # appended once, not registered again
