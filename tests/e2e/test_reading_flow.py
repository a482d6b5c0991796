"""A reader, not logged in, finds a born-digital PDF by a word of its second page (its text layer
read by the background job), follows "found in the full text" to the reading page, sees the PDF
and the page's text with the word marked, and jumps to another page with the form; axe-core
checks each page."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page, expect

from kutubxona.catalog.models import AccessLevel
from tests.catalog.test_text_layer import pdf
from tests.conftest import World
from tests.e2e.test_opac_flow import _accessible
from tests.search.conftest import marc

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_reader_finds_a_word_inside_a_pdf_and_reads_it(world: World, live_server: object, page: Page) -> None:
    from kutubxona.catalog import actions, fulltext
    from kutubxona.core import jobs

    record = actions.create_record(None, world.arnasoy, marc("Vohaning tarixi", "Karimov, Anvar", year=2020))
    fulltext.attach(
        None,
        record,
        io.BytesIO(pdf("Birinchi sahifa", "Zarafshon vohasi haqida", "Uchinchi sahifa")),
        name="vohaning-tarixi.pdf",
        access=AccessLevel.PUBLIC,
    )
    assert jobs.run_pending() == 1  # the text layer, read as `kutubxona serve` would
    base = str(live_server)

    page.goto(f"{base}/opac/?q=Зарафшон")
    card = page.locator(".opac-card")
    expect(card).to_have_count(1)
    expect(card.locator("mark")).to_have_text("Zarafshon")
    _accessible(page)
    card.get_by_role("link", name="To'liq matnda topildi, 2-sahifa").click()

    expect(page.get_by_role("heading", level=2, name="2-sahifa")).to_be_visible()
    expect(page.locator(".reader-page mark")).to_have_text("Zarafshon")
    expect(page.locator("iframe.reader-frame")).to_have_attribute(
        "src", f"/catalog/files/{record.fulltexts.get().pk}/#page=2"
    )
    _accessible(page)

    page.fill("#page-number", "3")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2, name="3-sahifa")).to_be_visible()
    expect(page.locator(".reader-page")).to_contain_text("Uchinchi sahifa")
