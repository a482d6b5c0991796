"""Two librarians press "Send notices" at the same moment: each overdue reader is given one
notice (the institution row is locked; on SQLite the IMMEDIATE write lock queues them)."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from kutubxona.circulation import actions
from kutubxona.circulation.models import Notice, NoticeKind
from tests.circulation.conftest import reader, shelf
from tests.conftest import World

DESKS = 4


@pytest.mark.django_db(transaction=True)
def test_two_presses_at_once_give_each_reader_one_notice(world: World) -> None:
    copies = shelf(world.arnasoy, 3)
    old = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=40)
    readers = [
        reader(world.arnasoy, f"Kech{i}", first_name=f"N{i}", email=f"k{i}@example.uz") for i in range(3)
    ]
    for one, copy in zip(readers, copies, strict=True):
        actions.lend(world.bob, one, copy, when=old)
    start = threading.Barrier(DESKS)
    results: list[actions.OverdueNotices] = []
    errors: list[BaseException] = []

    def press() -> None:
        try:
            with scopes_disabled():
                start.wait()
                results.append(actions.send_overdue_notices(world.bob, world.arnasoy))
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(DESKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with scopes_disabled():
        made = list(Notice.objects.filter(kind=NoticeKind.OVERDUE).values_list("reader_id", flat=True))
    assert sorted(made) == sorted(r.pk for r in readers)
    assert sum(r.queued for r in results) == 3 and sum(r.earlier for r in results) == 3 * (DESKS - 1)
