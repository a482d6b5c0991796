"""Every change to events, their photos and exhibition items goes through these functions.

Each checks the actor's permission (`actor=None` is the system itself: the demo), runs in one
transaction and writes the audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kutubxona.catalog.models import Copy
from kutubxona.core import audit
from kutubxona.events.models import (
    AUDIENCE_GROUPS,
    Event,
    EventKind,
    EventPhoto,
    EventStatus,
    ExhibitionItem,
    PlaceKind,
)
from kutubxona.events.photos import checked_photo, thumbnail
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm

EVENT_FIELDS = [
    "kind",
    "title",
    "date",
    "start_time",
    "end_time",
    "in_plan",
    "place_kind",
    "sector",
    "address",
    "partner",
]
HELD_FIELDS = ["attendees", *AUDIENCE_GROUPS, "audience_note", "report"]


def _require(actor: User | None, institution: Institution) -> None:
    if actor is not None:
        require(actor, Perm.EVENTS_EDIT, institution)


def _check(event: Event) -> None:
    """The rules a form cannot see alone: times, place, the institution's own sector."""
    errors: dict[str, str] = {}
    if event.start_time and event.end_time and event.end_time <= event.start_time:
        errors["end_time"] = _("The event cannot end before it starts.")
    if event.place_kind == PlaceKind.LIBRARY:
        if event.sector is not None and event.sector.institution_id != event.institution_id:
            errors["sector"] = _("The sector must belong to the event's institution.")
    else:
        event.sector = None  # a sector is a part of the library; outside it the address says where
        if not event.address.strip():
            errors["address"] = _("Say where the event takes place outside the library.")
    if event.status == EventStatus.HELD and event.date > timezone.localdate():
        errors["date"] = _("A held event cannot be dated in the future.")
    if errors:
        raise ValidationError(errors)


def _check_organisers(event: Event, organisers: Iterable[User]) -> list[User]:
    people = list(organisers)
    if any(person.institution_id != event.institution_id for person in people):
        raise ValidationError({"organisers": _("Organisers must be staff of the event's institution.")})
    return people


@transaction.atomic
def create_event(
    actor: User | None, institution: Institution, *, organisers: Iterable[User] = (), **fields: Any
) -> Event:
    """A new event, planned (the cultural-educational plan) until it is marked as held."""
    _require(actor, institution)
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"not an event field: {sorted(unknown)}")
    event = Event(institution=institution, created_by=actor, **fields)
    _check(event)
    event.full_clean()
    event.save()
    event.organisers.set(_check_organisers(event, organisers))
    audit.record(actor, "event.create", event, institution=institution)
    return event


@transaction.atomic
def update_event(
    actor: User | None, event: Event, *, organisers: Iterable[User] | None = None, **changes: Any
) -> Event:
    _require(actor, event.institution)
    if (
        "kind" in changes
        and changes["kind"] != EventKind.EXHIBITION
        and event.kind == EventKind.EXHIBITION
        and event.items.exists()
    ):
        raise ValidationError(
            {"kind": _("This exhibition shows copies: remove them before changing its kind.")}
        )
    before = audit.snapshot(event, list(changes))
    for name, value in changes.items():
        if name not in EVENT_FIELDS:
            raise ValueError(f"not editable: {name}")
        setattr(event, name, value)
    _check(event)
    event.updated_at = timezone.now()
    event.full_clean()
    event.save()
    diff = audit.diff(before, audit.snapshot(event, list(changes)))
    if organisers is not None:
        people = _check_organisers(event, organisers)
        old = sorted(event.organisers.values_list("pk", flat=True))
        if old != sorted(p.pk for p in people):
            event.organisers.set(people)
            diff["organisers"] = [old, sorted(p.pk for p in people)]
    audit.record(actor, "event.update", event, institution=event.institution, changes=diff)
    return event


@transaction.atomic
def mark_held(actor: User | None, event: Event, **audience: Any) -> Event:
    """The event took place: who came and how it went. Again on a held event, corrects them."""
    _require(actor, event.institution)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("A cancelled event cannot be marked as held; plan it again first."))
    if event.date > timezone.localdate():
        raise ValidationError(
            _("This event is dated %(date)s, in the future: it cannot have been held yet.")
            % {"date": event.date.isoformat()}
        )
    unknown = set(audience) - set(HELD_FIELDS)
    if unknown:
        raise ValueError(f"not an audience field: {sorted(unknown)}")
    groups = [audience.get(name) for name in AUDIENCE_GROUPS]
    if any(value is not None and value < 0 for value in [audience.get("attendees"), *groups]):
        raise ValidationError({"attendees": _("The number of attendees cannot be negative.")})
    if audience.get("attendees") is None and any(v is not None for v in groups):
        audience["attendees"] = sum(v or 0 for v in groups)
    if audience.get("attendees") is not None and sum(v or 0 for v in groups) > audience["attendees"]:
        raise ValidationError({"attendees": _("The groups add up to more people than attended in all.")})
    before = audit.snapshot(event, ["status", *HELD_FIELDS])
    event.status = EventStatus.HELD
    for name, value in audience.items():
        setattr(event, name, value)
    event.updated_at = timezone.now()
    event.full_clean()
    event.save()
    changes = audit.diff(before, audit.snapshot(event, list(before)))
    audit.record(actor, "event.held", event, institution=event.institution, changes=changes)
    return event


