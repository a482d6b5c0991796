"""Desk visits from the desk's `reader_served` signal: once per reader, sector and day, also
when the signal comes twice, from two threads at once, or in a rolled-back transaction."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, transaction
from django_scopes import scopes_disabled

from kutubxona.attendance.models import Visit
from tests.attendance.conftest import DAY, at, reader, sector, serve
from tests.conftest import World


def test_a_reader_counts_once_per_sector_and_day(world: World) -> None:
    serve(world.arnasoy, 7, at(DAY, 10))
    serve(world.arnasoy, 7, at(DAY, 10))  # the same signal twice
    serve(world.arnasoy, 7, at(DAY, 16))  # back in the afternoon: the same day
    assert Visit.objects.count() == 1
    serve(world.arnasoy, 7, at(DAY, 11), code="reading-rooms")  # another sector
    serve(world.arnasoy, 7, at(DAY + datetime.timedelta(days=1)))  # the next day
    serve(world.arnasoy, 8, at(DAY))  # another reader
    serve(world.dostlik, 7, at(DAY))  # reader 7 of another library
    rows = sorted(Visit.objects.values_list("institution__code", "sector__code", "reader__card", "day"))
    assert rows == [
        ("arnasoy", "lending", "T7", DAY),
        ("arnasoy", "lending", "T7", DAY + datetime.timedelta(days=1)),
        ("arnasoy", "lending", "T8", DAY),
        ("arnasoy", "reading-rooms", "T7", DAY),
        ("dostlik", "lending", "T7", DAY),
    ]


def test_the_day_is_the_local_day_and_no_sector_means_the_desk(world: World) -> None:
    # 23:30 in Tashkent is 18:30 UTC: still that day; served with no sector named: the lending desk.
    serve(world.arnasoy, 3, at(DAY, 23, 30), code=None, foreign=True)
    visit = Visit.objects.get()
    assert (visit.day, visit.sector, visit.foreign) == (DAY, sector(world.arnasoy, "lending"), True)


def test_a_rolled_back_desk_action_leaves_no_visit(world: World) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        serve(world.arnasoy, 7, at(DAY))
        raise RuntimeError("the loan failed")
    assert not Visit.objects.exists()


def test_a_sector_of_another_library_is_refused(world: World) -> None:
    with pytest.raises(ValueError):
        from kutubxona.core.signals import reader_served

        reader_served.send(
            sender=None,
            institution=world.arnasoy,
            sector=sector(world.dostlik, "lending"),
            reader_id=reader(world.arnasoy, 1).pk,
            when=at(DAY),
            foreign=False,
        )


THREADS = 6


@pytest.mark.django_db(transaction=True)
def test_two_desks_serving_the_same_reader_at_once_store_one_visit(world: World) -> None:
    for number in (42, 43, 44):
        reader(world.arnasoy, number)  # registered before the desks start
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def desk(index: int) -> None:
        try:
            start.wait()
            with scopes_disabled(), transaction.atomic():
                serve(world.arnasoy, 42, at(DAY, 10, index))
                serve(world.arnasoy, 43 + index % 2, at(DAY, 10, index))
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    cards = Visit.objects.order_by("reader__card").values_list("reader__card", flat=True)
    assert list(cards) == ["T42", "T43", "T44"]
