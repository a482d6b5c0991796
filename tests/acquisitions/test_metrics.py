"""Lines 10, 10.1-10.4 (copies received by source) and 27 (stock-takes completed)."""

from __future__ import annotations

import datetime

from django.urls import reverse

from kutubxona.acquisitions import actions, metrics
from kutubxona.acquisitions.models import Source
from kutubxona.catalog.models import Record
from kutubxona.planning import registry
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from tests.acquisitions.conftest import make_record, receive
from tests.conftest import World
from tests.planning.conftest import make_plan

YEAR = Period(2021, "year")
LINES = ["10", "10.1", "10.2", "10.3", "10.4"]


def _facts(plan: object) -> list[object]:
    report = build_report(plan, YEAR)  # type: ignore[arg-type]
    return [report.line(n).cumulative for n in LINES]


def test_a_gift_of_3_copies_moves_lines_10_and_10_4_by_3(world: World, record: Record) -> None:
    plan = make_plan(world)
    assert _facts(plan) == [0, 0, 0, 0, 0]
    receipt = receive(world.arnasoy, record, 3, source=Source.GIFT_PERSON, price="0")
    assert _facts(plan) == [3, 0, 0, 0, 3]
    receive(world.arnasoy, None, 2, source=Source.GIFT_ORG)  # an organisation's gift, still queued
    receive(world.arnasoy, record, 5, source=Source.PURCHASE)
    assert _facts(plan) == [10, 0, 5, 0, 5]
    rows = metrics.receipt_rows([world.arnasoy.pk], YEAR.start, YEAR.end, {"source": "gift"}, 10)
    assert [r.value for r in rows][-1] == 3
    assert rows[-1].url == reverse("acquisitions:receipt", args=[receipt.pk])


def test_counted_by_the_receipt_day_in_the_institution(world: World, record: Record) -> None:
    plan = make_plan(world)
    receive(world.arnasoy, record, 4, day=datetime.date(2020, 12, 31))
    receive(world.arnasoy, record, 1, day=datetime.date(2021, 1, 1))
    receive(world.dostlik, make_record(world.dostlik), 6)
    assert _facts(plan)[0] == 1
    counts = metrics.count_copies([world.arnasoy.pk, world.dostlik.pk], YEAR.start, YEAR.end, {})
    assert counts == {world.arnasoy.pk: 1, world.dostlik.pk: 6}


def test_a_closed_stocktake_moves_line_27(world: World, record: Record) -> None:
    plan = make_plan(world)
    stocktake = actions.open_stocktake(
        None, world.arnasoy, title="Xatlov", started_on=datetime.date(2021, 8, 1)
    )
    assert build_report(plan, YEAR).line("27").cumulative == 0
    actions.close_stocktake(None, stocktake, datetime.date(2021, 8, 10))
    assert build_report(plan, YEAR).line("27").cumulative == 1
    metric = registry.get("acquisitions.stocktakes")
    assert metric is not None and metric.records is not None
    found = metric.records([world.arnasoy.pk], YEAR.start, YEAR.end, {}, 10)
    assert [r.url for r in found] == [reverse("acquisitions:stocktake", args=[stocktake.pk])]
