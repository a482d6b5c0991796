"""One reader's overdue letter from the reader's page: a PDF in the reader's language listing
their overdue books (not the ones still in time); none without overdue books; another
library's reader is not found."""

from __future__ import annotations

import datetime
import io

from django.test import Client
from pypdf import PdfReader

from kutubxona.catalog.models import Copy
from kutubxona.circulation import actions
from tests.circulation.conftest import reader, shelf
from tests.conftest import World, login


def test_the_letter_lists_the_overdue_books_in_the_readers_language(
    client: Client, world: World, copies: list[Copy]
) -> None:
    aziz = reader(world.arnasoy, "Karimov", language="ru")
    old = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=40)
    actions.lend(world.bob, aziz, shelf(world.arnasoy, 1, title="Kecha va kunduz", prefix="K")[0])
    actions.lend(world.bob, aziz, copies[0], when=old)
    login(client, world.bob)
    page = client.get(f"/readers/{aziz.pk}/").content.decode()
    assert f'href="/desk/overdue/{aziz.pk}/letter.pdf"' in page
    response = client.get(f"/desk/overdue/{aziz.pk}/letter.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "верните книги" in text and "Karimov Aziz" in text
    assert "O'tkan kunlar" in text and "Kecha va kunduz" not in text  # the one still in time is not


def test_no_letter_without_overdue_books_or_for_another_library(client: Client, world: World) -> None:
    aziz = reader(world.arnasoy, "Karimov")
    login(client, world.bob)
    assert f"/desk/overdue/{aziz.pk}/letter.pdf" not in client.get(f"/readers/{aziz.pk}/").content.decode()
    response = client.get(f"/desk/overdue/{aziz.pk}/letter.pdf", follow=True)
    assert "has no overdue books" in response.content.decode()
    other = reader(world.dostlik, "Boshqa")
    assert client.get(f"/desk/overdue/{other.pk}/letter.pdf").status_code == 404


def test_the_letter_is_offered_only_to_who_may_print_it(
    client: Client, world: World, copies: list[Copy]
) -> None:
    """The director sees readers' pages (the plan's drill-downs) but does not work the desk: the
    button would only lead her to "forbidden"."""
    aziz = reader(world.arnasoy, "Karimov")
    old = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=40)
    actions.lend(world.bob, aziz, copies[0], when=old)
    login(client, world.alice)
    assert client.get(f"/desk/overdue/{aziz.pk}/letter.pdf").status_code == 403
    assert "letter.pdf" not in client.get(f"/readers/{aziz.pk}/").content.decode()
