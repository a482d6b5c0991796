"""The copy list's header box ticks every copy of the page, and the ticked copies get a new status."""

import pytest
from playwright.sync_api import Page, expect

from kutubxona.catalog import actions
from kutubxona.catalog.models import Copy, CopyStatus
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.roles import Role
from tests.catalog.test_matching import book
from tests.conftest import PASSWORD, World, login_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_tick_all_then_set_the_status(world: World, live_server: object, page: Page) -> None:
    dilnoza = institution_actions.create_staff(
        None, world.arnasoy, username="dilnoza", password=PASSWORD, role=Role.CATALOGUER, first_name="Dilnoza"
    )
    record = actions.create_record(dilnoza, world.arnasoy, book("Shum bola", author="G'ulom, G'afur"))
    for number in range(1, 4):
        actions.create_copy(dilnoza, record, accession_number=f"S-{number}")
    base = str(live_server)
    login_in_browser(page, base, "dilnoza")
    page.goto(f"{base}/catalog/copies/")
    boxes = page.locator("input[name=copy]")
    expect(boxes).to_have_count(3)
    page.locator("[data-select-all=copy]").check()
    for index in range(3):
        expect(boxes.nth(index)).to_be_checked()
    page.select_option("#id_status", CopyStatus.AVAILABLE)
    page.get_by_role("button", name="Belgilangan nusxalar holatini o'zgartirish").click()
    expect(page.locator(".messages")).to_be_visible()
    assert set(Copy.objects.values_list("status", flat=True)) == {CopyStatus.AVAILABLE}
