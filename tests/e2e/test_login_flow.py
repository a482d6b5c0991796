"""The Arnasoy director logs in, switches to Cyrillic and back, sees home, logs out."""

import os

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD, World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_director_login_language_switch_logout(world: World, live_server: object, page: Page) -> None:
    base = str(live_server)
    page.goto(f"{base}/login/")
    expect(page.locator("html")).to_have_attribute("lang", "uz")
    page.get_by_label("Foydalanuvchi nomi").fill("alice")
    page.get_by_label("Parol").fill(PASSWORD)
    page.get_by_role("button", name="Kirish").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Xush kelibsiz")
    expect(page.locator(".institution")).to_contain_text("Arnasoy AKM")
    expect(page.get_by_test_id("role")).to_have_text("Direktor")

    # The language menu submits itself on change (a little JavaScript of ours).
    page.get_by_label("Til").select_option("uz-cyrl")
    expect(page.locator("html")).to_have_attribute("lang", "uz-cyrl")
    expect(page.get_by_test_id("role")).to_have_text("Директор")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Хуш келибсиз")
    if os.environ.get("KUTUBXONA_SCREENSHOTS"):
        page.screenshot(path=os.environ["KUTUBXONA_SCREENSHOTS"] + "/home-cyrillic.png", full_page=True)

    page.get_by_label("Тил").select_option("uz")
    expect(page.locator("html")).to_have_attribute("lang", "uz")
    expect(page.get_by_test_id("role")).to_have_text("Direktor")

    # Keyboard: the user menu opens with Enter on its summary, then log out.
    page.locator(".usermenu summary").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Chiqish").click()
    expect(page).to_have_url(f"{base}/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kirish")


def test_phone_sized_screen_shows_the_home_page(world: World, live_server: object, page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server}/login/")
    page.get_by_label("Foydalanuvchi nomi").fill("bob")
    page.get_by_label("Parol").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator(".modules")).to_be_visible()
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    if os.environ.get("KUTUBXONA_SCREENSHOTS"):
        page.screenshot(path=os.environ["KUTUBXONA_SCREENSHOTS"] + "/home-phone.png", full_page=True)
