"""The plan pages: who sees which plan, drilling down, typing facts, downloads."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kutubxona.planning import actions
from kutubxona.planning.models import ManualFact, Plan, PlanLine
from tests.conftest import World, login


@pytest.mark.usefixtures("loans_typed_by_hand")
def test_director_sees_the_plan_table_with_facts(world: World, plan: Plan, client: Client) -> None:
    actions.add_manual_fact(
        world.bob,
        PlanLine.objects.get(plan=plan, number="17"),
        date=datetime.date(2021, 3, 1),
        value=Decimal(1234),
    )
    login(client, world.alice)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("planning:plan", args=[plan.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Count loans" in text and "1\u202f234" in text and "15\u202f560" in text
    assert "The targets of lines 10.1–10.4 add up to 454" in text
    filtered = client.get(reverse("planning:plan", args=[plan.pk]), {"section": "IV"})
    assert [r.line.number for _, rows in filtered.context["groups"] for r in rows] == ["39", "40"]
    by_service = client.get(reverse("planning:plan", args=[plan.pk]), {"service": "KADR"})
    # Lines 38 and 41 are the seed's "all services" (ALL): every service answers for them.
    assert [r.line.number for _, rows in by_service.context["groups"] for r in rows] == ["2", "38", "41"]
    assert "<td>AB, all services</td>" in text and "ALL" not in text


def test_other_districts_plan_is_404(world: World, plan: Plan, client: Client) -> None:
    login(client, world.charlie)
    assert client.get(reverse("planning:plan", args=[plan.pk])).status_code == 404
    assert client.get(reverse("planning:line", args=[plan.pk, "17"])).status_code == 404
    assert client.get(reverse("planning:report", args=[plan.pk]) + "?format=xlsx").status_code == 404


def test_drill_down_and_typing_a_fact(world: World, plan: Plan, client: Client) -> None:
    login(client, world.bob)
    url = reverse("planning:line", args=[plan.pk, "16"])
    response = client.post(url, {"fact-date": "2021-04-12", "fact-value": "37", "fact-note": "kundalik"})
    assert response.status_code == 302
    fact = ManualFact.objects.get(line__plan=plan, line__number="16")
    assert (fact.value, fact.author) == (Decimal(37), world.bob)
    page = client.get(url)
    assert page.context["row"].cumulative == 37 and list(page.context["entries"]) == [fact]
    assert b"<svg" in page.content


def test_a_fact_form_error_keeps_what_was_typed(world: World, plan: Plan, client: Client) -> None:
    login(client, world.bob)
    client.cookies["django_language"] = "en"
    url = reverse("planning:line", args=[plan.pk, "16"])
    response = client.post(url, {"fact-date": "2020-04-12", "fact-value": "37", "fact-note": "kundalik"})
    assert response.status_code == 200
    form = response.context["fact_form"]
    assert "The date must be in 2021." in form.errors["date"]
    assert form["note"].value() == "kundalik" and form["value"].value() == "37"
    assert not ManualFact.objects.exists()


def test_downloads(world: World, plan: Plan, client: Client) -> None:
    login(client, world.alice)
    url = reverse("planning:report", args=[plan.pk])
    xlsx = client.get(url, {"format": "xlsx", "period": "q1", "language": "ru"})
    assert xlsx["Content-Disposition"].endswith('-2021-q1-ru.xlsx"')
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet["B4"].value == "Название"
    pdf = client.get(url, {"format": "pdf", "language": "uz-cyrl"})
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 10_000
    data = json.loads(client.get(url, {"format": "json", "period": "m03"}).content)
    assert data["period"] == "m03" and data["to"] == "2021-03-31"
    assert client.get(url, {"period": "q9"}).status_code == 404
    assert client.get(url, {"language": "xx"}).status_code == 404


def test_methodist_approves_from_the_plan_page(world: World, plan: Plan, client: Client) -> None:
    actions.submit_plan(world.alice, plan)
    login(client, world.maria)
    page = client.get(reverse("planning:plan", args=[plan.pk]))
    assert page.context["can_review"]
    client.post(reverse("planning:workflow", args=[plan.pk, "approve"]), {"comment": "OK"})
    plan.refresh_from_db()
    assert plan.status == "approved"


def test_creating_a_plan_from_the_list_page(world: World, client: Client) -> None:
    login(client, world.alice)
    response = client.post(reverse("planning:list"), {"year": "2026"})
    assert response.status_code == 302
    plan = Plan.objects.get(institution=world.arnasoy, year=2026)
    assert PlanLine.objects.filter(plan=plan).count() == 55
    again = client.post(reverse("planning:list"), {"year": "2026"})
    assert again.status_code == 200 and again.context["form"].errors


def test_director_fills_in_all_targets_on_one_page(world: World, client: Client) -> None:
    from kutubxona.planning.builtin import ensure_template

    plan = actions.create_plan(world.alice, world.arnasoy, 2026, ensure_template())
    login(client, world.alice)
    url = reverse("planning:targets", args=[plan.pk])
    form = client.get(url).context["form"]
    data = {name: "" for name in form.fields}
    line17 = PlanLine.objects.get(plan=plan, number="17")
    data.update({f"target_{line17.pk}": "16000", f"last_year_{line17.pk}": "15575", "targets": "1"})
    assert client.post(url, data).status_code == 302
    line17.refresh_from_db()
    assert (line17.target, line17.last_year) == (16000, 15575)
    # A bad number keeps everything typed and saves nothing.
    data[f"target_{line17.pk}"] = "-5"
    data[f"last_year_{line17.pk}"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors
    line17.refresh_from_db()
    assert line17.last_year == 15575


def test_adding_and_removing_a_line_from_the_page(world: World, plan: Plan, client: Client) -> None:
    login(client, world.alice)
    client.cookies["django_language"] = "en"
    url = reverse("planning:targets", args=[plan.pk])
    new = {
        "add": "1",
        "number": "43",
        "section": "V",
        "name_uz": "Podkastlar",
        "unit": "times",
        "deadline": "quarterly",
    }
    assert client.post(url, new).status_code == 302
    assert PlanLine.objects.filter(plan=plan, number="43").exists()
    duplicate = client.post(url, {**new, "number": "17"})
    assert "already exists" in str(duplicate.context["add_form"].errors)
    client.post(reverse("planning:remove_line", args=[plan.pk, "43"]))
    assert not PlanLine.objects.filter(plan=plan, number="43").exists()


def test_lending_desk_cannot_open_the_targets_page(world: World, plan: Plan, client: Client) -> None:
    login(client, world.bob)
    assert client.get(reverse("planning:targets", args=[plan.pk])).status_code == 403


def test_a_fact_with_a_file_is_downloaded_only_inside_the_institution(
    world: World, plan: Plan, client: Client, settings: object, tmp_path: object
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    login(client, world.bob)
    url = reverse("planning:line", args=[plan.pk, "5"])
    scan = SimpleUploadedFile("dalolatnoma.pdf", b"%PDF-1.4 act of help", content_type="application/pdf")
    client.post(
        url,
        {"fact-date": "2021-06-01", "fact-value": "1", "fact-note": "dalolatnoma", "fact-attachment": scan},
    )
    fact = ManualFact.objects.get(line__plan=plan, line__number="5")
    download = client.get(reverse("planning:fact_file", args=[plan.pk, fact.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 act of help"  # type: ignore[attr-defined]
    login(client, world.charlie)
    assert client.get(reverse("planning:fact_file", args=[plan.pk, fact.pk])).status_code == 404
