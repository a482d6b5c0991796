"""The lending desk registers a reader, prints the card, lends two copies by barcode (as a
scanner types them: the code and Enter) and takes one back; plan lines 15, 16 and 17 move."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kutubxona.catalog.models import Copy, CopyStatus
from kutubxona.planning import registry
from kutubxona.readers.models import Reader
from tests.circulation.conftest import shelf
from tests.conftest import World, login_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fact(world: World, key: str) -> int:
    metric = registry.get(key)
    assert metric is not None
    today = timezone.localdate()
    first = datetime.date(today.year, 1, 1)
    return int(metric.count([world.arnasoy.pk], first, today, {}).get(world.arnasoy.pk, 0))


def _scan(page: Page, code: str) -> None:
    page.fill("#desk-code", code)
    page.keyboard.press("Enter")


def test_desk_registers_prints_lends_and_takes_back(world: World, live_server: object, page: Page) -> None:
    books = shelf(world.arnasoy, 2, "Yulduzli tunlar")
    registered, lent = _fact(world, "readers.registrations"), _fact(world, "circulation.loans")
    visits = _fact(world, "attendance.visits")
    base = str(live_server)
    login_in_browser(page, base, "bob")

    page.locator("nav.mainnav a[href='/desk/']").click()
    page.locator("a.button[href='/readers/new/']").click()
    page.fill("#id_last_name", "Yo'ldosheva")
    page.fill("#id_first_name", "Madina")
    page.fill("#id_birth_year", "2004")
    page.select_option("#id_category", "student")
    page.fill("#id_phone", "+998 90 111 22 33")
    page.check("#id_consent")
    page.locator("form.card button.primary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Yo'ldosheva Madina")
    reader = Reader.objects.get(last_name="Yo'ldosheva")

    card = page.locator("#print-card")
    response = page.request.get(base + str(card.get_attribute("href")))
    assert response.headers["content-type"] == "application/pdf" and response.body().startswith(b"%PDF")

    page.locator(f"a[href='/desk/?reader={reader.pk}']").click()
    expect(page.locator(".reader-card")).to_have_text(reader.card)
    _scan(page, books[0].barcode)
    expect(page.locator(f"#loan-rows tr[data-copy='{books[0].barcode}']")).to_be_visible()
    _scan(page, books[1].barcode)
    expect(page.locator(f"#loan-rows tr[data-copy='{books[1].barcode}']")).to_be_visible()
    _scan(page, books[0].barcode)  # taken back, without the card
    expect(page.locator(f"#loan-rows tr[data-copy='{books[0].barcode}']")).to_have_count(0)
    _scan(page, "NO-SUCH-CODE")
    expect(page.locator("#desk-message")).to_contain_text("NO-SUCH-CODE")

    assert Copy.objects.get(pk=books[0].pk).status == CopyStatus.AVAILABLE
    assert Copy.objects.get(pk=books[1].pk).status == CopyStatus.ON_LOAN
    assert _fact(world, "readers.registrations") == registered + 1  # line 15
    assert _fact(world, "circulation.loans") == lent + 2  # line 17
    assert _fact(world, "attendance.visits") == visits + 1  # line 16: once a day at a sector

    page.reload()  # the page without the script's updates shows the same
    expect(page.locator("#loan-rows tr[data-copy]")).to_have_count(1)
