"""The digitisation officer makes a QR board, adds an e-book, downloads the poster, and the short
link printed on it leads a visitor's phone to the e-book's page (and counts the scan)."""

import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from kutubxona.catalog.models import AccessLevel
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.roles import Role
from tests.conftest import PASSWORD, World, login_in_browser
from tests.elibrary.conftest import make_book

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_prints_a_board_and_the_code_leads_to_the_ebook(
    world: World, live_server: object, page: Page, browser: object
) -> None:
    institution_actions.create_staff(
        None, world.arnasoy, username="iroda", password=PASSWORD, role=Role.ICT, first_name="Iroda"
    )
    record = make_book(world.arnasoy, "Zomin tog'lari afsonalari", access=AccessLevel.PUBLIC)
    base = str(live_server)
    login_in_browser(page, base, "iroda")

    page.locator("nav.mainnav a[href='/elibrary/']").click()
    page.locator("nav.subnav a[href='/elibrary/boards/']").click()
    page.locator("a[href='/elibrary/boards/new/']").click()
    page.fill("#id_title", "Zomin kitoblari")
    page.fill("#id_place", "Zomin sanatoriyasi")
    page.fill("#id_placed_on", timezone.localdate().isoformat())
    page.locator("form.card button.primary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zomin kitoblari")

    page.fill("#id_find", "zomin afsonalari")
    page.locator("#add-item button.primary").click()
    expect(page.locator("#items")).to_contain_text("Zomin tog'lari afsonalari")

    poster = page.request.get(base + page.locator("#poster").get_attribute("href"))  # type: ignore[operator]
    assert poster.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(poster.body())).pages[0].extract_text()
    assert "Zomin sanatoriyasi" in text and "Zomin tog'lari afsonalari" in text
    found = re.search(r"http://\S+/q/[a-z0-9]+", text)
    assert found is not None

    phone = browser.new_context(locale="uz-UZ")  # type: ignore[attr-defined]
    visitor = phone.new_page()
    visitor.goto(found.group(0))
    expect(visitor).to_have_url(f"{base}/opac/record/{record.pk}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Zomin tog'lari afsonalari")
    phone.close()

    page.reload()
    expect(page.get_by_test_id("scans")).to_have_text("1")
