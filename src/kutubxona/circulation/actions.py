"""Every change at the lending desk: lend, take back, renew, holds, lost copies, rules, calendar.

Each checks `circulation.desk` (`actor=None` is the system or a reader acting in the catalogue
on their own loans, checked by the view), runs in one transaction and writes the audit entry.
A refusal is a `ValidationError` whose message tells the desk why, raised before anything is
written, so nothing is half-done. `Copy.status` goes ON_LOAN on a loan and back to AVAILABLE
on its return by a conditional UPDATE: of two desks lending one copy at the same moment only
one changes the row; the other is told the copy is on loan. A partial unique index (one open
loan per copy) guards the same in the database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kutubxona.catalog.models import Copy, CopyCollection, CopyStatus, Record
from kutubxona.circulation import notify, rawrows
from kutubxona.circulation.models import (
    ACTIVE_HOLD,
    OPEN,
    BorrowerCategory,
    Calendar,
    Hold,
    HoldStatus,
    Holiday,
    Loan,
    LoanKind,
    LoanRule,
    Notice,
    NoticeKind,
    NoticeStatus,
)
from kutubxona.circulation.rulecache import library_rules
from kutubxona.circulation.rules import ClosedDays, due_date, hold_days, rule_for, rules_for
from kutubxona.core import audit
from kutubxona.core.signals import reader_served
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm
from kutubxona.readers.models import Reader, ReaderCategory


def _require(actor: User | None, institution: Institution) -> None:
    if actor is not None:
        require(actor, Perm.CIRCULATION_DESK, institution)


def _day(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _served(reader: Reader, copy: Copy | None, when: datetime.datetime) -> None:
    institution = reader.institution
    sector = None
    if copy is not None:  # a copy without a sector counts at the library's desk sector
        sector = copy.sector if copy.sector_id is not None else library_rules(institution.pk).desk_sector
    reader_served.send(
        sender=Loan,
        institution=institution,
        sector=sector,
        reader_id=reader.pk,
        when=when,
        foreign=reader.foreign,
    )


def _touch(reader: Reader, today: datetime.date) -> None:
    """The reader's last activity (anonymisation counts inactivity from it)."""
    if reader.last_active_on < today:
        Reader.objects.filter(pk=reader.pk).update(last_active_on=today)
        reader.last_active_on = today


def borrower_category(reader: Reader) -> str:
    if reader.organisation_id is not None:
        return BorrowerCategory.ORGANISATION
    if reader.category == ReaderCategory.AKM_SPECIALIST:
        return BorrowerCategory.AKM_SPECIALIST
    return BorrowerCategory.INDIVIDUAL


def open_loans(reader: Reader) -> Any:
    return Loan.objects.filter(OPEN, reader=reader)


def _execute(sql: str, params: list[Any]) -> int:
    """A write every lend or return makes, as plain SQL (see `_open_counts`): the rows changed."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def _move_copy(copy: Copy, old: str, new: str, when: datetime.datetime) -> int:
    """The copy's status from `old` to `new`, only if it is `old` (the desk's race guard)."""
    return _execute(
        "UPDATE catalog_copy SET status = %s, updated_at = %s"
        " WHERE id = %s AND institution_id = %s AND status = %s",
        [new, connection.ops.adapt_datetimefield_value(when), copy.pk, copy.institution_id, old],
    )


def _open_counts(reader: Reader, today: datetime.date) -> dict[str, int]:
    """The reader's open loans and how many are overdue, by one plain SQL statement (every
    lend asks it; the ORM took ten times longer to build the query than to run it)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*), COUNT(CASE WHEN due_on < %s THEN 1 END) FROM circulation_loan"
            " WHERE reader_id = %s AND institution_id = %s AND returned_at IS NULL AND lost_on IS NULL",
            [today, reader.pk, reader.institution_id],
        )
        n, overdue = cursor.fetchone()
    return {"n": n, "overdue": overdue}


def blocks(reader: Reader, today: datetime.date | None = None, *, overdue: int | None = None) -> list[str]:
    """Why the reader may not borrow now (empty: may borrow); `overdue` if already counted."""
    today = today or timezone.localdate()
    found = []
    if reader.anonymised_on:
        found.append(_("The reader's data was anonymised; register the person anew."))
    if overdue is None:
        overdue = open_loans(reader).filter(due_on__lt=today).count()
    if overdue:
        found.append(_("%(n)s overdue copies: take them back before lending more.") % {"n": overdue})
    if reader.organisation is not None and not reader.organisation.contract_valid(today):
        found.append(
            _("The contract of %(org)s is not valid today (%(start)s to %(end)s).")
            % {
                "org": reader.organisation,
                "start": _day(reader.organisation.contract_from),
                "end": _day(reader.organisation.contract_to),
            }
        )
    return found


