"""The director opens the 2021 plan, drills down from a fact to its entries, downloads the XLSX."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from kutubxona.planning import actions
from kutubxona.planning.models import PlanLine
from tests.conftest import World, login_in_browser
from tests.planning.conftest import make_plan

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_director_drills_down_and_downloads(world: World, live_server: object, page: Page) -> None:
    plan = make_plan(world)
    loans = PlanLine.objects.get(plan=plan, number="17")
    actions.add_manual_fact(
        world.bob, loans, date=datetime.date(2021, 3, 14), value=Decimal(1234), note="kundalik"
    )
    base = str(live_server)
    login_in_browser(page, base, "alice")

    page.get_by_role("link", name="Ish rejasi", exact=True).first.click()
    page.get_by_role("link", name="Ish rejasi 2021").click()
    row = page.locator("tr", has=page.get_by_text("17", exact=True))
    fact = row.get_by_role("link", name="1\u202f234")
    expect(fact).to_be_visible()
    fact.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("17.")
    expect(page.get_by_test_id("fact")).to_have_text("1\u202f234")
    expect(page.locator("#facts")).to_contain_text("kundalik")
    expect(page.locator("svg.chart")).to_be_visible()

    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").first.click()
    assert download.value.suggested_filename == "arnasoy-2021-year-uz.xlsx"
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sheet is not None
    targets = {str(r[0]): r[4] for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]}
    assert targets["17"] == 15560 and targets["10"] == 2500
