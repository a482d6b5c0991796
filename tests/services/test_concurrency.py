"""Receipt numbers stay sequential, with no gaps or repeats, when several cashiers issue at once.

Real threads with their own database connections, on committed data (a transactional test):
on PostgreSQL the counter row's lock queues them, on SQLite the IMMEDIATE write lock does.
"""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from kutubxona.services import actions
from kutubxona.services.models import PaymentMethod, Receipt
from tests.conftest import World
from tests.services.conftest import D, PriceList

THREADS, EACH = 6, 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_receipts_get_every_number_once(world: World, prices: PriceList) -> None:
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def cashier(index: int) -> None:
        try:
            start.wait()
            with scopes_disabled():
                for _ in range(EACH):
                    actions.issue_receipt(
                        world.bob,
                        world.arnasoy,
                        service=prices.copy,
                        quantity=Decimal(index + 1),
                        payer=f"Kassir {index}",
                        method=PaymentMethod.CASH,
                        issued_on=D(2026, 4, 1),
                    )
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=cashier, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Receipt.objects.filter(year=2026).values_list("number", flat=True))
    assert numbers == list(range(1, THREADS * EACH + 1))