def _check_copy_lendable(copy: Copy) -> None:
    if copy.status == CopyStatus.ON_LOAN:
        loan = Loan.objects.filter(OPEN, copy=copy).select_related("reader").first()
        raise refuse(
            _("Copy %(copy)s is already on loan (due %(due)s). Take it back first.")
            % {"copy": copy.barcode or copy.accession_number, "due": _day(loan.due_on) if loan else "?"},
            "on_loan",
        )
    if copy.status != CopyStatus.AVAILABLE:
        raise refuse(
            _("Copy %(copy)s cannot be lent: it is %(status)s.")
            % {"copy": copy.barcode or copy.accession_number, "status": copy.get_status_display()},
            "not_available",
        )


def _ready_hold(copy: Copy) -> tuple[int, int, datetime.date | None] | None:
    """(id, reader id, until) of the hold the copy is put aside for: plain SQL inside the
    lend's transaction (every lend asks; see `_open_counts`)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, reader_id, ready_until FROM circulation_hold"
            " WHERE copy_id = %s AND institution_id = %s AND status = %s ORDER BY placed_at, id LIMIT 1",
            [copy.pk, copy.institution_id, HoldStatus.READY.value],
        )
        row = cursor.fetchone()
    return (row[0], row[1], row[2]) if row else None


class _HoldExpired(Exception):
    """The copy's ready hold for another reader is past its day: expire it, then lend again."""


def _check_not_held(
    copy: Copy,
    held: tuple[int, int, datetime.date | None] | None,
    reader: Reader,
    today: datetime.date,
    *,
    may_expire: bool = True,
) -> None:
    if held is not None and held[1] != reader.pk:
        if may_expire and held[2] is not None and held[2] < today:
            raise _HoldExpired
        raise refuse(
            _("Copy %(copy)s is held for another reader until %(until)s.")
            % {"copy": copy.barcode or copy.accession_number, "until": _day(held[2] or today)},
            "held",
        )


def lend(
    actor: User | None,
    reader: Reader,
    copy: Copy,
    *,
    kind: str = LoanKind.HOME,
    when: datetime.datetime | None = None,
) -> Loan:
    """Lend `copy` to `reader`: the rules, blocks and holds are checked before anything is written.

    A copy put aside for another reader whose time ran out is freed first (`expire_holds`, its
    own transaction, as the refusal that may follow rolls the lend back) and the lend tried again.
    """
    when = when or timezone.now()
    try:
        return _lend(actor, reader, copy, kind=kind, when=when, may_expire=True)
    except _HoldExpired:
        expire_holds(institution_id=copy.institution_id, copy_id=copy.pk, today=timezone.localdate(when))
        return _lend(actor, reader, copy, kind=kind, when=when, may_expire=False)


