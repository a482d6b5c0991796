"""Every change to headcounts goes through these functions: `circulation.desk` on the
institution (`actor=None` is the system: the demo), one transaction, one audit entry.
Desk visits are not typed in: they come from the desk's signal (`receivers.py`)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kutubxona.attendance.models import Headcount, Visit
from kutubxona.core import audit
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, Sector, User
from kutubxona.institutions.roles import Perm
from kutubxona.outreach.bulk import insert_rows

HEADCOUNT_FIELDS = ["sector", "day", "count", "foreign", "note"]


def _require(actor: User | None, institution: Institution) -> None:
    if actor is not None:
        require(actor, Perm.CIRCULATION_DESK, institution)


def _check(headcount: Headcount) -> None:
    """The rules of a headcount, each with a message the person who typed it can act on."""
    errors: dict[str, str] = {}
    if headcount.count is not None and headcount.count < 0:
        errors["count"] = _("The number of visitors cannot be negative.")
    if headcount.foreign is not None and headcount.foreign < 0:
        errors["foreign"] = _("The number of foreign visitors cannot be negative.")
    elif headcount.count is not None and headcount.foreign and headcount.foreign > headcount.count:
        errors["foreign"] = _("Foreign visitors are counted among the visitors: at most %(count)s.") % {
            "count": headcount.count
        }
    if headcount.day and headcount.day > timezone.localdate():
        errors["day"] = _("%(day)s is in the future: count visitors on the day they came.") % {
            "day": headcount.day.isoformat()
        }
    sector = headcount.sector
    if sector.institution_id != headcount.institution_id:
        errors["sector"] = _("The sector must belong to the institution.")
    elif sector.has_desk:
        errors["sector"] = _(
            "Visits of %(sector)s are counted at its desk from the readers served; headcounts are "
            "for sectors without a desk."
        ) % {"sector": sector}
    elif headcount.day:
        twin = Headcount.objects.filter(sector=sector, day=headcount.day).exclude(pk=headcount.pk)
        if twin.exists():
            errors["day"] = _("%(sector)s already has a headcount for %(day)s: correct that one instead.") % {
                "sector": sector,
                "day": headcount.day.isoformat(),
            }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_headcount(actor: User | None, institution: Institution, **fields: Any) -> Headcount:
    """The visitors of a sector without a desk on a day."""
    _require(actor, institution)
    unknown = set(fields) - set(HEADCOUNT_FIELDS)
    if unknown:
        raise ValueError(f"not a headcount field: {sorted(unknown)}")
    headcount = Headcount(institution=institution, created_by=actor, **fields)
    _check(headcount)
    headcount.full_clean()
    headcount.save()
    audit.record(
        actor,
        "headcount.create",
        headcount,
        institution=institution,
        changes=audit.snapshot(headcount, HEADCOUNT_FIELDS),
    )
    return headcount


@transaction.atomic
def update_headcount(actor: User | None, headcount: Headcount, **changes: Any) -> dict[str, list[Any]]:
    _require(actor, headcount.institution)
    unknown = set(changes) - set(HEADCOUNT_FIELDS)
    if unknown:
        raise ValueError(f"not a headcount field: {sorted(unknown)}")
    before = audit.snapshot(headcount, list(changes))
    for name, value in changes.items():
        setattr(headcount, name, value)
    _check(headcount)
    headcount.full_clean()
    headcount.save()
    diff = audit.diff(before, audit.snapshot(headcount, list(changes)))
    if diff:
        audit.record(actor, "headcount.update", headcount, institution=headcount.institution, changes=diff)
    return diff


@transaction.atomic
def delete_headcount(actor: User | None, headcount: Headcount) -> None:
    _require(actor, headcount.institution)
    audit.record(
        actor,
        "headcount.delete",
        headcount,
        institution=headcount.institution,
        changes=audit.snapshot(headcount, HEADCOUNT_FIELDS),
    )
    headcount.delete()


@transaction.atomic
def import_history(
    actor: User | None,
    institution: Institution,
    visits: Sequence[tuple[Sector, datetime.date, Sequence[int | None]]],
    headcounts: Sequence[tuple[Sector, datetime.date, int, int]],
) -> int:
    """A paper diary's history (the demo): desk visits `(sector, day, readers)`, a row per
    reader id (distinct within the sector and day) or None (nobody identified), and headcounts
    `(sector, day, visitors, foreign)`; one insert per table and one audit entry. Validated by
    the caller. Returns the visitors."""
    _require(actor, institution)
    now = timezone.now()
    visit_rows = [
        (institution.pk, sector.pk, day, reader, False, now)
        for sector, day, readers in visits
        for reader in readers
    ]
    insert_rows(Visit, ["institution", "sector", "day", "reader", "foreign", "served_at"], visit_rows)
    insert_rows(
        Headcount,
        ["institution", "sector", "day", "count", "foreign", "note", "created_at", "created_by"],
        [
            (institution.pk, s.pk, day, n, f, "", now, actor.pk if actor else None)
            for s, day, n, f in headcounts
        ],
    )
    total = len(visit_rows) + sum(n for _s, _d, n, _f in headcounts)
    audit.record(
        actor,
        "visits.import",
        None,
        institution=institution,
        changes={"desk_visits": len(visit_rows), "headcounts": len(headcounts), "visitors": total},
    )
    return total
