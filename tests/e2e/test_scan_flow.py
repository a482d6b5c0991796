"""The digitisation operator makes a scan job in the browser, uploads a page, starts OCR, sees
the progress bar reach the end and reads the page's text beside its image."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from kutubxona.catalog import actions as catalog_actions
from kutubxona.core import jobs
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.roles import Role
from tests.conftest import PASSWORD, World, login_in_browser
from tests.digitization.conftest import page_image
from tests.search.conftest import marc

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def runner() -> Iterator[jobs.ThreadRunner]:
    """The job runner thread `kutubxona serve` starts on an embedded installation."""
    runner = jobs.ThreadRunner(poll_seconds=0.2)
    runner.start()
    yield runner
    runner.stop()


def test_operator_scans_a_page_and_reads_its_text(
    world: World, settings: Any, tmp_path: Path, live_server: object, runner: jobs.ThreadRunner, page: Page
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    institution_actions.create_staff(
        None, world.arnasoy, username="umid", password=PASSWORD, role=Role.ICT, first_name="Umid"
    )
    record = catalog_actions.create_record(None, world.arnasoy, marc("Jizzax viloyati tarixi", year=2005))
    scan = tmp_path / "sahifa-1.png"
    scan.write_bytes(page_image(["Zarafshon vohasi", "Мирзачўл далалари"]))

    base = str(live_server)
    login_in_browser(page, base, "umid")
    page.get_by_role("link", name="Raqamlashtirish").first.click()
    page.get_by_role("link", name="Yangi skanerlash vazifasi").click()
    page.select_option("#id_kind", "request")
    page.fill("#id_find", "viloyati tarixi")
    page.get_by_role("button", name="Vazifani yaratish").click()

    expect(page.get_by_role("heading", name="1/")).to_be_visible()
    page.set_input_files("#id_files", str(scan))
    page.get_by_role("button", name="Yuklash", exact=True).click()
    expect(page.get_by_test_id("page-count")).to_have_text("1")
    expect(page.locator(".scan-pages img")).to_have_count(1)

    page.get_by_role("button", name="OCRni boshlash").click()
    expect(page.locator("progress")).to_be_visible()
    expect(page.get_by_test_id("scan-status")).to_have_text("bajarildi", timeout=60_000)
    expect(page.locator("progress")).to_have_attribute("value", "100")
    expect(page.get_by_test_id("pdf-link")).to_be_visible()

    page.get_by_test_id("page-1").get_by_role("link").click()
    expect(page.get_by_test_id("page-text")).to_contain_text("Zarafshon")
    expect(page.get_by_test_id("page-text")).to_contain_text("Мирзач")
    expect(page.locator(".scan-read img")).to_be_visible()
    assert record.pk