@transaction.atomic
def _lend(
    actor: User | None, reader: Reader, copy: Copy, *, kind: str, when: datetime.datetime, may_expire: bool
) -> Loan:
    _require(actor, reader.institution)
    today = timezone.localdate(when)
    if copy.institution_id != reader.institution_id:
        raise refuse(_("The copy belongs to another library."), "other_library")
    counts = _open_counts(reader, today)
    problems = blocks(reader, today, overdue=counts["overdue"])
    if problems:
        raise refuse(
            _("%(reader)s may not borrow: %(why)s") % {"reader": reader, "why": " ".join(problems)}, "blocked"
        )
    _check_copy_lendable(copy)
    rule, limit = rules_for(reader, copy)
    if kind == LoanKind.HOME and copy.collection == CopyCollection.RARE:
        raise refuse(
            _("A copy of the rare collection is not lent home; lend it for the reading room."), "rare"
        )
    if kind == LoanKind.HOME and rule.reading_room_only:
        raise refuse(_("This copy is lent for the reading room only."), "reading_room_only")
    held = _ready_hold(copy)
    _check_not_held(copy, held, reader, today, may_expire=may_expire)
    if counts["n"] >= limit:
        raise refuse(
            _("%(reader)s already has %(n)s copies, the most allowed at once.")
            % {"reader": reader, "n": limit},
            "limit",
        )
    # The conditional update is the lock: a second desk lending the same copy changes no row.
    if not _move_copy(copy, CopyStatus.AVAILABLE, CopyStatus.ON_LOAN, when):
        copy.refresh_from_db(fields=["status"])
        _check_copy_lendable(copy)
        raise refuse(_("The copy changed meanwhile; scan it again."), "changed")
    copy.status = CopyStatus.ON_LOAN
    period = rule.period_days if kind == LoanKind.HOME else 0
    try:  # the unique index's guard; the error rolls back the whole lend (no savepoint needed)
        loan = Loan.objects.create(
            institution_id=reader.institution_id,
            copy=copy,
            reader=reader,
            borrower=borrower_category(reader),
            organisation_id=reader.organisation_id,
            sector_id=copy.sector_id,
            kind=kind,
            lent_at=when,
            lent_on=today,
            due_on=due_date(reader.institution_id, today, period) if period else today,
        )
    except IntegrityError as error:
        raise refuse(_("Copy %(copy)s is already on loan.") % {"copy": copy}, "on_loan") from error
    if held is not None:
        Hold.objects.filter(pk=held[0]).update(status=HoldStatus.FULFILLED)
    _touch(reader, today)
    audit.record(
        actor,
        "circulation.lend",
        loan,
        institution=reader.institution,
        changes={"copy": copy.pk, "reader": reader.pk, "due": loan.due_on.isoformat(), "kind": kind},
    )
    _served(reader, copy, when)
    return loan


@transaction.atomic
def take_back(
    actor: User | None, copy: Copy, *, when: datetime.datetime | None = None
) -> tuple[Loan, Hold | None]:
    """Take a copy back (any desk order, no card needed); the first waiting hold on its record
    gets it: the copy is put aside and the reader told."""
    _require(actor, copy.institution)
    when = when or timezone.now()
    loan = _open_loan(copy)
    if loan is None:
        raise refuse(
            _("Copy %(copy)s is not on loan; nothing to take back.")
            % {"copy": copy.barcode or copy.accession_number},
            "not_on_loan",
        )
    if not _execute(
        "UPDATE circulation_loan SET returned_at = %s"
        " WHERE id = %s AND institution_id = %s AND returned_at IS NULL AND lost_on IS NULL",
        [connection.ops.adapt_datetimefield_value(when), loan.pk, copy.institution_id],
    ):
        raise refuse(_("The copy was taken back meanwhile."), "changed")
    loan.returned_at = when
    loan.copy = copy
    loan.reader.institution = copy.institution
    _move_copy(copy, CopyStatus.ON_LOAN, CopyStatus.AVAILABLE, when)
    copy.status = CopyStatus.AVAILABLE
    reader = loan.reader
    today = timezone.localdate(when)
    _touch(reader, today)
    hold = _hold_for_returned(copy, today)
    audit.record(
        actor,
        "circulation.return",
        loan,
        institution=copy.institution,
        changes={"copy": copy.pk, "reader": reader.pk, "hold": hold.pk if hold else None},
    )
    _served(reader, copy, when)
    return loan, hold


def _open_loan(copy: Copy) -> Loan | None:
    """The copy's open loan and its reader, by plain SQL (every return asks)."""
    found = rawrows.fetch(
        Loan,
        "WHERE t.copy_id = %s AND t.institution_id = %s AND t.returned_at IS NULL AND t.lost_on IS NULL"
        " ORDER BY t.id LIMIT 1",
        [copy.pk, copy.institution_id],
    )
    if not found:
        return None
    loan = found[0][0]
    loan.reader = rawrows.fetch(
        Reader, "WHERE t.id = %s AND t.institution_id = %s", [loan.reader_id, copy.institution_id]
    )[0][0]
    return loan