@transaction.atomic
def set_status(actor: User | None, event: Event, status: str, reason: str = "") -> Event:
    """Cancel an event, or plan again a cancelled or held one."""
    _require(actor, event.institution)
    if status not in {EventStatus.PLANNED, EventStatus.CANCELLED}:
        raise ValueError(status)  # held goes through mark_held, with its audience
    old = event.status
    event.status = status
    event.updated_at = timezone.now()
    event.save(update_fields=["status", "updated_at"])
    verb = "cancel" if status == EventStatus.CANCELLED else "replan"
    audit.record(
        actor,
        f"event.{verb}",
        event,
        institution=event.institution,
        changes={"status": [old, status], **({"reason": reason} if reason else {})},
    )
    return event


def _find_copy(institution: Institution, code: str) -> Copy:
    code = code.strip()
    copy = (
        Copy.objects.filter(institution=institution)
        .filter(Q(barcode=code) | Q(accession_number=code))
        .select_related("record")
        .first()
    )
    if copy is None:
        raise ValidationError(
            {
                "code": _("No copy of this library has the barcode or accession number “%(code)s”.")
                % {"code": code}
            }
        )
    return copy


@transaction.atomic
def add_item(actor: User | None, event: Event, code: str) -> ExhibitionItem:
    """Put a copy on show, found by its barcode or accession number."""
    _require(actor, event.institution)
    if event.kind != EventKind.EXHIBITION:
        raise ValidationError({"code": _("Only an exhibition shows copies.")})
    copy = _find_copy(event.institution, code)
    if ExhibitionItem.objects.filter(event=event, copy=copy).exists():
        raise ValidationError(
            {"code": _("Copy %(number)s is already in this exhibition.") % {"number": copy.accession_number}}
        )
    item = ExhibitionItem.objects.create(event=event, copy=copy)
    audit.record(
        actor,
        "event.item.add",
        event,
        institution=event.institution,
        changes={"copy": copy.accession_number},
    )
    return item


@transaction.atomic
def add_copies(actor: User | None, event: Event, copies: Sequence[Copy]) -> int:
    """Many copies at once (the demo, a list from the catalogue): one audit entry."""
    _require(actor, event.institution)
    if event.kind != EventKind.EXHIBITION:
        raise ValidationError(_("Only an exhibition shows copies."))
    if any(copy.institution_id != event.institution_id for copy in copies):
        raise ValidationError(_("An exhibition shows copies of its own library only."))
    shown = set(ExhibitionItem.objects.filter(event=event).values_list("copy_id", flat=True))
    new = [
        ExhibitionItem(event=event, copy=c) for c in {c.pk: c for c in copies}.values() if c.pk not in shown
    ]
    ExhibitionItem.objects.bulk_create(new)
    audit.record(actor, "event.item.add", event, institution=event.institution, changes={"copies": len(new)})
    return len(new)


@transaction.atomic
def remove_item(actor: User | None, item: ExhibitionItem) -> None:
    event = item.event
    _require(actor, event.institution)
    number = item.copy.accession_number
    item.delete()
    audit.record(actor, "event.item.remove", event, institution=event.institution, changes={"copy": number})


@transaction.atomic
def add_photo(actor: User | None, event: Event, upload: UploadedFile, caption: str = "") -> EventPhoto:
    _require(actor, event.institution)
    data, kind = checked_photo(upload)
    stem = f"event-{event.pk}-{timezone.now():%Y%m%d%H%M%S%f}"
    photo = EventPhoto(event=event, caption=caption, uploaded_by=actor)
    photo.image.save(f"{stem}.{kind}", ContentFile(data), save=False)
    photo.thumbnail.save(f"{stem}.jpg", thumbnail(data), save=False)
    try:
        photo.save()
        audit.record(
            actor,
            "event.photo.add",
            event,
            institution=event.institution,
            changes={"photo": photo.image.name},
        )
    except Exception:
        _delete_files(photo)  # the files must not outlive the row that failed to be saved
        raise
    return photo


def _delete_files(photo: EventPhoto) -> None:
    for file in (photo.image, photo.thumbnail):
        if file.name:
            file.storage.delete(file.name)


@transaction.atomic
def remove_photo(actor: User | None, photo: EventPhoto) -> None:
    event = photo.event
    _require(actor, event.institution)
    name = photo.image.name
    photo.delete()
    transaction.on_commit(lambda: _delete_files(photo))
    audit.record(actor, "event.photo.remove", event, institution=event.institution, changes={"photo": name})
