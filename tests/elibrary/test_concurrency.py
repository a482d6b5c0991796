"""Scans that arrive at the same moment are all counted: real threads with their own database
connections, on committed data (a transactional test)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django_scopes import scopes_disabled

from kutubxona.elibrary import actions
from kutubxona.elibrary.models import QrBoard, ScanDay, ShortLink
from tests.conftest import World
from tests.elibrary.conftest import make_book

THREADS, EACH = 6, 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_scans_are_counted_exactly(world: World, board: QrBoard) -> None:
    link = actions.add_board_item(None, board, make_book(world.arnasoy, "Ochiq kitob")).link
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def phone() -> None:
        try:
            client = Client()
            start.wait()
            with scopes_disabled():
                for _ in range(EACH):
                    assert client.get(f"/q/{link.code}").status_code == 302
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=phone) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ShortLink.objects.get(pk=link.pk).scans == THREADS * EACH
    assert list(ScanDay.objects.values_list("scans", flat=True)) == [THREADS * EACH]