def _hold_for_returned(copy: Copy, today: datetime.date) -> Hold | None:
    with connection.cursor() as cursor:  # every return asks: plain SQL (see `_open_counts`)
        cursor.execute(
            "SELECT id FROM circulation_hold WHERE record_id = %s AND institution_id = %s AND status = %s"
            " ORDER BY placed_at, id LIMIT 1",
            [copy.record_id, copy.institution_id, HoldStatus.WAITING.value],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    first = row[0]
    hold = Hold.objects.select_related("reader__institution", "record").get(pk=first)
    waits = hold_days(copy.institution_id)
    until = ClosedDays(copy.institution_id, today).next_open(today + datetime.timedelta(days=waits))
    Hold.objects.filter(pk=hold.pk).update(status=HoldStatus.READY, copy=copy, ready_until=until)
    hold.status, hold.copy, hold.ready_until = HoldStatus.READY, copy, until
    notify.send(
        hold.reader,
        NoticeKind.HOLD_READY,
        lambda: (
            _("%(title)s is waiting for you at the library until %(until)s.")
            % {"title": hold.record.title, "until": _day(until)}
        ),
    )
    return hold


def expire_holds(
    *,
    institution_id: int | None = None,
    copy_id: int | None = None,
    reader_id: int | None = None,
    today: datetime.date | None = None,
) -> int:
    """Ready holds not picked up by their `ready_until` expire, by the system (audited): the
    copy goes to the next reader in the queue (told) or back to the shelf. Run lazily where
    holds are read (the desk lending that copy, the holds lists) and by `kutubxona
    expire-holds`; each hold in its own transaction. How many expired."""
    today = today or timezone.localdate()
    due = Hold.objects.filter(status=HoldStatus.READY, ready_until__lt=today)
    if institution_id is not None:
        due = due.filter(institution_id=institution_id)
    if copy_id is not None:
        due = due.filter(copy_id=copy_id)
    if reader_id is not None:
        due = due.filter(reader_id=reader_id)
    expired = 0
    for hold in due.select_related("institution", "copy").order_by("ready_until", "id"):
        with transaction.atomic():
            if not Hold.objects.filter(pk=hold.pk, status=HoldStatus.READY).update(status=HoldStatus.EXPIRED):
                continue  # picked up or expired meanwhile
            hold.status = HoldStatus.EXPIRED
            audit.record(
                None,
                "circulation.hold.expire",
                hold,
                institution=hold.institution,
                changes=audit.snapshot(hold, ["copy", "ready_until"]),
            )
            if hold.copy is not None and hold.copy.status == CopyStatus.AVAILABLE:
                _hold_for_returned(hold.copy, today)
            expired += 1
    return expired


@transaction.atomic
def renew(
    actor: User | None, loan: Loan, *, at_desk: bool = True, today: datetime.date | None = None
) -> Loan:
    """A new due date from today, unless the renewals are used up or a reader waits for the record."""
    _require(actor, loan.institution)
    today = today or timezone.localdate()
    if not loan.is_open:
        raise refuse(_("The loan is closed; there is nothing to renew."), "closed")
    if loan.kind != LoanKind.HOME:
        raise refuse(_("A reading-room loan is not renewed."), "reading_room")
    if not at_desk and loan.due_on < today:  # online renewal must not lift an overdue block
        raise refuse(_("This copy is overdue: bring it to the library to renew it."), "overdue")
    rule = rule_for(loan.reader, loan.copy)
    if loan.renewals >= rule.max_renewals:
        raise refuse(
            _("This loan was renewed %(n)s times, the most allowed.") % {"n": loan.renewals}, "renewals"
        )
    if Hold.objects.filter(
        record_id=loan.copy.record_id, institution_id=loan.institution_id, status=HoldStatus.WAITING
    ).exists():
        raise refuse(_("Another reader is waiting for this book; it cannot be renewed."), "held")
    due = due_date(loan.institution_id, today, rule.period_days)
    before = loan.due_on
    Loan.objects.filter(pk=loan.pk).update(due_on=due, renewals=loan.renewals + 1)
    loan.due_on, loan.renewals = due, loan.renewals + 1
    audit.record(
        actor,
        "circulation.renew",
        loan,
        institution=loan.institution,
        changes={"due": [before.isoformat(), due.isoformat()]},
    )
    if at_desk:
        _served(loan.reader, loan.copy, timezone.now())
    return loan


@transaction.atomic
def place_hold(actor: User | None, reader: Reader, record: Record) -> Hold:
    """Put the reader in the queue for a record the library holds copies of."""
    _require(actor, reader.institution)
    if reader.anonymised_on:
        raise refuse(_("The reader's data was anonymised; register the person anew."), "anonymised")
    copies = Copy.objects.filter(record=record, institution_id=reader.institution_id).exclude(
        status__in=[CopyStatus.WITHDRAWN, CopyStatus.LOST]
    )
    if not copies.exists():
        raise refuse(_("The library has no copy of this book to hold."), "no_copy")
    if Hold.objects.filter(reader=reader, record=record, status__in=ACTIVE_HOLD).exists():
        raise refuse(_("You are already in the queue for this book."), "duplicate")
    if open_loans(reader).filter(copy__record=record).exists():
        raise refuse(_("You have this book already."), "has_it")
    hold = Hold.objects.create(institution_id=reader.institution_id, record=record, reader=reader)
    audit.record(
        actor, "circulation.hold.place", hold, institution=reader.institution, changes={"record": record.pk}
    )
    # A copy on the shelf is held at once (it waits for the reader like a returned one).
    shelf = (
        copies.filter(status=CopyStatus.AVAILABLE)
        .exclude(pk__in=Hold.objects.filter(status=HoldStatus.READY, copy__isnull=False).values("copy_id"))
        .first()
    )
    if shelf is not None:
        ready = _hold_for_returned(shelf, timezone.localdate())
        if ready is not None and ready.pk == hold.pk:
            hold.refresh_from_db()
    return hold


@transaction.atomic
def cancel_hold(actor: User | None, hold: Hold) -> Hold:
    _require(actor, hold.institution)
    if hold.status not in ACTIVE_HOLD:
        raise refuse(_("The hold is no longer active."), "inactive")
    copy = hold.copy
    Hold.objects.filter(pk=hold.pk).update(status=HoldStatus.CANCELLED, copy=None)
    hold.status = HoldStatus.CANCELLED
    audit.record(actor, "circulation.hold.cancel", hold, institution=hold.institution)
    if copy is not None:  # the copy put aside goes to the next in the queue
        _hold_for_returned(copy, timezone.localdate())
    return hold


def queue_position(hold: Hold) -> int:
    return (
        Hold.objects.filter(
            record_id=hold.record_id,
            institution_id=hold.institution_id,
            status=HoldStatus.WAITING,
            placed_at__lte=hold.placed_at,
        )
        .exclude(pk__gt=hold.pk, placed_at=hold.placed_at)
        .count()
    )


@transaction.atomic
def declare_lost(actor: User | None, loan: Loan, *, on: datetime.date | None = None) -> Loan:
    """The reader lost the copy: the loan closes and the copy is LOST until it is replaced."""
    _require(actor, loan.institution)
    if not loan.is_open:
        raise refuse(_("The loan is closed."), "closed")
    on = on or timezone.localdate()
    Loan.objects.filter(pk=loan.pk).update(lost_on=on)
    loan.lost_on = on
    Copy.objects.filter(pk=loan.copy_id).update(status=CopyStatus.LOST, updated_at=timezone.now())
    audit.record(
        actor, "circulation.lost", loan, institution=loan.institution, changes={"copy": loan.copy_id}
    )
    return loan


@transaction.atomic
def replace_lost(actor: User | None, loan: Loan, *, on: datetime.date | None = None) -> Loan:
    """The reader brought an equal copy in place of the lost one: it takes the lost copy's
    accession number and barcode and goes back on the shelf."""
    _require(actor, loan.institution)
    if loan.lost_on is None or loan.replaced_on is not None:
        raise refuse(_("Only a lost copy not yet replaced can be replaced."), "not_lost")
    on = on or timezone.localdate()
    Loan.objects.filter(pk=loan.pk).update(replaced_on=on)
    loan.replaced_on = on
    Copy.objects.filter(pk=loan.copy_id, status=CopyStatus.LOST).update(
        status=CopyStatus.AVAILABLE, updated_at=timezone.now()
    )
    audit.record(
        actor, "circulation.replaced", loan, institution=loan.institution, changes={"copy": loan.copy_id}
    )
    return loan


@dataclass
class OverdueNotices:
    queued: int  # notices made now, sent by the job runner
    earlier: int  # readers already given an overdue notice today (a second press sends nothing)


@transaction.atomic
def send_overdue_notices(
    actor: User | None, institution: Institution, *, today: datetime.date | None = None
) -> OverdueNotices:
    """One notice per reader with overdue copies, by e-mail or SMS where the reader has one
    (the printed notices are the overdue page's PDF); once a day per reader."""
    _require(actor, institution)
    # Two presses at once queue one after the other. NO KEY: the desk's inserts that refer to the
    # institution (loans, visits) take KEY SHARE locks and must not wait for this.
    Institution.tree.select_for_update(no_key=True).get(pk=institution.pk)
    today = today or timezone.localdate()
    overdue = (
        Loan.objects.filter(OPEN, institution=institution, due_on__lt=today)
        .select_related("reader", "copy__record")
        .order_by("reader_id", "due_on")
    )
    by_reader: dict[int, list[Loan]] = {}
    for loan in overdue:
        by_reader.setdefault(loan.reader_id, []).append(loan)
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    notified = set(
        Notice.objects.filter(
            institution=institution, kind=NoticeKind.OVERDUE, reader_id__in=by_reader, sent_at__gte=midnight
        )
        .exclude(status=NoticeStatus.FAILED)
        .values_list("reader_id", flat=True)
    )
    result = OverdueNotices(queued=0, earlier=len(notified))
    for reader_id, loans in by_reader.items():
        if reader_id not in notified and notify.send(
            loans[0].reader, NoticeKind.OVERDUE, partial(overdue_text, loans)
        ):
            result.queued += 1
    audit.record(
        actor,
        "circulation.notices",
        None,
        institution=institution,
        changes={"queued": result.queued, "already_today": result.earlier},
    )
    return result


@transaction.atomic
def resend_notice(actor: User | None, notice: Notice) -> Notice:
    """Queue a notice that could not be sent once more (staff fixed the address or the server)."""
    _require(actor, notice.institution)
    if notice.status != NoticeStatus.FAILED:
        raise ValidationError(_("Only a notice that could not be sent is sent again."))
    Notice.objects.filter(pk=notice.pk).update(
        status=NoticeStatus.QUEUED, attempts=0, tried_at=None, error=""
    )  # no try under way: the job may try it at once (`notify.deliver`)
    notify.queue(notice)
    audit.record(
        actor,
        "circulation.notice.resend",
        notice,
        institution=notice.institution,
        changes={"error": notice.error, "attempts": notice.attempts},
    )
    notice.refresh_from_db()
    return notice


def overdue_text(loans: list[Loan]) -> str:
    titles = "; ".join(f"{loan.copy.record.title} ({_day(loan.due_on)})" for loan in loans)
    return _("Please bring back to the library: %(titles)s.") % {"titles": titles}


@transaction.atomic
def save_rule(actor: User | None, institution: Institution, **fields: Any) -> LoanRule:
    """The rule for a reader category and collection, new or changed: validated whole before
    anything is written (a refusal leaves the rule as it was)."""
    _require(actor, institution)
    key = {"category": fields.pop("category", ""), "collection": fields.pop("collection", "")}
    rule = LoanRule.objects.filter(institution=institution, **key).first()
    if rule is None:
        rule = LoanRule(institution=institution, **key)
    for name, value in fields.items():
        setattr(rule, name, value)
    rule.full_clean()
    if rule.period_days < 1:
        raise ValidationError({"period_days": _("A loan lasts at least one day.")})
    rule.save()
    audit.record(
        actor,
        "circulation.rule.save",
        rule,
        institution=institution,
        changes=audit.snapshot(rule, list(fields)),
    )
    return rule


@transaction.atomic
def set_calendar(
    actor: User | None, institution: Institution, *, days_off: list[int], hold_days: int = 5
) -> Calendar:
    _require(actor, institution)
    if any(d not in range(7) for d in days_off) or len(set(days_off)) == 7:
        raise ValidationError({"days_off": _("Choose at most six weekdays off.")})
    calendar, _created = Calendar.objects.update_or_create(
        institution=institution,
        defaults={"days_off": ",".join(str(d) for d in sorted(set(days_off))), "hold_days": hold_days},
    )
    audit.record(
        actor, "circulation.calendar", calendar, institution=institution, changes={"days_off": days_off}
    )
    return calendar


@transaction.atomic
def add_holiday(actor: User | None, institution: Institution, day: datetime.date, name: str = "") -> Holiday:
    _require(actor, institution)
    if Holiday.objects.filter(institution=institution, date=day).exists():
        raise ValidationError({"date": _("%(day)s is already a closed day.") % {"day": _day(day)}})
    holiday = Holiday.objects.create(institution=institution, date=day, name=name)
    audit.record(
        actor, "circulation.holiday.add", holiday, institution=institution, changes={"date": day.isoformat()}
    )
    return holiday


@transaction.atomic
def remove_holiday(actor: User | None, holiday: Holiday) -> None:
    _require(actor, holiday.institution)
    audit.record(actor, "circulation.holiday.remove", holiday, institution=holiday.institution)
    holiday.delete()
