"""A reader, not logged in, searches the public catalogue in Cyrillic with the keyboard only,
narrows by a facet, opens the record and sees where the copies are; axe-core checks each page.

The accessibility check is axe-core (the copy bundled by the axe-playwright-python package, run
in the page): WCAG 2.x A and AA rules, which include labels, colour contrast and names of links
and buttons. Keyboard use is checked by the flow itself: the search box is reached with Tab.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Page, expect

from kutubxona.catalog.models import CopyStatus
from tests.conftest import World
from tests.search.conftest import add_copy, marc

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _accessible(page: Page) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    problems = [
        (item["id"], [node["target"] for node in item["nodes"]]) for item in results.response["violations"]
    ]
    assert problems == []


def test_reader_searches_in_cyrillic_narrows_and_sees_availability(
    world: World, live_server: object, page: Page
) -> None:
    from kutubxona.catalog import actions

    book = actions.create_record(None, world.arnasoy, marc("O‘tkan kunlar", "Qodiriy, Abdulla", year=1926))
    for number, status in enumerate([CopyStatus.AVAILABLE, CopyStatus.AVAILABLE, CopyStatus.ON_LOAN]):
        add_copy(book, f"A-{number}", status=status)
    russian = actions.create_record(
        None, world.dostlik, marc("Ўткан кунлар", "Кадыри, Абдулла", year=1960, language="rus")
    )
    add_copy(russian, "D-1", status=CopyStatus.ON_LOAN)
    base = str(live_server)

    page.goto(f"{base}/opac/")
    _accessible(page)
    for _ in range(12):  # the keyboard alone reaches the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_q":
            break
    page.keyboard.type("Ўтган кунлар")
    page.keyboard.press("Enter")
    expect(page.locator(".opac-card")).to_have_count(2)
    _accessible(page)

    page.locator(".opac-facets a[href*='language=uzb']").click()
    expect(page.locator(".opac-card")).to_have_count(1)
    page.locator(".opac-card h3 a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("O‘tkan kunlar")
    availability = page.get_by_test_id("availability").first
    expect(availability).to_contain_text("2")
    expect(availability).to_contain_text("3")
    expect(availability).to_contain_text(world.arnasoy.short)
    _accessible(page)
