"""Anonymising a reader also clears their name and card on interlibrary requests (the requests
still count for line 19) and ends their open catalogue session."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from kutubxona.catalog import actions as catalog_actions
from kutubxona.catalog.models import AccessLevel
from kutubxona.interlibrary import actions as ill
from kutubxona.interlibrary.metrics import count_fulfilled
from kutubxona.interlibrary.models import Direction, Request, Status
from kutubxona.readers import actions
from kutubxona.readers.models import Reader
from kutubxona.readers.session import SESSION_KEY
from tests.catalog.test_fulltext import attach, pdf_bytes
from tests.catalog.test_matching import book
from tests.circulation.conftest import reader
from tests.conftest import World

LONG_AGO = datetime.timedelta(days=6 * 365)


def _inactive(someone: Reader) -> None:
    Reader.objects.filter(pk=someone.pk).update(last_active_on=timezone.localdate() - LONG_AGO)


def _borrow_for(world: World, **fields: Any) -> Request:
    request = ill.create_request(
        world.bob,
        world.arnasoy,
        direction=Direction.BORROW,
        partner=world.dostlik,
        item="Qodiriy A. O'tkan kunlar",
        requested_on=timezone.localdate() - datetime.timedelta(days=3),
        **fields,
    )
    return ill.change_status(world.bob, request, Status.RECEIVED)


def test_interlibrary_requests_lose_the_name_and_keep_counting(world: World) -> None:
    old, other = reader(world.arnasoy, "Eski"), reader(world.arnasoy, "Faol")
    by_id = _borrow_for(world, reader=old, reader_name="Eski Aziz", reader_card=old.card)
    by_card = _borrow_for(world, reader_name="Eski A.", reader_card=old.card)  # typed, no id
    others = _borrow_for(world, reader=other, reader_name="Faol Aziz", reader_card=other.card)
    today = timezone.localdate()
    before = count_fulfilled([world.arnasoy.pk], today.replace(month=1, day=1), today, {})
    _inactive(old)
    assert actions.anonymise_inactive(None, world.arnasoy, years=3) == 1
    for request in (by_id, by_card):
        request.refresh_from_db()
        assert (request.reader_name, request.reader_card) == ("", "")
    others.refresh_from_db()
    assert (others.reader_name, others.reader_card) == ("Faol Aziz", other.card)
    assert count_fulfilled([world.arnasoy.pk], today.replace(month=1, day=1), today, {}) == before


def test_an_anonymised_readers_session_ends(client: Client, world: World) -> None:
    record = catalog_actions.create_record(None, world.arnasoy, book("Kecha va kunduz"))
    readers_file = attach(None, record, pdf_bytes(), access=AccessLevel.READERS)
    old = reader(world.arnasoy, "Eski")
    actions.set_pin(None, old, "kitob-sevaman")
    assert client.post("/my/login/", {"card": old.card, "password": "kitob-sevaman"}).status_code == 302
    assert client.get(f"/catalog/files/{readers_file.pk}/").status_code == 200
    _inactive(old)
    actions.anonymise_inactive(None, world.arnasoy, years=3)
    assert client.get(f"/catalog/files/{readers_file.pk}/").status_code == 302  # to the login
    assert client.get("/my/").status_code == 302
    assert SESSION_KEY not in client.session
