"""Stock-taking: scans found, misplaced, unknown, withdrawn, twice; closing marks the missing lost."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from kutubxona.acquisitions import actions
from kutubxona.acquisitions.models import ScanOutcome, Stocktake
from kutubxona.catalog.models import Copy, CopyStatus, Record
from kutubxona.institutions.models import Sector
from tests.acquisitions.conftest import receive
from tests.conftest import World

DAY = datetime.date(2021, 8, 2)


@pytest.fixture
def lending(world: World) -> Sector:
    return Sector.objects.get(institution=world.arnasoy, code="lending")


@pytest.fixture
def shelf(world: World, record: Record, lending: Sector) -> list[Copy]:
    """Six copies in the lending sector, received and on the shelf."""
    receipt = receive(world.arnasoy, record, 6)
    copies = list(Copy.objects.filter(accession__line__receipt=receipt).order_by("accession__number"))
    Copy.objects.filter(pk__in=[c.pk for c in copies]).update(sector=lending, status=CopyStatus.AVAILABLE)
    return copies


@pytest.fixture
def stocktake(world: World, lending: Sector) -> Stocktake:
    return actions.open_stocktake(
        None, world.arnasoy, title="Abonement xatlovi", started_on=DAY, sector=lending
    )


def test_two_copies_not_scanned_end_exactly_missing_and_lost(
    world: World, shelf: list[Copy], stocktake: Stocktake
) -> None:
    for copy in shelf[2:]:
        assert actions.scan(world.admin, stocktake, copy.accession_number).scan.outcome == ScanOutcome.FOUND
    assert actions.progress(stocktake).accounted == 4 and actions.progress(stocktake).expected == 6
    closed = actions.close_stocktake(None, stocktake, DAY + datetime.timedelta(days=3))
    assert sorted(closed.summary["missing"]) == sorted(c.pk for c in shelf[:2])
    statuses = dict(Copy.objects.filter(pk__in=[c.pk for c in shelf]).values_list("pk", "status"))
    assert [statuses[c.pk] for c in shelf] == ["lost", "lost", *["available"] * 4]


def test_a_code_scanned_twice_counts_once_and_says_so(
    world: World, shelf: list[Copy], stocktake: Stocktake
) -> None:
    first = actions.scan(None, stocktake, shelf[0].accession_number)
    again = actions.scan(None, stocktake, shelf[0].accession_number)
    assert not first.repeated and again.repeated
    assert "already scanned" in again.message and "counted once" in again.message
    assert actions.progress(stocktake).found == 1
    assert stocktake.scans.get().repeats == 1


def test_unknown_withdrawn_misplaced_and_on_loan(
    world: World, record: Record, shelf: list[Copy], stocktake: Stocktake
) -> None:
    reading = Sector.objects.get(institution=world.arnasoy, code="reading-rooms")
    Copy.objects.filter(pk=shelf[0].pk).update(sector=reading)
    actions.withdraw(None, world.arnasoy, date=DAY, reason="worn", copies=[shelf[1]])
    Copy.objects.filter(pk=shelf[2].pk).update(status=CopyStatus.ON_LOAN)  # the desk lent it
    unknown = actions.scan(None, stocktake, "99999999")
    assert unknown.scan.outcome == ScanOutcome.UNKNOWN and "not a copy of this library" in unknown.message
    withdrawn = actions.scan(None, stocktake, shelf[1].accession_number)
    assert withdrawn.scan.outcome == ScanOutcome.WITHDRAWN and "withdrawn" in withdrawn.message
    assert actions.scan(None, stocktake, shelf[0].accession_number).scan.outcome == ScanOutcome.MISPLACED
    closed = actions.close_stocktake(None, stocktake, DAY)
    assert closed.summary["on_loan"] == [shelf[2].pk]  # accounted for by its loan, not missing
    assert sorted(closed.summary["missing"]) == sorted(c.pk for c in shelf[3:])
    assert Copy.objects.get(pk=shelf[2].pk).status == CopyStatus.ON_LOAN


def test_closing_twice_is_refused_and_changes_nothing(
    world: World, shelf: list[Copy], stocktake: Stocktake
) -> None:
    actions.close_stocktake(None, stocktake, DAY)
    Copy.objects.filter(pk=shelf[0].pk).update(status=CopyStatus.AVAILABLE)
    with pytest.raises(ValidationError, match="already closed"):
        actions.close_stocktake(None, stocktake, DAY)
    assert Copy.objects.get(pk=shelf[0].pk).status == CopyStatus.AVAILABLE
    with pytest.raises(ValidationError, match="closed"):
        actions.scan(None, stocktake, shelf[0].accession_number)
