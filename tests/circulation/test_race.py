"""Many desks lend the same copy at the same moment: exactly one succeeds, the others are told
why and nothing else is written.

Real threads with their own database connections on committed data (a transactional test): on
PostgreSQL the conditional UPDATE of the copy's status waits for the first transaction and
then finds the status changed; on SQLite the IMMEDIATE write lock queues them.
"""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django_scopes import scopes_disabled

from kutubxona.catalog.models import Copy, CopyStatus
from kutubxona.circulation import actions
from kutubxona.circulation.models import Loan
from tests.circulation.conftest import reader, shelf
from tests.conftest import World

DESKS = 8


@pytest.mark.django_db(transaction=True)
def test_one_copy_lent_from_many_desks_at_once(world: World) -> None:
    copy = shelf(world.arnasoy, 1)[0]
    readers = [reader(world.arnasoy, f"Kitobxon{i}", first_name=f"N{i}") for i in range(DESKS)]
    start = threading.Barrier(DESKS)
    won: list[int] = []
    refused: list[str] = []
    errors: list[BaseException] = []

    def desk(index: int) -> None:
        try:
            with scopes_disabled():
                mine = Copy.objects.get(pk=copy.pk)  # each desk read the copy as available
                start.wait()
                try:
                    actions.lend(world.bob, readers[index], mine)
                    won.append(index)
                except ValidationError as error:
                    refused.append(error.code or "")
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(DESKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(won) == 1
    assert sorted(refused) == ["on_loan"] * (DESKS - 1)
    assert Loan.objects.filter(copy=copy).count() == 1
    assert Loan.objects.get(copy=copy).reader_id == readers[won[0]].pk
    assert Copy.objects.get(pk=copy.pk).status == CopyStatus.ON_LOAN
