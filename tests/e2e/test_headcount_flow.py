"""The lending desk types in the reading room's headcount and finds it in the daily diary."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kutubxona.institutions.models import Sector
from tests.conftest import World, login_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_librarian_enters_a_headcount_and_sees_it_in_the_diary(
    world: World, live_server: object, page: Page
) -> None:
    today = timezone.localdate()
    youth = Sector.objects.get(institution=world.arnasoy, code="youth")
    base = str(live_server)
    login_in_browser(page, base, "bob")

    page.locator("a[href='/visits/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(today.year))
    page.locator("a[href='/visits/headcounts/new/']").first.click()
    page.select_option("#id_sector", str(youth.pk))
    page.fill("#id_day", today.isoformat())
    page.fill("#id_count", "-5")
    page.locator("form.card button.primary").click()
    expect(page.locator(".error, .errorlist").first).to_be_visible()  # negative: refused, typed kept
    expect(page.locator("#id_count")).to_have_value("-5")
    page.fill("#id_count", "23")
    page.fill("#id_foreign", "2")
    page.locator("form.card button.primary").click()

    row = page.locator(f"tr[data-day='{today.isoformat()}']")
    expect(row.locator("[data-total='visits']")).to_have_text("23")
    expect(page.locator("tr[data-total-row='month'] [data-total='visits']")).to_have_text("23")
    expect(page.locator("tr[data-total-row='year'] [data-total='visits']")).to_have_text("23")
