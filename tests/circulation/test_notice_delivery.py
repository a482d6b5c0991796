"""A notice is sent after the desk's transaction commits and after the desk's write lock is
released (a slow mail server holds neither), on committed data (a transactional test)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from kutubxona.circulation import actions, notify, writelock
from kutubxona.circulation.models import Notice
from kutubxona.readers.models import Reader
from tests.circulation.conftest import reader, shelf
from tests.conftest import World, login


class Recorder:
    channel = "email"

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def reaches(self, reader: Reader) -> bool:
        return True

    def send(self, reader: Reader, text: str) -> None:
        self.sent.append(
            {
                "reader": reader.pk,
                "in_transaction": connection.in_atomic_block,
                "desk_locked": writelock._lock.locked(),
                "row_saved": Notice.objects.filter(reader_id=reader.pk).exists(),
            }
        )


@pytest.mark.django_db(transaction=True)
def test_the_desk_sends_after_commit_and_lock(client: Client, world: World, monkeypatch: Any) -> None:
    recorder = Recorder()
    monkeypatch.setattr(notify, "senders", lambda: [recorder])
    copy = shelf(world.arnasoy, 1)[0]
    actions.lend(world.bob, reader(world.arnasoy, "Olgan"), copy)
    waiting = reader(world.arnasoy, "Kutuvchi")
    actions.place_hold(None, waiting, copy.record)
    login(client, world.bob)
    answer = client.post("/desk/scan/", {"code": copy.barcode}, headers={"Accept": "application/json"})
    assert answer.status_code == 200 and answer.json()["ok"]
    assert recorder.sent == [
        {"reader": waiting.pk, "in_transaction": False, "desk_locked": False, "row_saved": True}
    ]
