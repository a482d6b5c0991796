"""Lend, take back, renew: the rules, and every bad input with its message and nothing written."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kutubxona.catalog.models import Copy, CopyCollection, CopyStatus
from kutubxona.circulation import actions
from kutubxona.circulation.models import BorrowerCategory, Loan, LoanKind
from kutubxona.core.models import AuditEntry
from kutubxona.core.signals import reader_served
from kutubxona.readers import actions as reader_actions
from kutubxona.readers.models import Reader, ReaderCategory
from tests.circulation.conftest import days, reader, shelf
from tests.conftest import World


def _status(copy: Copy) -> str:
    return Copy.objects.get(pk=copy.pk).status


def test_lend_and_take_back_move_the_copy_status(world: World, copies: list[Copy], aziz: Reader) -> None:
    loan = actions.lend(world.bob, aziz, copies[0])
    assert _status(copies[0]) == CopyStatus.ON_LOAN
    assert loan.borrower == BorrowerCategory.INDIVIDUAL
    assert loan.due_on >= timezone.localdate() + days(14)
    returned, hold = actions.take_back(world.bob, copies[0])
    assert returned.pk == loan.pk and hold is None
    assert _status(copies[0]) == CopyStatus.AVAILABLE
    assert Loan.objects.get(pk=loan.pk).returned_at is not None
    assert AuditEntry.objects.filter(action__in=["circulation.lend", "circulation.return"]).count() == 2


def test_the_desk_needs_the_desk_permission(world: World, copies: list[Copy], aziz: Reader) -> None:
    with pytest.raises(PermissionDenied):
        actions.lend(world.alice, aziz, copies[0])  # the director does not lend
    with pytest.raises(PermissionDenied):
        actions.lend(world.charlie, aziz, copies[0])  # another library
    assert _status(copies[0]) == CopyStatus.AVAILABLE


def _refused(code: str, call: object, *args: object, **kwargs: object) -> str:
    loans, audits = Loan.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    assert caught.value.code == code
    assert (Loan.objects.count(), AuditEntry.objects.count()) == (loans, audits)  # nothing half-done
    return " ".join(caught.value.messages)


def test_a_copy_already_on_loan_is_refused(world: World, copies: list[Copy], aziz: Reader) -> None:
    actions.lend(world.bob, aziz, copies[0])
    other = reader(world.arnasoy, "Saidova", first_name="Dilnoza")
    message = _refused("on_loan", actions.lend, world.bob, other, Copy.objects.get(pk=copies[0].pk))
    assert "already on loan" in message


def test_return_of_a_copy_not_on_loan_is_refused(world: World, copies: list[Copy]) -> None:
    message = _refused("not_on_loan", actions.take_back, world.bob, copies[0])
    assert "not on loan" in message
    assert _status(copies[0]) == CopyStatus.AVAILABLE


def test_rare_copy_not_lent_home_but_in_the_reading_room(world: World, aziz: Reader) -> None:
    rare = shelf(world.arnasoy, 1, "Qo'lyozma", prefix="R", collection=CopyCollection.RARE)[0]
    assert "rare" in _refused("rare", actions.lend, world.bob, aziz, rare)
    assert _status(rare) == CopyStatus.AVAILABLE
    loan = actions.lend(world.bob, aziz, rare, kind=LoanKind.READING_ROOM)
    assert loan.due_on == timezone.localdate()


def test_overdue_reader_is_blocked(world: World, copies: list[Copy], aziz: Reader) -> None:
    long_ago = timezone.now() - datetime.timedelta(days=60)
    actions.lend(world.bob, aziz, copies[0], when=long_ago)
    message = _refused("blocked", actions.lend, world.bob, aziz, copies[1])
    assert "overdue" in message
    assert _status(copies[1]) == CopyStatus.AVAILABLE


def test_over_the_limit_is_refused(world: World, aziz: Reader) -> None:
    actions.save_rule(world.bob, world.arnasoy, category=ReaderCategory.TEACHER, max_loans=2, period_days=10)
    books = shelf(world.arnasoy, 3)
    actions.lend(world.bob, aziz, books[0])
    actions.lend(world.bob, aziz, books[1])
    assert "most allowed" in _refused("limit", actions.lend, world.bob, aziz, books[2])


def test_reading_room_only_rule(world: World, aziz: Reader) -> None:
    actions.save_rule(
        world.bob, world.arnasoy, collection=CopyCollection.LOCAL_HISTORY, reading_room_only=True
    )
    local = shelf(world.arnasoy, 1, "Arnasoy tarixi", prefix="L", collection=CopyCollection.LOCAL_HISTORY)[0]
    _refused("reading_room_only", actions.lend, world.bob, aziz, local)


def test_rule_period_by_category(world: World, copies: list[Copy]) -> None:
    actions.save_rule(world.bob, world.arnasoy, category=ReaderCategory.PUPIL, period_days=7)
    actions.set_calendar(world.bob, world.arnasoy, days_off=[])
    pupil = reader(world.arnasoy, "Toshpo'latov", category=ReaderCategory.PUPIL, birth_year=2012)
    loan = actions.lend(world.bob, pupil, copies[0])
    assert loan.due_on == timezone.localdate() + days(7)


def test_copy_not_on_the_shelf_is_refused(world: World, aziz: Reader) -> None:
    copy = shelf(world.arnasoy, 1, prefix="W")[0]
    Copy.objects.filter(pk=copy.pk).update(status=CopyStatus.WITHDRAWN)
    copy.refresh_from_db()
    assert "withdrawn" in _refused("not_available", actions.lend, world.bob, aziz, copy)


def test_organisation_loans_count_as_organisation_and_need_a_contract(
    world: World, copies: list[Copy]
) -> None:
    today = timezone.localdate()
    org = reader_actions.create_organisation(
        world.bob,
        world.arnasoy,
        name="12-maktab",
        contract_number="7",
        contract_from=today - days(10),
        contract_to=today + days(300),
    )
    staff = reader(world.arnasoy, "Olimova", first_name="Gulnora", organisation=org)
    assert actions.lend(world.bob, staff, copies[0]).borrower == BorrowerCategory.ORGANISATION
    expired = reader_actions.create_organisation(
        world.bob,
        world.arnasoy,
        name="Kollej",
        contract_number="8",
        contract_from=today - days(400),
        contract_to=today - days(1),
    )
    late = reader(world.arnasoy, "Rahimov", organisation=expired)
    assert "contract" in _refused("blocked", actions.lend, world.bob, late, copies[1])


def test_renew_moves_the_due_date_until_the_limit(world: World, copies: list[Copy], aziz: Reader) -> None:
    actions.save_rule(world.bob, world.arnasoy, period_days=10, max_renewals=1)
    loan = actions.lend(world.bob, aziz, copies[0])
    later = timezone.localdate() + days(5)
    renewed = actions.renew(world.bob, loan, today=later)
    assert renewed.due_on >= later + days(10)
    assert "most allowed" in _refused("renewals", actions.renew, world.bob, Loan.objects.get(pk=loan.pk))


def test_desk_actions_send_reader_served(world: World, copies: list[Copy]) -> None:
    foreigner = reader(world.arnasoy, "Smith", first_name="John", foreign=True)
    got: list[dict[str, object]] = []

    def receiver(sender: object, **kwargs: object) -> None:
        got.append(kwargs)

    reader_served.connect(receiver)
    try:
        loan = actions.lend(world.bob, foreigner, copies[0])
        actions.renew(world.bob, loan)
        actions.take_back(world.bob, copies[0])
        with pytest.raises(ValidationError):
            actions.take_back(world.bob, copies[0])
    finally:
        reader_served.disconnect(receiver)
    assert len(got) == 3
    assert all(g["reader_id"] == foreigner.pk and g["foreign"] is True for g in got)
    assert got[0]["institution"] == world.arnasoy


def test_lost_and_replaced(world: World, copies: list[Copy], aziz: Reader) -> None:
    loan = actions.lend(world.bob, aziz, copies[0])
    actions.declare_lost(world.bob, loan)
    assert _status(copies[0]) == CopyStatus.LOST
    assert not Loan.objects.get(pk=loan.pk).is_open
    assert actions.blocks(aziz) == []
    actions.replace_lost(world.bob, Loan.objects.get(pk=loan.pk))
    assert _status(copies[0]) == CopyStatus.AVAILABLE
    _refused("not_lost", actions.replace_lost, world.bob, Loan.objects.get(pk=loan.pk))
