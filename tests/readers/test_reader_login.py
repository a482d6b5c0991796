"""The reader's login (`/my/login/`) is throttled as the staff login is: after the set number of
wrong passwords for a card from one address, even the right password is refused for the
cool-off, with a message in the reader's language."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from kutubxona.readers import actions
from kutubxona.readers.session import SESSION_KEY
from tests.circulation.conftest import reader
from tests.conftest import PASSWORD, World

RIGHT = "kitob-sevaman"


def _login(client: Client, card: str, password: str, ip: str = "10.0.0.7") -> Any:
    return client.post("/my/login/", {"card": card, "password": password}, REMOTE_ADDR=ip)


def test_repeated_failures_lock_the_card_from_that_address(client: Client, world: World) -> None:
    aziz = reader(world.arnasoy)
    actions.set_pin(None, aziz, RIGHT)
    client.cookies["django_language"] = "en"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, aziz.card, "wrong-one").status_code == 400
    last = _login(client, aziz.card, "wrong-one")  # the failure that locks
    assert last.status_code == 429 and "Too many failed attempts" in last.content.decode()
    locked = _login(client, aziz.card, RIGHT)
    assert locked.status_code == 429
    assert "Too many failed attempts for this card" in locked.content.decode()
    assert SESSION_KEY not in client.session
    assert client.get("/my/").status_code == 302  # not logged in
    # In Uzbek, the reader's language.
    client.cookies["django_language"] = "uz"
    assert "urinish" in _login(client, aziz.card, RIGHT).content.decode()
    # Another address is not locked with it.
    assert _login(Client(), aziz.card, RIGHT, ip="10.0.0.8").status_code == 302
    # After the cool-off the right password works again, and a success clears the count.
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=2)
    )
    assert _login(client, aziz.card, RIGHT).status_code == 302
    assert not AccessAttempt.objects.filter(ip_address="10.0.0.7").exists()


def test_the_lock_is_the_readers_not_a_staff_members(client: Client, world: World) -> None:
    aziz = reader(world.arnasoy)
    actions.set_pin(None, aziz, RIGHT)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, aziz.card, "wrong-one")
    # The staff login from the same address is not locked by a reader's card.
    staff = client.post("/login/", {"username": "bob", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
    assert staff.status_code == 302


@pytest.mark.parametrize(
    ("minutes", "language", "expected"),
    [
        (1, "en", "Please wait 1 minute and"),
        (10, "en", "Please wait 10 minutes and"),
        (1, "ru", "Подождите 1 минуту"),
        (3, "ru", "Подождите 3 минуты"),
        (10, "ru", "Подождите 10 минут"),
        (21, "ru", "Подождите 21 минуту"),
        (1, "uz", "1 daqiqa kutib"),
        (10, "uz", "10 daqiqa kutib"),
    ],
)
def test_the_lock_out_message_says_the_minutes_in_the_right_form(
    client: Client, world: World, settings: Any, minutes: int, language: str, expected: str
) -> None:
    settings.AXES_COOLOFF_TIME = minutes / 60
    aziz = reader(world.arnasoy)
    actions.set_pin(None, aziz, RIGHT)
    client.cookies["django_language"] = language
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, aziz.card, "wrong-one")
    locked = _login(client, aziz.card, RIGHT)
    assert locked.status_code == 429 and expected in locked.content.decode()
