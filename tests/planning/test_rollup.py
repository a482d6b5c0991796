"""A roll-up equals the sum of the plans below it, the institution's own plan included."""

import datetime
import html
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kutubxona.institutions.models import InstitutionKind
from kutubxona.institutions.roles import Role
from kutubxona.planning import actions
from kutubxona.planning.builtin import ensure_template
from kutubxona.planning.models import PlanLine
from kutubxona.planning.periods import Period
from kutubxona.planning.rollup import build_rollup
from tests.conftest import World, _institution, _staff, login
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
    assert line.actual == 2000 == sum(cell.actual for cell in line.by_part.values())
    assert {p.institution.code for p in rollup.plans} == {"arnasoy", "dostlik"}
    for total in rollup.lines:
        assert total.cumulative == sum(cell.cumulative for cell in total.by_part.values())

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


@pytest.mark.usefixtures("loans_typed_by_hand")
def test_the_regions_own_plan_and_the_national_rollup(world: World, client: Client) -> None:
    plans = {code: make_plan(world, code) for code in ("arnasoy", "dostlik", "region")}
    regional_director = _staff(world.region, "rustam", Role.DIRECTOR, "Rustam")
    for code, user, value in (
        ("arnasoy", world.alice, 1200),
        ("dostlik", world.charlie, 800),
        ("region", regional_director, 300),
    ):
        line = PlanLine.objects.get(plan=plans[code], number="17")
        actions.add_manual_fact(user, line, date=datetime.date(2021, 2, 1), value=Decimal(value))
    year = Period.parse(2021, "year")

    region = build_rollup(world.region, 2021, year)
    assert [(p.institution.code, p.own, len(p.plans)) for p in region.parts] == [
        ("jizzax", True, 1),
        ("arnasoy", False, 1),
        ("dostlik", False, 1),
    ]
    loans = next(x for x in region.lines if x.number == "17")
    assert loans.cumulative == 2300
    assert {
        code: loans.by_part[p.institution.pk].cumulative
        for p in region.parts
        for code in [p.institution.code]
    } == {
        "jizzax": 300,
        "arnasoy": 1200,
        "dostlik": 800,
    }

    # The National Library's roll-up: one column per region, the region's own plan inside it.
    national = build_rollup(world.national, 2021, year)
    assert [(p.institution.code, p.own, len(p.plans)) for p in national.parts] == [("jizzax", False, 3)]
    loans_n = next(x for x in national.lines if x.number == "17")
    assert loans_n.cumulative == loans_n.by_part[world.region.pk].cumulative == 2300
    assert loans_n.target == sum((cell.target or Decimal(0) for cell in loans.by_part.values()), Decimal(0))
    for total in national.lines:
        assert total.cumulative == sum(cell.cumulative for cell in total.by_part.values())

    reader = _staff(world.national, "nodira", Role.METHODIST, "Nodira")
    login(client, reader)
    response = client.get(reverse("planning:rollup", args=["milliy", 2021]))
    assert response.status_code == 200, response.content.decode()[-3000:]
    page = response.content.decode()
    assert reverse("planning:rollup", args=["jizzax", 2021]) in page and "3 ta reja yig'indisi" in page
    login(client, world.maria)
    page = html.unescape(client.get(reverse("planning:rollup", args=["jizzax", 2021])).content.decode())
    assert "Jizzax VAKM (o'zi)" in page
    assert reverse("planning:line", args=[plans["region"].pk, "17"]) in page
    assert client.get(reverse("planning:rollup", args=["milliy", 2021])).status_code == 404


@pytest.mark.usefixtures("loans_typed_by_hand")
def test_the_national_rollup_of_two_regions_one_without_its_own_plan(world: World, client: Client) -> None:
    samarqand = _institution("samarqand", world.national, InstitutionKind.REGIONAL, "Samarqand VAKM")
    urgut = _institution("urgut", samarqand, InstitutionKind.DISTRICT, "Urgut AKM")
    facts = {world.national: 50, world.arnasoy: 1200, world.dostlik: 800, urgut: 5}  # no Samarqand plan
    plans = {}
    for institution, value in facts.items():
        plans[institution.code] = plan = actions.create_plan(None, institution, 2021, ensure_template())
        staff = _staff(institution, f"d-{institution.code}", Role.DIRECTOR, "D")
        line = PlanLine.objects.get(plan=plan, number="17")
        actions.add_manual_fact(staff, line, date=datetime.date(2021, 2, 1), value=Decimal(value))
    year = Period.parse(2021, "year")

    national = build_rollup(world.national, 2021, year)
    assert [(p.institution.code, p.own, len(p.plans), p.plan is not None) for p in national.parts] == [
        ("milliy", True, 1, True),
        ("jizzax", False, 2, False),
        ("samarqand", False, 1, False),  # one plan, but a district's: the column opens Samarqand's roll-up
    ]
    loans = next(x for x in national.lines if x.number == "17")
    assert loans.cumulative == 2055
    assert {p.institution.code: loans.by_part[p.institution.pk].cumulative for p in national.parts} == {
        "milliy": 50,
        "jizzax": 2000,
        "samarqand": 5,
    }
    assert [p.institution.code for p in build_rollup(samarqand, 2021, year).parts] == ["urgut"]
    district = build_rollup(world.arnasoy, 2021, year)  # a district opened directly: its own plan
    assert [(p.institution.code, p.own, p.plan) for p in district.parts] == [
        ("arnasoy", True, plans["arnasoy"])
    ]

    login(client, _staff(world.national, "nodira", Role.METHODIST, "Nodira"))
    page = client.get(reverse("planning:rollup", args=["milliy", 2021])).content.decode()
    for code in ("jizzax", "samarqand"):
        assert f"{reverse('planning:rollup', args=[code, 2021])}?period=year" in page
    assert reverse("planning:line", args=[plans["milliy"].pk, "17"]) in page
    page = client.get(reverse("planning:rollup", args=["samarqand", 2021])).content.decode()
    assert reverse("planning:line", args=[plans["urgut"].pk, "17"]) in page


def test_a_rollup_of_an_impossible_year_is_not_found(world: World, client: Client) -> None:
    login(client, world.maria)
    for year in (0, 10000, 99999):
        assert client.get(reverse("planning:rollup", args=["jizzax", year])).status_code == 404
