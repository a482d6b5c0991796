"""Lines 7, 18, 20, 21 (events held, by kind) and 26 (copies shown) of the work plan."""

from __future__ import annotations

import datetime

from django.urls import reverse

from kutubxona.catalog.models import Copy
from kutubxona.events import actions, metrics
from kutubxona.events.models import EventKind
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from tests.conftest import World
from tests.events.conftest import make_copies, make_event
from tests.planning.conftest import make_plan

YEAR = Period(2021, "year")


def test_a_held_event_with_25_attendees_moves_line_18_by_one(world: World) -> None:
    plan = make_plan(world)
    before = build_report(plan, YEAR).line("18").cumulative
    event = make_event(world)
    assert build_report(plan, YEAR).line("18").cumulative == before  # planned is not held
    actions.mark_held(world.bob, event, attendees=25, report="Yaxshi o'tdi")
    report = build_report(plan, YEAR)
    assert report.line("18").cumulative == before + 1
    assert report.line("20").cumulative == 0 and report.line("26").cumulative == 0


def test_an_exhibition_of_12_copies_moves_26_by_12_and_18_by_one(world: World, copies: list[Copy]) -> None:
    plan = make_plan(world)
    exhibition = make_event(world, EventKind.EXHIBITION, title="«Navoiy — buyuk mutafakkir»")
    assert actions.add_copies(world.bob, exhibition, copies) == 12
    assert build_report(plan, YEAR).line("26").cumulative == 0  # not held yet
    actions.mark_held(world.bob, exhibition, attendees=40)
    report = build_report(plan, YEAR)
    assert report.line("26").cumulative == 12
    assert report.line("18").cumulative == 1
    # The same copies shown again in a later exhibition count again.
    again = make_event(world, EventKind.EXHIBITION, day=datetime.date(2021, 9, 1))
    actions.add_copies(None, again, copies[:5])
    actions.mark_held(None, again, attendees=10)
    assert build_report(plan, YEAR).line("26").cumulative == 17
    rows = metrics.item_rows([world.arnasoy.pk], YEAR.start, YEAR.end, {}, 10)
    assert [(r.value, r.url) for r in rows] == [
        (5, reverse("events:detail", args=[again.pk])),
        (12, reverse("events:detail", args=[exhibition.pk])),
    ]


def test_each_kind_feeds_its_own_line(world: World) -> None:
    plan = make_plan(world)
    for kind in [EventKind.PROJECT, EventKind.MOBILE, EventKind.MOBILE, EventKind.CLUB]:
        actions.mark_held(None, make_event(world, kind), attendees=5)
    report = build_report(plan, YEAR)
    assert [report.line(n).cumulative for n in ["7", "18", "20", "21"]] == [1, 0, 2, 1]


def test_counted_by_the_day_held_in_the_institution(world: World) -> None:
    plan = make_plan(world)
    actions.mark_held(None, make_event(world, day=datetime.date(2020, 12, 31)), attendees=5)
    actions.mark_held(None, make_event(world, day=datetime.date(2021, 1, 1)), attendees=5)
    cancelled = make_event(world, day=datetime.date(2021, 4, 1))
    actions.set_status(None, cancelled, "cancelled")
    other = actions.create_event(
        None, world.dostlik, kind=EventKind.EVENT, title="Boshqa tuman", date=datetime.date(2021, 5, 5)
    )
    actions.mark_held(None, other, attendees=5)
    assert build_report(plan, YEAR).line("18").cumulative == 1
    assert build_report(plan, Period.parse(2021, "q2")).line("18").period_fact.derived == 0
    counts = metrics.count_events(
        [world.arnasoy.pk, world.dostlik.pk], YEAR.start, YEAR.end, {"kind": EventKind.EVENT}
    )
    assert counts == {world.arnasoy.pk: 1, world.dostlik.pk: 1}


def test_drill_down_rows_link_to_the_event(world: World) -> None:
    event = make_event(world, title="Kitobxon oila tanlovi")
    actions.mark_held(None, event, attendees=25)
    (row,) = metrics.event_rows([world.arnasoy.pk], YEAR.start, YEAR.end, {"kind": "event"}, 10)
    assert row.title == "Kitobxon oila tanlovi" and row.date == event.date
    assert row.url == f"/events/{event.pk}/" and "25" in row.detail


def test_copies_of_another_library_are_refused(world: World) -> None:
    exhibition = make_event(world, EventKind.EXHIBITION)
    theirs = make_copies(world.dostlik, 2, prefix="D")
    try:
        actions.add_copies(None, exhibition, theirs)
    except Exception as error:
        assert "own library" in str(error)
    else:
        raise AssertionError("copies of Do'stlik were put on show in Arnasoy")
    assert exhibition.items.count() == 0
