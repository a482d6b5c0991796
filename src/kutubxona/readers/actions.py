"""Every change to readers, their registrations and the organisations under contract.

Each checks `readers.edit` (`actor=None` is the system: the demo, the anonymising command),
runs in one transaction and writes the audit entry.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kutubxona.catalog.models import Copy
from kutubxona.core import audit
from kutubxona.core.signals import readers_anonymised, readers_merged
from kutubxona.core.text import fold
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm
from kutubxona.readers.models import Organisation, Reader, Registration, RegistrationKind

READER_FIELDS = [
    "card",
    "last_name",
    "first_name",
    "middle_name",
    "birth_year",
    "category",
    "workplace",
    "phone",
    "email",
    "address",
    "consent",
    "foreign",
    "language",
    "organisation",
]
ORGANISATION_FIELDS = ["name", "contract_number", "contract_from", "contract_to", "contact", "phone"]
ANONYMOUS = "—"


def _require(actor: User | None, institution: Institution) -> None:
    if actor is not None:
        require(actor, Perm.READERS_EDIT, institution)


def name_key(last_name: str, first_name: str, middle_name: str = "") -> str:
    """The folded name duplicates are found by (script, apostrophes and case do not matter)."""
    return fold(" ".join(p for p in (last_name, first_name, middle_name) if p))


def card_number(reader: Reader) -> str:
    """The card number given when the desk types none: R and the reader's number."""
    return f"R{reader.pk:08d}"


def _card_taken(reader: Reader) -> str:
    """Why the reader's card number may not be used ("" if it may)."""
    taken = Reader.objects.filter(institution=reader.institution, card=reader.card).exclude(pk=reader.pk)
    if reader.card and taken.exists():
        return _("Card %(card)s belongs to another reader.") % {"card": reader.card}
    # The desk tells a card from a copy by the number alone.
    if reader.card and Copy.objects.filter(institution=reader.institution, barcode=reader.card).exists():
        return _("%(card)s is a copy's barcode.") % {"card": reader.card}
    return ""


def _give_card(reader: Reader) -> None:
    """The generated number (`card_number`), or if a copy or a typed card has it, the first free
    of that number with -1, -2, ... appended."""
    base = card_number(reader)
    reader.card = base
    suffix = 0
    while _card_taken(reader):
        suffix += 1
        reader.card = f"{base}-{suffix}"


def _check_card(reader: Reader) -> None:
    problem = _card_taken(reader)
    if problem:
        raise ValidationError({"card": problem})


def _check(reader: Reader) -> None:
    if not reader.consent:
        raise ValidationError({"consent": _("The reader must consent to keeping the data.")})
    year = timezone.localdate().year
    if reader.birth_year is not None and not year - 110 <= reader.birth_year <= year:
        raise ValidationError({"birth_year": _("The year of birth is not a real one.")})
    if reader.organisation is not None and reader.organisation.institution_id != reader.institution_id:
        raise ValidationError({"organisation": _("The organisation is another library's.")})
    _check_card(reader)


