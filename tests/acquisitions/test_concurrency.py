"""Accession numbers stay sequential with no gaps or repeats when several desks receive at once,
two scanners sending the same copy at once count it once, and a receipt cancelled while one of
its copies is being lent is refused (on PostgreSQL: on SQLite the write lock serialises them anyway).

Real threads with their own database connections, on committed data (a transactional test):
on PostgreSQL the counter row's lock queues them, on SQLite the IMMEDIATE write lock does.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import translation
from django_scopes import scopes_disabled

from kutubxona.acquisitions import actions
from kutubxona.acquisitions.models import Accession, OpeningBalance, Receipt
from kutubxona.catalog.models import Copy, CopyStatus, Record
from kutubxona.circulation import actions as circulation
from tests.acquisitions.conftest import receive
from tests.circulation.conftest import reader
from tests.conftest import World

THREADS, EACH, COPIES = 4, 3, 2


def _together(work: Callable[[int], None]) -> list[BaseException]:
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            start.wait()
            with scopes_disabled():
                work(index)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_receipts_get_every_accession_number_once(world: World, record: Record) -> None:
    def desk(_index: int) -> None:
        for _ in range(EACH):
            receive(world.arnasoy, record, COPIES)

    assert _together(desk) == []
    numbers = sorted(Accession.objects.values_list("number", flat=True))
    assert numbers == list(range(1, THREADS * EACH * COPIES + 1))
    assert sorted(Receipt.objects.values_list("number", flat=True)) == list(range(1, THREADS * EACH + 1))


@pytest.mark.django_db(transaction=True)
def test_two_scanners_sending_the_same_copy_count_it_once(world: World, record: Record) -> None:
    receive(world.arnasoy, record, 1)
    copy = Copy.objects.get()
    stocktake = actions.open_stocktake(None, world.arnasoy, title="X", started_on=datetime.date(2021, 8, 1))
    results: list[bool] = []

    def scanner(_index: int) -> None:
        results.append(actions.scan(None, stocktake, copy.accession_number).repeated)

    assert _together(scanner) == []
    assert sorted(results) == [False, True, True, True]
    assert stocktake.scans.count() == 1 and stocktake.scans.get().repeats == THREADS - 1


@pytest.mark.django_db(transaction=True)
def test_a_receipt_cancelled_while_its_copy_is_being_lent_is_refused_cleanly(
    world: World, record: Record
) -> None:
    """The lend holds the copy when the cancel comes: the cancel waits for it, then sees the copy
    lent and refuses (it used to delete the copy under the loan and fail at commit)."""
    receipt = receive(world.arnasoy, record, 1)
    Copy.objects.update(status=CopyStatus.AVAILABLE, barcode="RACE1")
    aziz = reader(world.arnasoy)
    lent, cancelling = threading.Event(), threading.Event()
    outcome: list[object] = []

    def desk(index: int) -> None:
        if index == 0:
            with transaction.atomic():
                circulation.lend(None, aziz, Copy.objects.get())
                lent.set()
                cancelling.wait(5)
                time.sleep(0.5)  # the cancel is now waiting for the copy
        elif index == 1:
            lent.wait(5)
            cancelling.set()
            try:
                with translation.override("en"):
                    actions.cancel_receipt(None, Receipt.objects.get(pk=receipt.pk), "xato")
                outcome.append("cancelled")
            except ValidationError as error:
                outcome.append(error.messages[0])

    assert _together(desk) == []
    assert len(outcome) == 1 and "lent, lost, withdrawn or rare" in str(outcome[0])
    assert Copy.objects.get().status == CopyStatus.ON_LOAN
    assert Receipt.objects.get(pk=receipt.pk).cancelled_on is None


@pytest.mark.django_db(transaction=True)
def test_two_desks_entering_the_opening_balance_at_once_keep_one_and_say_so(world: World) -> None:
    """The second desk's insert meets the first's row: it is told, not given a 500."""
    outcome: list[str] = []

    def desk(index: int) -> None:
        given = actions.BalanceInput(
            as_of=datetime.date(2020, 12, 31),
            by_type={"book": (100 + index, Decimal(1000))},
            by_language={},
            by_subject={},
        )
        try:
            with translation.override("en"):
                actions.set_opening_balance(None, world.arnasoy, given)
            outcome.append("saved")
        except ValidationError as error:
            outcome.append(error.messages[0])

    assert _together(desk) == []
    assert outcome.count("saved") >= 1 and OpeningBalance.objects.count() == 1
    assert all(o == "saved" or "saved meanwhile" in o for o in outcome)
