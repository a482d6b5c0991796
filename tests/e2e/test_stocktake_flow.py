"""A cataloguer scans codes into a stock-take (type + Enter, as a keyboard-wedge scanner does),
sees the page update without reloading, and closes it with the two copies not scanned missing."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kutubxona.acquisitions import actions
from kutubxona.catalog.models import Copy, CopyStatus
from tests.acquisitions.conftest import dilnoza, make_record, receive
from tests.conftest import World, login_in_browser

__all__ = ["dilnoza"]  # the cataloguer fixture, shared with tests/acquisitions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_cataloguer_scans_and_closes_a_stocktake(
    world: World, dilnoza: object, live_server: object, page: Page
) -> None:
    receipt = receive(world.arnasoy, make_record(world.arnasoy), 5)
    Copy.objects.update(status=CopyStatus.AVAILABLE)
    codes = sorted(
        Copy.objects.filter(accession__line__receipt=receipt).values_list("accession_number", flat=True)
    )
    stocktake = actions.open_stocktake(
        None, world.arnasoy, title="Abonement xatlovi", started_on=timezone.localdate()
    )
    base = str(live_server)
    login_in_browser(page, base, "dilnoza")
    page.goto(f"{base}{stocktake.get_absolute_url()}")
    scan = page.locator("#id_code")
    expect(scan).to_be_focused()
    for code in [codes[0], codes[1], codes[2], codes[0], "UNKNOWN-1"]:
        scan.type(code)
        scan.press("Enter")
    expect(page.get_by_test_id("unknown")).to_have_text("1")
    expect(page.get_by_test_id("found")).to_have_text("3")
    expect(page.get_by_test_id("accounted")).to_have_text("3")
    expect(page.get_by_test_id("expected")).to_have_text("5")
    expect(page.locator("#scan-list tbody tr")).to_have_count(4)  # the repeat is not listed again
    page.locator("#close-button").click()
    expect(page.get_by_test_id("closed")).to_have_text(timezone.localdate().isoformat())
    missing = sorted(Copy.objects.filter(status=CopyStatus.LOST).values_list("accession_number", flat=True))
    assert missing == codes[3:]
    report = page.get_by_test_id("report")
    for code in codes[3:]:
        expect(report).to_contain_text(code)
