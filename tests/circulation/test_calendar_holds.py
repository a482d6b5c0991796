"""Due dates skip closed days; holds queue, the returned copy is put aside with a notice."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from kutubxona.catalog.models import Copy
from kutubxona.circulation import actions
from kutubxona.circulation.models import Calendar, Hold, HoldStatus, Holiday, LoanRule, Notice, NoticeKind
from kutubxona.circulation.rules import due_date
from kutubxona.core import jobs
from kutubxona.core.models import AuditEntry
from kutubxona.readers.models import Reader
from tests.circulation.conftest import days, reader
from tests.conftest import World, login

MONDAY = datetime.date(2026, 3, 2)


def test_due_date_skips_days_off_and_holidays(world: World) -> None:
    actions.set_calendar(world.bob, world.arnasoy, days_off=[5, 6])  # Saturday and Sunday
    # 12 days after Monday 2 March is Saturday 14 March → Monday 16 March
    assert due_date(world.arnasoy.pk, MONDAY, 12) == datetime.date(2026, 3, 16)
    actions.add_holiday(world.bob, world.arnasoy, datetime.date(2026, 3, 16), "Sanitary day")
    assert due_date(world.arnasoy.pk, MONDAY, 12) == datetime.date(2026, 3, 17)
    # Navro'z (21 March) is a Saturday; another library's calendar is its own
    assert due_date(world.dostlik.pk, MONDAY, 12) == datetime.date(2026, 3, 14)
    with pytest.raises(ValidationError):
        actions.add_holiday(world.bob, world.arnasoy, datetime.date(2026, 3, 16))
    with pytest.raises(ValidationError):
        actions.set_calendar(world.bob, world.arnasoy, days_off=list(range(7)))


def test_holds_queue_and_the_returned_copy_waits_for_the_first(
    world: World, copies: list[Copy], aziz: Reader, django_capture_on_commit_callbacks: Any
) -> None:
    for copy in copies:
        actions.lend(world.bob, aziz, copy) if copy is copies[0] else actions.declare_lost(
            world.bob, actions.lend(world.bob, aziz, copy)
        )
    first = reader(world.arnasoy, "Birinchi", email="birinchi@example.uz")
    second = reader(world.arnasoy, "Ikkinchi", phone="+998 90 123 45 67")
    record = copies[0].record
    h1 = actions.place_hold(None, first, record)
    h2 = actions.place_hold(None, second, record)
    assert actions.queue_position(h1) == 1 and actions.queue_position(h2) == 2
    with pytest.raises(ValidationError):
        actions.place_hold(None, first, record)  # once in the queue
    with pytest.raises(ValidationError):
        actions.renew(world.bob, copies[0].loans.get(returned_at__isnull=True))  # someone waits

    with django_capture_on_commit_callbacks(execute=True):
        _loan, hold = actions.take_back(world.bob, Copy.objects.get(pk=copies[0].pk))
    jobs.run_pending()  # the job runner sends the notice
    assert hold is not None and hold.pk == h1.pk
    assert Hold.objects.get(pk=h1.pk).status == HoldStatus.READY
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["birinchi@example.uz"]
    assert Notice.objects.get(reader=first).kind == NoticeKind.HOLD_READY

    # The held copy is not lent to another reader; the hold's reader gets it.
    with pytest.raises(ValidationError) as caught:
        actions.lend(world.bob, second, Copy.objects.get(pk=copies[0].pk))
    assert caught.value.code == "held"
    actions.lend(world.bob, first, Copy.objects.get(pk=copies[0].pk))
    assert Hold.objects.get(pk=h1.pk).status == HoldStatus.FULFILLED

    # Cancelling a ready hold passes the copy to the next in the queue (an SMS, logged).
    actions.take_back(world.bob, Copy.objects.get(pk=copies[0].pk))
    assert Hold.objects.get(pk=h2.pk).status == HoldStatus.READY
    assert Notice.objects.get(reader=second).channel == "sms"


def test_hold_on_a_copy_on_the_shelf_is_ready_at_once(world: World, copies: list[Copy], aziz: Reader) -> None:
    hold = actions.place_hold(None, aziz, copies[0].record)
    assert hold.status == HoldStatus.READY and hold.copy is not None
    actions.cancel_hold(None, hold)
    assert Hold.objects.get(pk=hold.pk).status == HoldStatus.CANCELLED


def test_overdue_notices_by_the_sender_that_reaches(
    world: World, copies: list[Copy], django_capture_on_commit_callbacks: Any
) -> None:
    old = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=40)
    with_mail = reader(world.arnasoy, "Pochta", email="p@example.uz")
    nobody = reader(world.arnasoy, "Yetib", first_name="Bo'lmas")
    actions.lend(world.bob, with_mail, copies[0], when=old)
    actions.lend(world.bob, nobody, copies[1], when=old)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_overdue_notices(world.bob, world.arnasoy) == actions.OverdueNotices(1, 0)
    jobs.run_pending()
    assert "O'tkan kunlar" in mail.outbox[0].body
    # A second press the same day (a double click, a colleague) sends nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_overdue_notices(world.bob, world.arnasoy) == actions.OverdueNotices(0, 1)
    jobs.run_pending()
    assert len(mail.outbox) == 1


def test_the_overdue_page_says_notices_are_queued_and_who_had_one_today(
    client: Client, world: World, copies: list[Copy]
) -> None:
    old = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=40)
    actions.lend(world.bob, reader(world.arnasoy, "Pochta", email="p@example.uz"), copies[0], when=old)
    login(client, world.bob)
    first = client.post(reverse("circulation:overdue_send"), follow=True).content.decode()
    assert "Notices queued for sending: 1." in first and "already sent" not in first
    again = client.post(reverse("circulation:overdue_send"), follow=True).content.decode()
    assert "Notices queued for sending: 0." in again
    assert "1 reader was already sent an overdue notice today; not sent again." in again


def test_settings_page_saves_rules_calendar_and_closed_days(client: Client, world: World) -> None:
    login(client, world.bob)
    assert client.get("/desk/settings/").status_code == 200
    rule_form = {
        "rule-category": "pupil",
        "rule-collection": "",
        "rule-period_days": "7",
        "rule-max_loans": "3",
    }
    client.post("/desk/settings/", {"form": "rule", **rule_form, "rule-max_renewals": "1"})
    rule = LoanRule.objects.get(institution=world.arnasoy)
    assert (rule.category, rule.period_days, rule.max_loans, rule.reading_room_only) == ("pupil", 7, 3, False)
    client.post(
        "/desk/settings/", {"form": "calendar", "calendar-days_off": ["0", "6"], "calendar-hold_days": "3"}
    )
    assert Calendar.objects.get(institution=world.arnasoy).weekdays() == {0, 6}
    bad = client.post("/desk/settings/", {"form": "holiday", "holiday-date": "not a date"})
    assert bad.status_code == 400
    client.post(
        "/desk/settings/", {"form": "holiday", "holiday-date": "2026-03-21", "holiday-name": "Navro'z"}
    )
    holiday = Holiday.objects.get(institution=world.arnasoy)
    client.post(f"/desk/settings/closed/{holiday.pk}/remove/")
    assert not Holiday.objects.exists()
    login(client, world.charlie)
    assert client.get("/desk/settings/").status_code == 403


def test_merging_two_readers_who_wait_for_the_same_book(world: World, copies: list[Copy]) -> None:
    from kutubxona.readers import actions as reader_actions

    first, twin = reader(world.arnasoy, "Ergashev"), reader(world.arnasoy, "Ergashev ikki")
    record = copies[0].record
    actions.lend(world.bob, reader(world.arnasoy, "Band"), copies[0])
    actions.lend(world.bob, reader(world.arnasoy, "Band2"), copies[1])
    kept_hold, twin_hold = actions.place_hold(None, first, record), actions.place_hold(None, twin, record)
    reader_actions.merge_readers(world.bob, first, twin)  # no IntegrityError: one hold stays
    assert Hold.objects.get(pk=kept_hold.pk).status in (HoldStatus.WAITING, HoldStatus.READY)
    assert Hold.objects.get(pk=twin_hold.pk).status == HoldStatus.CANCELLED


def test_an_overdue_copy_is_renewed_at_the_desk_not_online(world: World, copies: list[Copy]) -> None:
    someone = reader(world.arnasoy, "Kechikkan")
    loan = actions.lend(world.bob, someone, copies[0])
    late = loan.due_on + days(3)
    with pytest.raises(ValidationError, match="overdue"):
        actions.renew(world.bob, loan, at_desk=False, today=late)
    assert actions.renew(world.bob, loan, at_desk=True, today=late).due_on > late


def test_notices_leave_after_the_commit_and_not_after_a_rollback(
    world: World,
    copies: list[Copy],
    aziz: Reader,
    django_capture_on_commit_callbacks: Any,
) -> None:
    actions.lend(world.bob, aziz, copies[0])
    actions.lend(world.bob, reader(world.arnasoy, "Band"), copies[1])
    for copy in copies[2:]:
        actions.declare_lost(world.bob, actions.lend(world.bob, reader(world.arnasoy, "Yo'qotgan"), copy))
    waiting = reader(world.arnasoy, "Kutuvchi", email="kutuvchi@example.uz")
    actions.place_hold(None, waiting, copies[0].record)

    # The desk's transaction rolls back after the copy was put aside: no message, no row.
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        actions.take_back(world.bob, Copy.objects.get(pk=copies[0].pk))
        assert mail.outbox == []  # not while the transaction is open
        raise RuntimeError("the desk failed after the return")
    assert mail.outbox == [] and not Notice.objects.filter(reader=waiting).exists()
    assert jobs.run_pending() == 0  # no job either

    # Committed: the message leaves once, with its row, when the job runner sends it.
    with django_capture_on_commit_callbacks(execute=True):
        actions.take_back(world.bob, Copy.objects.get(pk=copies[1].pk))
    assert mail.outbox == []
    assert jobs.run_pending() == 1
    assert [m.to for m in mail.outbox] == [["kutuvchi@example.uz"]]
    assert Notice.objects.filter(reader=waiting).count() == 1


def test_a_bad_loan_rule_is_refused_before_anything_is_saved(client: Client, world: World) -> None:
    actions.save_rule(world.bob, world.arnasoy, category="pupil", period_days=7, max_loans=3)
    with pytest.raises(ValidationError) as caught:
        actions.save_rule(world.bob, world.arnasoy, category="pupil", period_days=-1, max_loans=3)
    assert "period_days" in caught.value.message_dict
    login(client, world.bob)
    typed = {"rule-category": "pupil", "rule-collection": "", "rule-max_loans": "4", "rule-max_renewals": "1"}
    page = client.post("/desk/settings/", {"form": "rule", **typed, "rule-period_days": "0"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "A loan lasts at least one day." in text
    assert 'name="rule-period_days" value="0"' in text and 'name="rule-max_loans" value="4"' in text
    rule = LoanRule.objects.get(institution=world.arnasoy)
    assert (rule.period_days, rule.max_loans) == (7, 3)  # nothing saved
    assert AuditEntry.objects.filter(action="circulation.rule.save").count() == 1
