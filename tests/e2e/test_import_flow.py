"""A cataloguer uploads a MARC file in the browser and watches the import finish with its report."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from kutubxona.core import jobs
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.roles import Role
from tests.conftest import PASSWORD, World, login_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def runner() -> Iterator[jobs.ThreadRunner]:
    """The job runner thread `kutubxona serve` starts on an embedded installation."""
    runner = jobs.ThreadRunner(poll_seconds=0.2)
    runner.start()
    yield runner
    runner.stop()


def test_upload_shows_progress_then_the_report(
    world: World,
    settings: Any,
    tmp_path: Path,
    live_server: object,
    runner: jobs.ThreadRunner,
    page: Page,
    samples: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    institution_actions.create_staff(
        None, world.arnasoy, username="dilnoza", password=PASSWORD, role=Role.CATALOGUER, first_name="Dilnoza"
    )
    base = str(live_server)
    login_in_browser(page, base, "dilnoza")
    page.goto(f"{base}/catalog/")
    page.get_by_role("link", name="Importlar").click()
    page.get_by_role("link", name="MARC faylini import qilish").click()
    page.set_input_files("#id_file", str(samples / "marc21-marc8-hebrew-20.mrc"))
    page.get_by_role("button", name="Yuklash va import qilish").click()

    expect(page.locator("progress")).to_be_visible()
    expect(page.get_by_test_id("count-imported")).to_have_text("20", timeout=30_000)
    expect(page.get_by_test_id("count-failed")).to_have_text("0")
    expect(page.locator("progress")).to_have_attribute("value", "100")
    expect(page.get_by_text("MARC-8: 20")).to_be_visible()
    page.get_by_role("link", name="Importlar").first.click()
    expect(page.locator("table")).to_contain_text("marc21-marc8-hebrew-20.mrc")
