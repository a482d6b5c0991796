"""Merging two readers moves the duplicate's desk visits to the kept reader, one visit per
reader, sector and day (a visit both made the same day at the same sector is dropped), and an
interlibrary request of the duplicate follows too."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from kutubxona.attendance import receivers
from kutubxona.attendance.models import Visit
from kutubxona.core.models import AuditEntry
from kutubxona.interlibrary import actions as ill
from kutubxona.interlibrary.models import Direction
from kutubxona.readers import actions
from tests.attendance.conftest import DAY, at, serve
from tests.circulation.conftest import reader
from tests.conftest import World


def test_merge_moves_visits_keeping_one_per_sector_and_day(world: World) -> None:
    keep, twin = reader(world.arnasoy, "Qo'chqorov"), reader(world.arnasoy, "Қўчқоров")
    later = DAY + datetime.timedelta(days=1)
    serve(world.arnasoy, keep, at(DAY))
    serve(world.arnasoy, twin, at(DAY, 15))  # the same day and sector: one visit after the merge
    serve(world.arnasoy, twin, at(later))
    serve(world.arnasoy, twin, at(DAY), code="reading-rooms")
    bystander = reader(world.arnasoy, "Boshqa")
    serve(world.arnasoy, bystander, at(DAY))
    request = ill.create_request(
        world.bob,
        world.arnasoy,
        direction=Direction.BORROW,
        partner=world.dostlik,
        item="Navoiy A. Xamsa",
        reader=twin,
        reader_name="Қўчқоров",
        requested_on=DAY,
    )
    assert Visit.objects.count() == 5

    actions.merge_readers(world.bob, keep, twin)

    mine = sorted((v.sector.code, v.day) for v in Visit.objects.filter(reader_id=keep.pk))
    assert mine == [("lending", DAY), ("lending", later), ("reading-rooms", DAY)]
    assert not Visit.objects.filter(reader_id=twin.pk).exists()
    assert Visit.objects.filter(reader_id=bystander.pk).count() == 1
    request.refresh_from_db()
    assert request.reader_id == keep.pk
    moved = AuditEntry.objects.get(action="readers.reader.merge").changes["moved"]
    assert (moved["visits"], moved["visits_dropped"], moved["interlibrary_requests"]) == (2, 1, 1)


def test_a_foreign_visit_of_the_duplicate_keeps_the_merged_visit_foreign(world: World) -> None:
    """Both served at the same sector the same day, only the duplicate as a foreign citizen: the
    one visit left is foreign (line 40 does not lose it)."""
    keep, twin = reader(world.arnasoy, "Smith"), reader(world.arnasoy, "Smit")
    serve(world.arnasoy, keep, at(DAY))
    serve(world.arnasoy, twin, at(DAY, 15), foreign=True)
    assert Visit.objects.filter(foreign=True).count() == 1

    actions.merge_readers(world.bob, keep, twin)

    assert [(v.reader_id, v.foreign) for v in Visit.objects.all()] == [(keep.pk, True)]


def test_a_visit_stored_meanwhile_does_not_break_the_merge(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desk serves the kept reader (same sector, same day as a duplicate's visit) while the
    merge runs: one visit, no unique-constraint error."""
    keep, twin = reader(world.arnasoy, "Karimov"), reader(world.arnasoy, "Каримов")
    serve(world.arnasoy, twin, at(DAY), foreign=True)
    serve(world.arnasoy, twin, at(DAY + datetime.timedelta(days=1)))
    original = receivers._visits_of

    def meanwhile(visits: Any, reader_id: int) -> list[Visit]:
        found = original(visits, reader_id)
        serve(world.arnasoy, keep, at(DAY, 16))  # the desk, a moment after the merge looked
        return found

    monkeypatch.setattr(receivers, "_visits_of", meanwhile)
    actions.merge_readers(world.bob, keep, twin)

    mine = sorted((v.day, v.foreign) for v in Visit.objects.filter(reader_id=keep.pk))
    assert mine == [(DAY, True), (DAY + datetime.timedelta(days=1), False)]
    assert not Visit.objects.filter(reader_id=twin.pk).exists()