@transaction.atomic
def register_reader(
    actor: User | None, institution: Institution, *, on: datetime.date | None = None, **fields: Any
) -> Reader:
    """A new reader and the year's new registration (line 15.1); a card number if none typed."""
    _require(actor, institution)
    unknown = set(fields) - set(READER_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    day = on or timezone.localdate()
    reader = Reader(institution=institution, registered_on=day, last_active_on=day, **fields)
    reader.name_key = name_key(reader.last_name, reader.first_name, reader.middle_name)
    generated = not reader.card
    if generated:
        reader.card = f"tmp-{uuid.uuid4().hex}"
    _check(reader)
    reader.full_clean()
    reader.save()
    if generated:  # checked as a typed one is: never a copy's barcode or another reader's card
        _give_card(reader)
        reader.save(update_fields=["card"])
    Registration.objects.create(
        institution=institution, reader=reader, kind=RegistrationKind.NEW, year=day.year, date=day
    )
    audit.record(
        actor, "readers.reader.register", reader, institution=institution, changes={"card": reader.card}
    )
    return reader


@transaction.atomic
def update_reader(actor: User | None, reader: Reader, **changes: Any) -> Reader:
    _require(actor, reader.institution)
    for name, value in changes.items():
        setattr(reader, name, value)
    _check(reader)
    reader.name_key = name_key(reader.last_name, reader.first_name, reader.middle_name)
    diff = audit.apply_changes(reader, changes, READER_FIELDS)
    Reader.objects.filter(pk=reader.pk).update(name_key=reader.name_key)
    audit.record(actor, "readers.reader.update", reader, institution=reader.institution, changes=diff)
    return reader


@transaction.atomic
def renew_registration(
    actor: User | None, reader: Reader, *, on: datetime.date | None = None
) -> Registration:
    """The reader registered again for the year of `on` (line 15.2); once a year."""
    _require(actor, reader.institution)
    day = on or timezone.localdate()
    if reader.anonymised_on:
        raise ValidationError(_("The reader's data was anonymised; register the person anew."))
    if Registration.objects.filter(reader=reader, year=day.year).exists():
        raise ValidationError(
            _("%(reader)s is already registered for %(year)s.") % {"reader": reader, "year": day.year}
        )
    registration = Registration.objects.create(
        institution=reader.institution, reader=reader, kind=RegistrationKind.RENEWAL, year=day.year, date=day
    )
    Reader.objects.filter(pk=reader.pk, last_active_on__lt=day).update(last_active_on=day)
    audit.record(
        actor, "readers.reader.renew", reader, institution=reader.institution, changes={"year": day.year}
    )
    return registration


def registered_for(reader: Reader, year: int) -> bool:
    return Registration.objects.filter(reader=reader, year=year).exists()


@transaction.atomic
def set_pin(actor: User | None, reader: Reader, pin: str) -> None:
    """The password the reader logs into the catalogue with (with the card number)."""
    _require(actor, reader.institution)
    if len(pin) < 6:
        raise ValidationError({"pin": _("The password must have at least 6 characters.")})
    Reader.objects.filter(pk=reader.pk).update(pin_hash=make_password(pin))
    audit.record(actor, "readers.reader.set_pin", reader, institution=reader.institution)


@transaction.atomic
def create_organisation(actor: User | None, institution: Institution, **fields: Any) -> Organisation:
    _require(actor, institution)
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    organisation = Organisation(institution=institution, **fields)
    organisation.full_clean()
    if organisation.contract_to < organisation.contract_from:
        raise ValidationError({"contract_to": _("The contract ends before it starts.")})
    organisation.save()
    audit.record(
        actor,
        "readers.organisation.create",
        organisation,
        institution=institution,
        changes=audit.snapshot(organisation, ORGANISATION_FIELDS),
    )
    return organisation


@transaction.atomic
def merge_readers(actor: User | None, keep: Reader, duplicate: Reader) -> Reader:
    """One person registered twice: the duplicate's loans, holds, registrations, desk visits and
    interlibrary requests move to `keep`, and the duplicate is deleted (its data kept in the
    audit entry). Past statistics do not change (every registration and loan stays on its day),
    except that a visit both made to one sector on one day now counts once, as one person's."""
    _require(actor, keep.institution)
    if keep.pk == duplicate.pk or keep.institution_id != duplicate.institution_id:
        raise ValidationError(_("Choose two different readers of the same library."))
    from django.apps import apps

    moved: dict[str, int] = {"registrations": duplicate.registrations.update(reader=keep)}
    # A reader waits once per book: the duplicate's active holds on books the kept reader also
    # waits for are cancelled, not moved (the queue's unique rule would refuse them).
    holds = apps.get_model("circulation.Hold")._default_manager
    active = {"status__in": ["waiting", "ready"]}
    moved["holds_cancelled"] = (
        holds.filter(reader=duplicate, **active)
        .filter(record_id__in=holds.filter(reader=keep, **active).values("record_id"))
        .update(status="cancelled")
    )
    # Circulation's rows point at readers; readers does not import it (it comes later in order).
    for label in ("circulation.Loan", "circulation.Hold", "circulation.Notice"):
        model = apps.get_model(label)
        moved[label.split(".")[1].lower() + "s"] = model._default_manager.filter(reader=duplicate).update(
            reader=keep
        )
    # Rows of apps that come after readers (desk visits, interlibrary requests): they move them.
    moved |= _signal_counts(
        readers_merged.send(
            sender=Reader, institution=keep.institution, keep_id=keep.pk, duplicate_id=duplicate.pk
        )
    )
    latest = max(keep.last_active_on, duplicate.last_active_on)
    Reader.objects.filter(pk=keep.pk).update(last_active_on=latest)
    gone = audit.snapshot(duplicate, READER_FIELDS)
    gone["organisation"] = duplicate.organisation_id
    duplicate_id = duplicate.pk
    duplicate.delete()
    audit.record(
        actor,
        "readers.reader.merge",
        keep,
        institution=keep.institution,
        changes={"merged": duplicate_id, "duplicate": gone, "moved": moved},
    )
    keep.refresh_from_db()
    return keep


@transaction.atomic
def anonymise_inactive(
    actor: User | None, institution: Institution, *, years: int, today: datetime.date | None = None
) -> int:
    """Clear the personal data of readers inactive for `years` (no loan, return or
    registration since), keeping category, birth year, foreign flag, registrations and loans,
    so every statistic stays as it was. Readers with a copy still on loan are kept."""
    _require(actor, institution)
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=round(365.25 * years))
    from django.apps import apps

    loan = apps.get_model("circulation.Loan")
    open_loans = loan._default_manager.filter(
        returned_at__isnull=True, lost_on__isnull=True, institution=institution
    ).values("reader_id")
    readers = Reader.objects.filter(
        institution=institution, anonymised_on__isnull=True, last_active_on__lt=cutoff
    ).exclude(pk__in=open_loans)
    found = list(readers.values_list("pk", "card"))
    if not found:
        return 0
    ids = [pk for pk, _card in found]
    for pk in ids:
        Reader.objects.filter(pk=pk).update(
            card=f"X{pk:08d}",
            last_name=ANONYMOUS,
            first_name="",
            middle_name="",
            workplace="",
            phone="",
            email="",
            address="",
            name_key="",
            pin_hash="",
            organisation=None,
            anonymised_on=today,
        )
    # Other apps' copies of the name or card (interlibrary requests) are cleared with it.
    cleared = _signal_counts(readers_anonymised.send(sender=Reader, institution=institution, readers=found))
    audit.record(
        actor,
        "readers.reader.anonymise",
        None,
        institution=institution,
        changes={"years": years, "readers": len(ids), **cleared},
    )
    return len(ids)


def _signal_counts(responses: list[tuple[Any, Any]]) -> dict[str, int]:
    """The counts the receivers of a readers signal returned, for the audit entry."""
    counts: dict[str, int] = {}
    for _receiver, answer in responses:
        if isinstance(answer, dict):
            counts.update(answer)
    return counts
