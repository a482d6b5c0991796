"""The region's roll-up equals the sum of its districts."""

import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kutubxona.planning import actions
from kutubxona.planning.models import PlanLine
from kutubxona.planning.periods import Period
from kutubxona.planning.rollup import build_rollup
from tests.conftest import World, login
from tests.planning.conftest import make_plan


@pytest.mark.usefixtures("loans_typed_by_hand")
def test_rollup_is_the_sum_of_the_districts(world: World, client: Client) -> None:
    arnasoy, dostlik = make_plan(world, "arnasoy"), make_plan(world, "dostlik")
    actions.update_line(world.charlie, PlanLine.objects.get(plan=dostlik, number="17"), target=Decimal(10000))
    loans_a, loans_d = (PlanLine.objects.get(plan=p, number="17") for p in (arnasoy, dostlik))
    actions.add_manual_fact(world.bob, loans_a, date=datetime.date(2021, 2, 1), value=Decimal(1200))
    actions.add_manual_fact(world.charlie, loans_d, date=datetime.date(2021, 2, 3), value=Decimal(800))
    actions.add_manual_fact(world.charlie, loans_d, date=datetime.date(2021, 5, 3), value=Decimal(5))

    rollup = build_rollup(world.region, 2021, Period.parse(2021, "q1"))
    line = next(x for x in rollup.lines if x.number == "17")
    assert line.target == Decimal(15560 + 10000)
    assert line.actual == 2000 == sum(r.actual for r in line.by_plan.values())
    assert {p.institution.code for p in rollup.plans} == {"arnasoy", "dostlik"}
    for total in rollup.lines:
        assert total.cumulative == sum(r.cumulative for r in total.by_plan.values())

    login(client, world.maria)
    page = client.get(reverse("planning:rollup", args=["jizzax", 2021]) + "?period=q1")
    assert page.status_code == 200 and page.context["rollup"].lines[0].number == "1"
    xlsx = client.get(reverse("planning:rollup", args=["jizzax", 2021]), {"period": "q1", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    row17 = next(r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] == "17")
    assert row17[3:6] == (25560, 2000, 2000) and row17[7:9] == (1200, 800)


def test_a_district_cannot_open_the_regions_rollup(world: World, client: Client) -> None:
    make_plan(world, "arnasoy")
    login(client, world.alice)
    assert client.get(reverse("planning:rollup", args=["jizzax", 2021])).status_code == 404
