"""Analytic records: articles in journals and newspapers, described for a card index.

The writes of this module follow `actions.py` (permission, one transaction, an audit entry);
they live here to keep `actions.py` about records and copies in general. An article is a
record like any other (its MARC written by `marc/from_form.article_to_marc`), plus three
columns: its host record when the host is catalogued here, its purpose and the day it was
described, which plan lines 4, 28 and 29 count by.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pymarc import Record as MarcRecord

from kutubxona.catalog import actions
from kutubxona.catalog.marc.extract import FieldJson, subfields
from kutubxona.catalog.marc.from_form import Host, host_of
from kutubxona.catalog.models import AnalyticPurpose, Record
from kutubxona.core import audit
from kutubxona.institutions.models import Institution, User

ARTICLE_COLUMNS = ["analytic_purpose", "described_on", "host_id"]


def host_from_record(host: Record, related_parts: str = "", *, serial: bool = True) -> Host:
    """773 of an article in `host`: its title, imprint and "(003)001"."""
    imprint = _field(host.marc, "264") or _field(host.marc, "260")
    publication = " ".join(subfields(imprint, "a", "b", "c")).strip(" ,.;:")
    number = f"({host.control_number_source}){host.control_number}" if host.control_number_source else ""
    return Host(
        title=host.title,
        related_parts=related_parts,
        publication=publication,
        control_number=number or host.control_number,
        serial=serial,
    )


def _field(marc: dict[str, object], tag: str) -> FieldJson | None:
    fields = marc.get("fields")
    assert isinstance(fields, list)
    for entry in fields:
        value = entry.get(tag)
        if isinstance(value, dict):
            return value
    return None


def _check(institution: Institution, purpose: str, described_on: datetime.date, host: Record | None) -> None:
    errors: dict[str, str] = {}
    if purpose not in AnalyticPurpose.values:
        errors["purpose"] = _("Choose what the article is described for.")
    if described_on > timezone.localdate():
        errors["described_on"] = _("The date of description cannot be in the future.")
    if host is not None and host.institution_id != institution.pk:
        errors["host"] = _("The host must be a record of the same library.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_article(
    actor: User | None,
    institution: Institution,
    marc: MarcRecord,
    *,
    purpose: str,
    described_on: datetime.date,
    host: Record | None,
    record: Record | None = None,
) -> Record:
    """Create (or, given `record`, update) an analytic record with its purpose, date and host."""
    _check(institution, purpose, described_on, host)
    if record is None:
        record = actions.create_record(actor, institution, marc)
        before: dict[str, object] = dict.fromkeys(ARTICLE_COLUMNS)
    else:
        before = audit.snapshot(record, ARTICLE_COLUMNS)
        actions.update_record(actor, record, marc)
    # Purpose and date come from 969 with the other columns; the host link is ours to set.
    if (record.analytic_purpose, record.described_on) != (purpose, described_on):
        raise ValueError("the MARC's 969 must say the purpose and date given")
    record.host = host
    record.save(update_fields=["host"])
    changes = audit.diff(before, audit.snapshot(record, ARTICLE_COLUMNS))
    audit.record(actor, "catalog.article.describe", record, institution=institution, changes=changes)
    return record


def description(record: Record) -> str:
    """The article as a card of the index: "Author. Title / responsibility // Host. – place. – issue"."""
    host = host_of(record.marc) or Host(title=record.host.title if record.host else "")
    head = record.title
    if record.author and not record.responsibility:
        head = f"{record.author}. {head}"
    if record.responsibility:
        head = f"{head} / {record.responsibility}"
    parts = [part for part in (host.title, host.publication, host.related_parts) if part]
    return f"{head} // {'. – '.join(parts)}" if parts else head
