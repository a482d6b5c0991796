"""On a phone the main menu folds behind its button (it took half the screen on every page)."""

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD, World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page: Page, base: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Foydalanuvchi nomi").fill("alice")
    page.get_by_label("Parol").fill(PASSWORD)
    page.get_by_role("button", name="Kirish").click()


def test_the_menu_folds_on_a_phone_only(world: World, live_server: object, page: Page) -> None:
    base = str(live_server)
    page.set_viewport_size({"width": 375, "height": 740})
    _login(page, base)
    plan = page.locator(".mainnav").get_by_role("link", name="Ish rejasi")
    expect(plan).to_be_hidden()
    page.get_by_role("button", name="Menyu").click()
    expect(page.get_by_role("button", name="Menyu")).to_have_attribute("aria-expanded", "true")
    plan.click()
    expect(page).to_have_url(f"{base}/plan/")
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.get_by_role("button", name="Menyu")).to_be_hidden()
    expect(page.locator(".mainnav").get_by_role("link", name="Ish rejasi")).to_be_visible()
