"""A lending-desk librarian creates an event, marks it held, and finds it behind plan line 18."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.conftest import World, login_in_browser
from tests.planning.conftest import make_plan

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "«Kitobxon oila» tanlovi"


def test_librarian_records_an_event_and_sees_it_in_the_drill_down(
    world: World, live_server: object, page: Page
) -> None:
    today = timezone.localdate()
    make_plan(world, year=today.year)
    base = str(live_server)
    login_in_browser(page, base, "bob")

    page.locator("nav.mainnav a[href='/events/']").click()
    page.locator("a[href='/events/new/']").first.click()
    page.select_option("#id_kind", "event")
    page.fill("#id_title", TITLE)
    page.fill("#id_date", today.isoformat())
    page.fill("#id_start_time", "14:00")
    page.fill("#id_end_time", "16:00")
    page.select_option("#id_place_kind", "library")
    page.get_by_label("Bobur Test").check()
    page.locator("form.card button.primary").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.fill("#id_held-children", "15")
    page.fill("#id_held-adults", "10")
    page.fill("#id_held-report", "Oltita oila qatnashdi.")
    page.locator("#held button.primary").click()
    expect(page.get_by_test_id("attendees")).to_have_text("25")

    page.locator("nav.mainnav a[href='/plan/']").click()
    page.get_by_role("link", name=f"Ish rejasi {today.year}").click()
    row = page.locator("tr", has=page.get_by_text("18", exact=True))
    row.get_by_role("link", name="1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("18.")
    expect(page.get_by_test_id("fact")).to_have_text("1")
    page.locator("#facts").get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
