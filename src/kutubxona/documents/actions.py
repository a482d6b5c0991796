"""Every write of the documents register: permission, transaction, audit."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.translation import gettext as _

from kutubxona.core import audit
from kutubxona.documents import security
from kutubxona.documents.files import check_file
from kutubxona.documents.models import Document, DocumentKind
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm

EDITABLE = ["number", "kind", "title", "date", "authors", "file", "note", "quarter", "content"]


def _check(actor: User | None, institution: Institution, permission: str = Perm.DOCUMENTS_EDIT) -> None:
    if actor is not None:
        require(actor, permission, institution)


def next_number(institution: Institution, year: int) -> str:
    """One more than the highest plain number of the year (numbers like "12-a" are skipped)."""
    numbers = Document.objects.filter(institution=institution, year=year).values_list("number", flat=True)
    plain = [int(n) for n in numbers if re.fullmatch(r"\d{1,9}", n)]
    return str(max(plain, default=0) + 1)


def _validate(doc: Document) -> None:
    """The checks whose messages should name the field, before the database's constraints."""
    doc.number = doc.number.strip()
    doc.year = doc.date.year
    errors: dict[str, str] = {}
    same_number = Document.objects.filter(institution_id=doc.institution_id, year=doc.year, number=doc.number)
    if same_number.exclude(pk=doc.pk).exists():
        errors["number"] = _("Number %(number)s is already used in %(year)s.") % {
            "number": doc.number,
            "year": doc.year,
        }
    if doc.kind == DocumentKind.SECURITY_REPORT:
        if doc.quarter not in {1, 2, 3, 4}:
            errors["quarter"] = _("Name the quarter the security report covers.")
        elif (
            Document.objects.filter(
                institution_id=doc.institution_id, kind=doc.kind, year=doc.year, quarter=doc.quarter
            )
            .exclude(pk=doc.pk)
            .exists()
        ):
            errors["quarter"] = _(
                "A security report for this quarter is already registered: replace or amend it."
            )
    else:
        doc.quarter = None
    if errors:
        raise ValidationError(errors)


def _check_upload(file: Any) -> None:
    if file and isinstance(file, File) and not getattr(file, "_committed", False):
        check_file(file, file.name or "", file.size or 0)


@transaction.atomic
def register_document(
    actor: User | None,
    institution: Institution,
    *,
    kind: str,
    title: str,
    date: datetime.date,
    number: str = "",
    permission: str = Perm.DOCUMENTS_EDIT,
    **fields: Any,
) -> Document:
    """A document in the register, numbered in its year. `permission` is what the actor needs:
    another app registering a document it issues (the rare list: `acquisitions.edit`) names
    its own, so the register shows who issued it rather than the system."""
    _check(actor, institution, permission)
    _check_upload(fields.get("file"))
    doc = Document(
        institution=institution,
        kind=kind,
        title=title,
        date=date,
        number=number.strip() or next_number(institution, date.year),
        author=actor,
        **fields,
    )
    _validate(doc)
    doc.full_clean(exclude=["year"])
    doc.save()
    audit.record(
        actor,
        "document.register",
        doc,
        institution=institution,
        changes={"kind": kind, "number": doc.number, "date": date.isoformat(), "file": doc.filename},
    )
    return doc


@transaction.atomic
def update_document(actor: User | None, doc: Document, **changes: Any) -> Document:
    _check(actor, doc.institution)
    _check_upload(changes.get("file"))
    doc = Document.objects.select_for_update().get(pk=doc.pk)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    fields = [name for name in changes if name != "file"]  # a file is compared by its name
    before = audit.snapshot(doc, fields)
    old_file = doc.filename
    for name, value in changes.items():
        setattr(doc, name, value)
    _validate(doc)
    doc.full_clean(exclude=["year"])
    doc.save()
    diff = audit.diff(before, audit.snapshot(doc, fields))
    if "file" in changes and doc.filename != old_file:
        diff["file"] = [old_file, doc.filename]
    if diff:
        audit.record(actor, "document.update", doc, institution=doc.institution, changes=diff)
    return doc


@transaction.atomic
def delete_document(actor: User | None, doc: Document) -> None:
    _check(actor, doc.institution)
    audit.record(
        actor,
        "document.delete",
        doc,
        institution=doc.institution,
        changes={"kind": doc.kind, "number": doc.number},
    )
    doc.delete()


def security_report_of(institution: Institution, year: int, quarter: int) -> Document | None:
    return Document.objects.filter(
        institution=institution, kind=DocumentKind.SECURITY_REPORT, year=year, quarter=quarter
    ).first()


@transaction.atomic
def save_security_report(
    actor: User | None,
    institution: Institution,
    *,
    year: int,
    quarter: int,
    date: datetime.date,
    content: dict[str, str],
    authors: str = "",
    replace: bool = False,
) -> Document:
    """The quarterly information-security report (line 37) as a PDF in the register.

    One per quarter: a second one replaces the first (its number stays) only when asked to.
    """
    _check(actor, institution)
    if date.year != year:
        raise ValidationError({"date": _("The report's date must be in %(year)s.") % {"year": year}})
    pdf = security.report_pdf(institution, year, quarter, date, content, authors)
    file = ContentFile(pdf, name=f"{institution.code}-security-{year}-q{quarter}.pdf")
    title = security.title(year, quarter)
    existing = security_report_of(institution, year, quarter)
    if existing is not None:
        if not replace:
            raise ValidationError(
                _(
                    "A security report for this quarter is already registered "
                    "(№ %(number)s of %(date)s): tick “replace” to amend it."
                )
                % {"number": existing.number, "date": existing.date.isoformat()}
            )
        return update_document(
            actor, existing, title=title, date=date, authors=authors, file=file, content=content
        )
    return register_document(
        actor,
        institution,
        kind=DocumentKind.SECURITY_REPORT,
        title=title,
        date=date,
        authors=authors,
        file=file,
        quarter=quarter,
        content=content,
    )
