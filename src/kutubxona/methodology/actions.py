"""Every write of the library directory and the help log: permission, transaction, audit."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from kutubxona.core import audit, tabular
from kutubxona.documents import actions as documents
from kutubxona.documents.models import Document, DocumentKind
from kutubxona.hr.models import StaffMember
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm
from kutubxona.methodology import directory
from kutubxona.methodology.models import Library, MethodHelp

LIBRARY_FIELDS = [
    "name",
    "type",
    "address",
    "latitude",
    "longitude",
    "contact_person",
    "phone",
    "collection_size",
    "readers",
    "note",
    "is_active",
]
HELP_FIELDS = ["date", "library", "form", "topic", "note"]


def _check(actor: User | None, perm: str, institution: Institution) -> None:
    if actor is not None:
        require(actor, perm, institution)


@transaction.atomic
def create_library(actor: User | None, institution: Institution, **fields: Any) -> Library:
    _check(actor, Perm.OUTREACH_EDIT, institution)
    library = Library(institution=institution, **fields)
    library.full_clean()
    library.save()
    audit.record(actor, "library.create", library, institution=institution, changes={"name": library.name})
    return library


@transaction.atomic
def update_library(actor: User | None, library: Library, **changes: Any) -> Library:
    _check(actor, Perm.OUTREACH_EDIT, library.institution)
    library = Library.objects.select_for_update().get(pk=library.pk)
    diff = audit.apply_changes(library, changes, LIBRARY_FIELDS)
    if diff:
        audit.record(actor, "library.update", library, institution=library.institution, changes=diff)
    return library


def _check_help(item: MethodHelp, staff: list[StaffMember]) -> None:
    if item.library.institution_id != item.institution_id:
        raise ValidationError({"library": _("The library is not in this institution's directory.")})
    if any(member.institution_id != item.institution_id for member in staff):
        raise ValidationError({"staff": _("A member of another institution's staff is named.")})


@transaction.atomic
def record_help(
    actor: User | None, institution: Institution, staff: Iterable[StaffMember] = (), **fields: Any
) -> MethodHelp:
    _check(actor, Perm.OUTREACH_EDIT, institution)
    people = list(staff)
    item = MethodHelp(institution=institution, **fields)
    item.full_clean()
    _check_help(item, people)
    item.save()
    item.staff.set(people)
    audit.record(
        actor,
        "method_help.create",
        item,
        institution=institution,
        changes={"library": item.library_id, "form": item.form, "date": item.date.isoformat()},
    )
    return item


@transaction.atomic
def update_help(
    actor: User | None, item: MethodHelp, staff: Iterable[StaffMember] | None = None, **changes: Any
) -> MethodHelp:
    _check(actor, Perm.OUTREACH_EDIT, item.institution)
    item = MethodHelp.objects.select_for_update().get(pk=item.pk)
    people = list(staff) if staff is not None else list(item.staff.all())
    if "library" in changes:
        item.library = changes["library"]
    _check_help(item, people)
    diff: dict[str, Any] = audit.apply_changes(item, changes, HELP_FIELDS)
    if staff is not None:
        before = sorted(item.staff.values_list("pk", flat=True))
        if before != sorted(p.pk for p in people):
            item.staff.set(people)
            diff["staff"] = [before, sorted(p.pk for p in people)]
    if diff:
        audit.record(actor, "method_help.update", item, institution=item.institution, changes=diff)
    return item


@transaction.atomic
def delete_help(actor: User | None, item: MethodHelp) -> None:
    _check(actor, Perm.OUTREACH_EDIT, item.institution)
    audit.record(
        actor, "method_help.delete", item, institution=item.institution, changes={"topic": item.topic}
    )
    item.delete()


@transaction.atomic
def issue_directory(actor: User | None, institution: Institution, day: datetime.date) -> Document:
    """The directory of the working libraries as a PDF, registered as a document (plan line 3)."""
    _check(actor, Perm.DOCUMENTS_EDIT, institution)
    libraries = list(Library.objects.filter(institution=institution, is_active=True))
    if not libraries:
        raise ValidationError(_("The directory is empty: add the district's libraries first."))
    pdf = tabular.to_pdf(directory.document(institution, libraries, day))
    return documents.register_document(
        actor,
        institution,
        kind=DocumentKind.DIRECTORY,
        title=directory.title(institution),
        date=day,
        file=ContentFile(pdf, name=f"{institution.code}-directory-{day.isoformat()}.pdf"),
        note=_("%(count)s libraries") % {"count": len(libraries)},
    )
