"""Every change to interlibrary requests goes through these functions: `circulation.desk` on
the request's institution (`actor=None` is the system: the demo), one transaction, one audit
entry. A status moves only along `models.NEXT`, and each move dates itself."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kutubxona.circulation import notify
from kutubxona.circulation.models import Notice, NoticeKind
from kutubxona.core import audit
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm
from kutubxona.interlibrary.models import DATE_OF, Direction, Request, Status

REQUEST_FIELDS = [
    "direction",
    "partner",
    "partner_name",
    "record",
    "item",
    "reader",
    "reader_name",
    "reader_card",
    "requested_on",
    "due_on",
    "note",
]


def _require(actor: User | None, institution: Institution) -> None:
    if actor is not None:
        require(actor, Perm.CIRCULATION_DESK, institution)


def _check(request: Request) -> None:
    errors: dict[str, str] = {}
    if request.partner_id is None and not request.partner_name.strip():
        errors["partner_name"] = _("Name the other library: choose it from the list or type its name.")
    elif request.partner_id == request.institution_id:
        errors["partner"] = _("The other library cannot be this library itself.")
    if request.record_id is None and not request.item.strip():
        errors["item"] = _("Say which item: our copy's barcode or the author and title.")
    elif request.record is not None and request.record.institution_id != request.institution_id:
        errors["item"] = _("The record must be one of this library's catalogue.")
    if request.direction == Direction.BORROW and not (request.reader_name.strip() or request.reader_id):
        errors["reader_name"] = _("We borrow for a reader: name the reader.")
    elif request.reader is not None and request.reader.institution_id != request.institution_id:
        errors["reader_card"] = _("The reader must be one of this library's readers.")
    if request.requested_on and request.requested_on > timezone.localdate():
        errors["requested_on"] = _("%(day)s is in the future: date the request on the day it was made.") % {
            "day": request.requested_on.isoformat()
        }
    if request.due_on and request.requested_on and request.due_on < request.requested_on:
        errors["due_on"] = _("The return date cannot be before the request.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_request(actor: User | None, institution: Institution, **fields: Any) -> Request:
    """A new request, to another library (`direction` borrow) or from one (lend)."""
    _require(actor, institution)
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise ValueError(f"not a request field: {sorted(unknown)}")
    request = Request(institution=institution, created_by=actor, **fields)
    _check(request)
    request.full_clean()
    request.save()
    audit.record(
        actor,
        "interlibrary.create",
        request,
        institution=institution,
        changes=audit.snapshot(request, list(fields)),
    )
    return request


@transaction.atomic
def update_request(actor: User | None, request: Request, **changes: Any) -> dict[str, list[Any]]:
    """Correct what was typed (not the status: `change_status`; not the direction)."""
    _require(actor, request.institution)
    unknown = set(changes) - (set(REQUEST_FIELDS) - {"direction"})
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    before = audit.snapshot(request, list(changes))
    for name, value in changes.items():
        setattr(request, name, value)
    _check(request)
    request.full_clean()
    request.save()
    diff = audit.diff(before, audit.snapshot(request, list(changes)))
    if diff:
        audit.record(actor, "interlibrary.update", request, institution=request.institution, changes=diff)
    return diff


@transaction.atomic
def change_status(
    actor: User | None,
    request: Request,
    status: str,
    on: datetime.date | None = None,
    note: str = "",
    *,
    tell_reader: bool = True,
) -> Request:
    """Move the request on (sent, received, returned, refused, cancelled) on day `on` (today).
    Our reader is told of an arrival unless `tell_reader` is False (history typed in: the demo)."""
    _require(actor, request.institution)
    request = (
        Request.objects.select_for_update(of=("self",))
        .select_related("reader__institution", "partner", "record")
        .get(pk=request.pk)
    )
    day = on or timezone.localdate()
    if status not in request.next_statuses:
        allowed = ", ".join(str(Status(s).label) for s in request.next_statuses) or _("none: it is closed")
        raise ValidationError(
            _("A request that is %(current)s cannot become %(new)s. It can become: %(allowed)s.")
            % {
                "current": Status(request.status).label,
                "new": Status(status).label if status in Status.values else status,
                "allowed": allowed,
            }
        )
    if day > timezone.localdate():
        raise ValidationError(
            _("%(day)s is in the future: record the change on the day it happened.") % {"day": day}
        )
    if day < request.requested_on:
        raise ValidationError(
            _("The change cannot be dated before the request (%(day)s).") % {"day": request.requested_on}
        )
    old = request.status
    request.status = status
    setattr(request, DATE_OF[Status(status)], day)
    if note:
        request.note = f"{request.note}\n{day.isoformat()}: {note}".strip()
    request.save()
    told = _tell_arrival(request) if status == Status.RECEIVED and tell_reader else None
    request.told_by = told.channel if told else ""
    audit.record(
        actor,
        "interlibrary.status",
        request,
        institution=request.institution,
        changes={
            "status": [old, status],
            DATE_OF[Status(status)]: day.isoformat(),
            **({"note": note} if note else {}),
            **({"notice": told.channel} if told else {}),
        },
    )
    return request


def _tell_arrival(request: Request) -> Notice | None:
    """Our reader's book from another library has arrived: a notice (e-mail or SMS, in the
    reader's language, sent by a job after the commit); None if there is nobody to tell."""
    reader = request.reader
    if request.direction != Direction.BORROW or reader is None or reader.anonymised_on:
        return None

    def compose() -> str:
        text = _("%(title)s, asked for you from %(library)s, has arrived: come for it to the library.") % {
            "title": request.title,
            "library": request.other_library,
        }
        if request.due_on:
            text += " " + _("It goes back on %(day)s.") % {
                "day": date_format(request.due_on, "SHORT_DATE_FORMAT")
            }
        return text

    return notify.send(reader, NoticeKind.ILL_ARRIVED, compose)
