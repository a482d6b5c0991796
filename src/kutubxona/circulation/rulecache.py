"""A library's row, loan rules, calendar, closed days and sectors, kept in the process.

Every scan at the desk reads them (four or five queries), and they change a few times a year,
so each process keeps one snapshot per library, dropped the moment a rule, the calendar, a
closed day, a sector or the library itself is saved or deleted (model signals: the actions,
the admin). A snapshot is kept only when it was read with no change pending: a change inside
a transaction that is not yet committed makes every reader of that library read the database
until the commit (and, should the transaction roll back, for good in this process, which
costs speed, never correctness). Another process (a command, a second server process) does
not see this process's signals: its snapshot is at most `TTL` seconds old."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_scopes import scopes_disabled

from kutubxona.institutions.models import Institution, Sector

if TYPE_CHECKING:
    from kutubxona.circulation.rules import Rule

TTL = 60.0  # seconds; changes made by another process are seen after at most this long


@dataclass(frozen=True)
class LibraryRules:
    """What the desk reads of one library's settings."""

    institution: Institution
    rules: dict[tuple[str, str], Rule]  # (category, collection) -> the library's rule ("" = any)
    weekdays: frozenset[int] | None  # weekly days off; None: the library has no calendar
    hold_days: int | None  # how long a held copy waits; None: no calendar
    holidays: frozenset[datetime.date]  # every dated closed day
    desk_sector: Sector | None  # where a reader served without a named sector counts
    sectors: dict[int, Sector]  # the library's sectors by id


_snapshots: dict[int, tuple[float, LibraryRules]] = {}
_generation: dict[int, int] = {}
_pending: set[int] = set()  # libraries with a change not yet committed


def _load(institution_id: int) -> LibraryRules:
    from kutubxona.attendance.receivers import desk_sector
    from kutubxona.circulation.models import Calendar, Holiday, LoanRule
    from kutubxona.circulation.rules import Rule

    with scopes_disabled():
        calendar = Calendar.objects.filter(institution_id=institution_id).first()
        return LibraryRules(
            institution=Institution.objects.get(pk=institution_id),
            rules={
                (r.category, r.collection): Rule(
                    r.period_days, r.max_loans, r.reading_room_only, r.max_renewals
                )
                for r in LoanRule.objects.filter(institution_id=institution_id)
            },
            weekdays=frozenset(calendar.weekdays()) if calendar else None,
            hold_days=calendar.hold_days if calendar else None,
            holidays=frozenset(
                Holiday.objects.filter(institution_id=institution_id).values_list("date", flat=True)
            ),
            desk_sector=desk_sector(Institution(pk=institution_id)),
            sectors={sector.pk: sector for sector in Sector.objects.filter(institution_id=institution_id)},
        )


def library_rules(institution_id: int) -> LibraryRules:
    kept = _snapshots.get(institution_id)
    now = time.monotonic()
    if kept is not None and kept[0] > now:
        return kept[1]
    generation = _generation.get(institution_id, 0)
    loaded = _load(institution_id)
    if institution_id not in _pending and _generation.get(institution_id, 0) == generation:
        _snapshots[institution_id] = (now + TTL, loaded)
    return loaded


def _forget(institution_id: int) -> None:
    _generation[institution_id] = _generation.get(institution_id, 0) + 1
    _snapshots.pop(institution_id, None)


def changed(institution_id: int) -> None:
    """A library's rules, calendar, closed days or sectors change (in the current transaction)."""
    _forget(institution_id)
    if transaction.get_connection().in_atomic_block:
        _pending.add(institution_id)

        def committed() -> None:
            _pending.discard(institution_id)
            _forget(institution_id)

        transaction.on_commit(committed)


def clear() -> None:
    """Forget every snapshot (tests that change rows behind the signals' back)."""
    for institution_id in list(_snapshots):
        _forget(institution_id)


def _on_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    institution_id = instance.pk if isinstance(instance, Institution) else instance.institution_id
    if institution_id is not None:
        changed(institution_id)


def connect() -> None:
    """Called by the app's `ready`."""
    from kutubxona.circulation.models import Calendar, Holiday, LoanRule

    for model in (Institution, LoanRule, Calendar, Holiday, Sector):
        uid = f"circulation.rulecache.{model._meta.label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=uid + ".delete")
