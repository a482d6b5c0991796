"""Every change to receipts, withdrawals, the rare collection and stock-takes goes through here.

Each checks the actor's permission (`actor=None` is the system: the demo), runs in one
transaction and writes the audit entry. A stock-take's scans are their own record (who
scanned what, when): they write no audit entry each, opening and closing do.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from kutubxona.acquisitions import numbering
from kutubxona.acquisitions.models import (
    Accession,
    BalanceGroup,
    DocType,
    OpeningBalance,
    OpeningLine,
    RareCopy,
    Receipt,
    ReceiptLine,
    ScanOutcome,
    Source,
    Stocktake,
    StocktakeScan,
    Withdrawal,
    WithdrawalReason,
    WithdrawnCopy,
)
from kutubxona.catalog import actions as catalog_actions
from kutubxona.catalog.marc.from_form import Book, to_marc
from kutubxona.catalog.models import Copy, CopyCollection, CopyStatus, Record
from kutubxona.core import audit
from kutubxona.documents import actions as documents
from kutubxona.documents.models import Document, DocumentKind
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, Sector, User
from kutubxona.institutions.roles import Perm

GIFTS = {Source.GIFT_PERSON, Source.GIFT_ORG}


def _require(actor: User | None, institution: Institution, perm: str = Perm.ACQUISITIONS_EDIT) -> None:
    if actor is not None:
        require(actor, perm, institution)


def _numbers(values: Sequence[str]) -> str:
    shown = ", ".join(values[:10])
    return shown + (" …" if len(values) > 10 else "")


# --- Receipts -----------------------------------------------------------------------------------


@dataclass
class LineInput:
    """A title of a receipt as typed: linked to a record, or described for the cataloguing queue."""

    quantity: int
    price: Decimal
    record: Record | None = None
    title: str = ""
    author: str = ""
    isbn: str = ""
    year: int | None = None
    doc_type: str = DocType.BOOK
    language: str = ""
    subject: str = ""


def main_class(udc: str, bbk: str) -> str:
    """The subject area a receipt counts a title under: the UDC main class, else BBK's."""
    if udc[:1].isdigit():
        return f"udc:{udc[0]}"
    if bbk[:1].isdigit():
        return f"bbk:{bbk[0]}"
    return ""


def doc_type_of(record: Record) -> str:
    if record.bibliographic_level == "s":
        return DocType.PERIODICAL
    return {
        "a": DocType.BOOK,
        "t": DocType.BOOK,
        "c": DocType.BOOK,
        "g": DocType.AUDIOVISUAL,
        "i": DocType.AUDIOVISUAL,
        "j": DocType.AUDIOVISUAL,
        "m": DocType.ELECTRONIC,
    }.get(record.record_type, DocType.OTHER)


def _check_receipt(institution: Institution, fields: dict[str, Any], lines: Sequence[LineInput]) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    source = fields.get("source")
    if source not in Source.values:
        add("source", _("Choose where the copies came from."))
    day = fields.get("date")
    if day is None:
        add("date", _("Give the date the copies were received."))
    elif day > timezone.localdate():
        add("date", _("A receipt cannot be dated in the future."))
    elif (opening := OpeningBalance.objects.filter(institution=institution).first()) and day <= opening.as_of:
        add(
            "date",
            _("The opening balance counts the collection up to %(day)s: date the receipt after it.")
            % {"day": opening.as_of.isoformat()},
        )
    if source != Source.LEGAL_DEPOSIT and not str(fields.get("party", "")).strip():
        add("party", _("Name the supplier, exchange partner or donor."))
    if source == Source.PURCHASE and not (fields.get("contract_number") or fields.get("invoice_number")):
        add("invoice_number", _("A purchase needs its contract or invoice number."))
    if source in GIFTS and not str(fields.get("deed_number", "")).strip():
        add("deed_number", _("A gift needs the number of its deed (dalolatnoma)."))
    if not lines:
        add("__all__", _("A receipt needs at least one copy: add the titles received."))
    for number, line in enumerate(lines, start=1):
        if line.quantity is None or line.quantity < 1:
            add("__all__", _("Line %(n)s: the number of copies must be at least 1.") % {"n": number})
        if line.price is None or line.price < 0:
            add("__all__", _("Line %(n)s: a price cannot be negative.") % {"n": number})
        if line.record is None and not line.title.strip():
            add("__all__", _("Line %(n)s: link a record or type the title.") % {"n": number})
        if line.record is not None and line.record.institution_id != institution.pk:
            add("__all__", _("Line %(n)s: the record belongs to another library.") % {"n": number})
    if errors:
        raise ValidationError(errors)


def _line(receipt: Receipt, given: LineInput) -> ReceiptLine:
    line = ReceiptLine(receipt=receipt, quantity=given.quantity, price=given.price, record=given.record)
    if given.record is not None:
        record = given.record
        line.title, line.author, line.isbn, line.year = (
            record.title[:500],
            record.author,
            record.isbn,
            record.year,
        )
        line.language = record.language
        line.subject = main_class(record.udc, record.bbk)
        line.doc_type = doc_type_of(record)
        line.catalogued_at = timezone.now()
    else:
        line.title, line.author, line.isbn, line.year = (
            given.title.strip(),
            given.author,
            given.isbn,
            given.year,
        )
        line.language, line.subject, line.doc_type = given.language, given.subject, given.doc_type
    return line


def _make_copies(line: ReceiptLine, status: str, sector: Sector | None) -> int:
    """The copies of a line whose record exists, under the accession numbers it was given."""
    assert line.record is not None
    accessions = list(line.accessions.filter(copy__isnull=True, cancelled=False))
    now = timezone.now()
    copies = Copy.objects.bulk_create(
        [
            Copy(
                institution_id=line.receipt.institution_id,
                record=line.record,
                accession_number=str(a.number),
                sector=sector,
                status=status,
                price=a.price,
                created_at=now,
                updated_at=now,
            )
            for a in accessions
        ]
    )
    for accession, copy in zip(accessions, copies, strict=True):
        accession.copy = copy
    Accession.objects.bulk_update(accessions, ["copy"])
    return len(copies)


RECEIPT_FIELDS = [
    "date",
    "source",
    "party",
    "contract_number",
    "invoice_number",
    "agreement",
    "deed_number",
    "note",
]


@transaction.atomic
def receive(
    actor: User | None,
    institution: Institution,
    *,
    lines: Sequence[LineInput],
    status: str = CopyStatus.IN_PROCESSING,
    sector: Sector | None = None,
    **fields: Any,
) -> Receipt:
    """A batch of copies received: numbered receipt, accession numbers in sequence, the copies
    of linked titles created, the others waiting in the cataloguing queue."""
    _require(actor, institution)
    unknown = set(fields) - set(RECEIPT_FIELDS)
    if unknown:
        raise ValueError(f"not a receipt field: {sorted(unknown)}")
    _check_receipt(institution, fields, lines)
    if sector is not None and sector.institution_id != institution.pk:
        raise ValidationError({"sector": _("The sector must belong to the receiving library.")})
    day: datetime.date = fields["date"]
    receipt = Receipt(
        institution=institution,
        year=day.year,
        number=numbering.reserve(institution, f"receipt-{day.year}"),
        created_by=actor,
        **fields,
    )
    receipt.full_clean(exclude=["year"])
    receipt.save()
    made = [_line(receipt, given) for given in lines]
    ReceiptLine.objects.bulk_create(made)
    numbers = iter(numbering.accession_numbers(institution, sum(line.quantity for line in made)))
    Accession.objects.bulk_create(
        [
            Accession(
                institution=institution,
                number=next(numbers),
                line=line,
                received_on=day,
                source=receipt.source,
                price=line.price,
            )
            for line in made
            for _copy in range(line.quantity)
        ]
    )
    for line in made:
        if line.record is not None:
            _make_copies(line, status, sector)
    receipt.copies = sum(line.quantity for line in made)
    receipt.total = sum((line.price * line.quantity for line in made), Decimal(0))
    receipt.save(update_fields=["copies", "total"])
    audit.record(
        actor,
        "acquisitions.receipt.create",
        receipt,
        institution=institution,
        changes=audit.snapshot(receipt, RECEIPT_FIELDS)
        | {"copies": receipt.copies, "total": str(receipt.total)},
    )
    return receipt


def queue(institution_ids: Sequence[int]) -> QuerySet[ReceiptLine]:
    """The cataloguing queue: titles received that have no record yet, oldest first."""
    return (
        ReceiptLine.objects.filter(
            receipt__institution_id__in=list(institution_ids),
            record__isnull=True,
            receipt__cancelled_on__isnull=True,
        )
        .select_related("receipt")
        .order_by("receipt__date", "id")
    )


@transaction.atomic
def catalogue_line(
    actor: User | None,
    line: ReceiptLine,
    record: Record | None = None,
    *,
    status: str = CopyStatus.IN_PROCESSING,
    sector: Sector | None = None,
) -> Record:
    """A queued title turned into a record (a new brief record, or an existing one named), and
    its copies created under the accession numbers given at the receipt."""
    institution = line.receipt.institution
    _require(actor, institution)
    line = (
        ReceiptLine.objects.select_for_update(of=("self",))
        .select_related("receipt__institution")
        .get(pk=line.pk)
    )
    if line.record_id is not None:
        raise ValidationError(_("This title is already catalogued."))
    if line.receipt.is_cancelled:
        raise ValidationError(_("The receipt of this title is cancelled."))
    if record is None:
        _require(actor, institution, Perm.CATALOG_EDIT)
        book = Book(
            title=line.title,
            first_author=line.author,
            year=str(line.year or ""),
            isbns=[line.isbn] if line.isbn else [],
            language=line.language,
        )
        record = catalog_actions.create_record(
            actor, institution, to_marc(book, cataloguing_language="uzb", agency=institution.code)
        )
    elif record.institution_id != institution.pk:
        raise ValidationError(_("The record belongs to another library."))
    line.record = record
    line.catalogued_at = timezone.now()
    if not line.subject:
        line.subject = main_class(record.udc, record.bbk)
    line.save(update_fields=["record", "catalogued_at", "subject"])
    made = _make_copies(line, status, sector)
    audit.record(
        actor,
        "acquisitions.line.catalogue",
        line.receipt,
        institution=institution,
        changes={"line": line.pk, "record": record.pk, "copies": made},
    )
    return record


def find_record(institution: Institution, text: str) -> list[Record]:
    """Records a receipt's line may link to, by ISBN, a copy's accession number or barcode,
    `#id`, or words of the title (script- and apostrophe-blind)."""
    from kutubxona.catalog.marc.isbn import normalize as normalize_isbn
    from kutubxona.core.text import fold

    text = text.strip()
    records = Record.objects.filter(institution=institution)
    if not text:
        return []
    if text.startswith("#") and text[1:].isdigit():
        return list(records.filter(pk=int(text[1:])))
    isbn = normalize_isbn(text) if any(c.isdigit() for c in text) else None
    if isbn:
        found = list(records.filter(Q(isbn=isbn) | Q(isbns__contains=isbn))[:10])
        if found:
            return found
    copy = (
        Copy.objects.filter(institution=institution)
        .filter(Q(accession_number=text) | Q(barcode=text))
        .first()
    )
    if copy is not None:
        return [copy.record]
    query = records
    for word in fold(text).split():
        query = query.filter(search_key__contains=word)
    return list(query.order_by("title")[:10])


# --- Withdrawals --------------------------------------------------------------------------------


@transaction.atomic
def withdraw(
    actor: User | None,
    institution: Institution,
    *,
    date: datetime.date,
    reason: str,
    copies: Sequence[Copy],
    note: str = "",
) -> Withdrawal:
    """A withdrawal act: its copies are marked withdrawn. A copy on loan or already withdrawn
    is refused, and then nothing is written."""
    _require(actor, institution)
    if reason not in WithdrawalReason.values:
        raise ValidationError({"reason": _("Choose the reason of the withdrawal.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("A withdrawal act cannot be dated in the future.")})
    if not copies:
        raise ValidationError(_("Name the copies to withdraw."))
    ids = [copy.pk for copy in copies]
    locked = list(Copy.objects.select_for_update().filter(pk__in=ids).order_by("accession_number"))
    if any(copy.institution_id != institution.pk for copy in locked) or len(locked) != len(set(ids)):
        raise ValidationError(_("Only the library's own copies can be withdrawn."))
    on_loan = [c.accession_number for c in locked if c.status == CopyStatus.ON_LOAN]
    if on_loan:
        raise ValidationError(
            _("Copies on loan cannot be withdrawn until they are returned: %(numbers)s.")
            % {"numbers": _numbers(on_loan)}
        )
    gone = [c.accession_number for c in locked if c.status == CopyStatus.WITHDRAWN]
    if gone:
        raise ValidationError(_("Already withdrawn: %(numbers)s.") % {"numbers": _numbers(gone)})
    _check_opening(institution, date, locked)
    _check_received_by(date, ids)
    act = Withdrawal(
        institution=institution,
        year=date.year,
        number=numbering.reserve(institution, f"withdrawal-{date.year}"),
        date=date,
        reason=reason,
        note=note,
        created_by=actor,
        copies=len(locked),
        total=sum((c.price or Decimal(0) for c in locked), Decimal(0)),
    )
    act.full_clean(exclude=["year"])
    act.save()
    WithdrawnCopy.objects.bulk_create(
        [
            WithdrawnCopy(
                withdrawal=act,
                institution=institution,
                copy=c,
                withdrawn_on=date,
                price=c.price or 0,
                previous_status=c.status,
            )
            for c in locked
        ]
    )
    Copy.objects.filter(pk__in=ids).update(status=CopyStatus.WITHDRAWN, updated_at=timezone.now())
    audit.record(
        actor,
        "acquisitions.withdrawal.create",
        act,
        institution=institution,
        changes={
            "date": date.isoformat(),
            "reason": reason,
            "copies": [c.accession_number for c in locked],
            "total": str(act.total),
        },
    )
    return act


def _check_received_by(date: datetime.date, copy_ids: Sequence[int]) -> None:
    """An act cannot be dated before a copy it lists was received (the accession register
    would show it gone before it came)."""
    came = Accession.objects.filter(copy__in=copy_ids, received_on__gt=date).order_by("received_on").first()
    if came is not None:
        raise ValidationError(
            {
                "date": _("Copy %(number)s was received on %(day)s: the act cannot be dated before it.")
                % {"number": came.number, "day": came.received_on.isoformat()}
            }
        )


def copies_by_numbers(institution: Institution, text: str) -> tuple[list[Copy], list[str]]:
    """The copies named by accession numbers or barcodes (separated by spaces, commas or lines),
    and the codes that name none."""
    codes = list(dict.fromkeys(text.replace(",", " ").split()))
    found = Copy.objects.filter(institution=institution).filter(
        Q(accession_number__in=codes) | Q(barcode__in=codes)
    )
    copies = list(found.select_related("record"))
    known = {c.accession_number for c in copies} | {c.barcode for c in copies}
    return copies, [code for code in codes if code not in known]


# --- The rare collection ------------------------------------------------------------------------


@transaction.atomic
def mark_rare(
    actor: User | None, institution: Institution, copies: Sequence[Copy], reason: str, day: datetime.date
) -> int:
    """Move copies into the rare collection with the reason; returns how many moved (a copy
    already rare stays as it was)."""
    _require(actor, institution)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the copies are rare or valuable.")})
    if not copies:
        raise ValidationError(_("Name the copies to mark rare."))
    if any(c.institution_id != institution.pk for c in copies):
        raise ValidationError(_("Only the library's own copies can be marked."))
    withdrawn = [c.accession_number for c in copies if c.status == CopyStatus.WITHDRAWN]
    if withdrawn:
        raise ValidationError(
            _("Withdrawn copies cannot be marked rare: %(numbers)s.") % {"numbers": _numbers(withdrawn)}
        )
    already = set(RareCopy.objects.filter(copy__in=copies).values_list("copy_id", flat=True))
    new = [c for c in copies if c.pk not in already]
    RareCopy.objects.bulk_create(
        [
            RareCopy(
                institution=institution,
                copy=c,
                reason=reason.strip(),
                previous_collection=c.collection,
                marked_on=day,
                marked_by=actor,
            )
            for c in new
        ]
    )
    Copy.objects.filter(pk__in=[c.pk for c in new]).update(
        collection=CopyCollection.RARE, updated_at=timezone.now()
    )
    if new:
        audit.record(
            actor,
            "acquisitions.rare.mark",
            None,
            institution=institution,
            changes={"copies": [c.accession_number for c in new], "reason": reason.strip()},
        )
    return len(new)


@transaction.atomic
def unmark_rare(actor: User | None, rare: RareCopy) -> None:
    """Take a copy out of the rare collection, back into the collection it came from."""
    institution = rare.copy.institution
    _require(actor, institution)
    Copy.objects.filter(pk=rare.copy_id).update(
        collection=rare.previous_collection, updated_at=timezone.now()
    )
    audit.record(
        actor,
        "acquisitions.rare.unmark",
        rare.copy,
        institution=institution,
        changes={"reason": rare.reason, "collection": rare.previous_collection},
    )
    rare.delete()


@transaction.atomic
def issue_rare_list(actor: User | None, institution: Institution, day: datetime.date) -> Document:
    """The list of the rare collection as a PDF, registered in the documents register (line 24)
    by the actor, who needs `acquisitions.edit` for it (not `documents.edit`, which acquisitions
    staff do not hold)."""
    from kutubxona.acquisitions import registers
    from kutubxona.core import tabular

    _require(actor, institution)
    rows = registers.rare_rows(institution)
    if not rows:
        raise ValidationError(_("The rare collection is empty: mark copies rare first."))
    pdf = tabular.to_pdf(registers.rare_document(institution, rows, day))
    doc = documents.register_document(
        actor,
        institution,
        permission=Perm.ACQUISITIONS_EDIT,
        kind=DocumentKind.RARE_LIST,
        title=str(registers.rare_title(institution)),
        date=day,
        authors=actor.get_full_name() if actor else "",
        file=ContentFile(pdf, name=f"{institution.code}-rare-{day.isoformat()}.pdf"),
        note=_("%(count)s copies") % {"count": len(rows)},
    )
    audit.record(
        actor, "acquisitions.rare.issue", doc, institution=institution, changes={"copies": len(rows)}
    )
    return doc


# --- Stock-taking -------------------------------------------------------------------------------


def in_scope(stocktake: Stocktake) -> Q:
    """The copies a stock-take covers: its sector and/or collection."""
    condition = Q(institution_id=stocktake.institution_id)
    if stocktake.sector_id:
        condition &= Q(sector_id=stocktake.sector_id)
    if stocktake.collection:
        condition &= Q(collection=stocktake.collection)
    return condition


# Copies expected on the shelf; on-loan copies are accounted for by their loan.
ON_SHELF = [CopyStatus.AVAILABLE, CopyStatus.IN_PROCESSING]


@transaction.atomic
def open_stocktake(
    actor: User | None,
    institution: Institution,
    *,
    title: str,
    started_on: datetime.date,
    collection: str = "",
    sector: Sector | None = None,
) -> Stocktake:
    _require(actor, institution)
    if sector is not None and sector.institution_id != institution.pk:
        raise ValidationError({"sector": _("The sector must belong to the library.")})
    if collection and collection not in CopyCollection.values:
        raise ValidationError({"collection": _("Choose a collection.")})
    stocktake = Stocktake(
        institution=institution,
        title=title.strip(),
        started_on=started_on,
        collection=collection,
        sector=sector,
        created_by=actor,
    )
    stocktake.full_clean()
    stocktake.save()
    cache.delete(_shelf_key(stocktake))  # a reused id (a test's rollback) must not see old counts
    audit.record(
        actor,
        "acquisitions.stocktake.open",
        stocktake,
        institution=institution,
        changes={"title": stocktake.title, "collection": collection, "sector": sector.pk if sector else None},
    )
    return stocktake


@dataclass
class ScanResult:
    scan: StocktakeScan
    repeated: bool
    message: str


def _outcome(stocktake: Stocktake, copy: Copy | None) -> str:
    if copy is None:
        return ScanOutcome.UNKNOWN
    if copy.status == CopyStatus.WITHDRAWN:
        return ScanOutcome.WITHDRAWN
    if stocktake.sector_id and copy.sector_id != stocktake.sector_id:
        return ScanOutcome.MISPLACED
    if stocktake.collection and copy.collection != stocktake.collection:
        return ScanOutcome.MISPLACED
    return ScanOutcome.FOUND


def _message(scan: StocktakeScan, repeated: bool) -> str:
    if repeated:
        return _("%(code)s was already scanned in this stock-take: counted once.") % {"code": scan.code}
    copy = scan.copy
    values = {"code": scan.code, "title": copy.record.title if copy else ""}
    texts: dict[str, str] = {
        ScanOutcome.FOUND: _("%(code)s found: %(title)s."),
        ScanOutcome.MISPLACED: _("%(code)s belongs to another sector or collection: %(title)s."),
        ScanOutcome.UNKNOWN: _("%(code)s is not a copy of this library."),
        ScanOutcome.WITHDRAWN: _("%(code)s was withdrawn from the collection: %(title)s."),
    }
    return texts.get(scan.outcome, "%(code)s") % values


def _copy_of(institution_id: int, code: str) -> Copy | None:
    """The copy a scanned code names: its barcode, else its accession number (two index
    lookups; an OR of both would scan the table)."""
    copies = Copy.objects.filter(institution_id=institution_id).select_related("record").order_by()
    # Unordered on purpose: ordering by accession number would walk that index instead.
    return next(iter(copies.filter(barcode=code)[:1]), None) or next(
        iter(copies.filter(accession_number=code)[:1]), None
    )


def scan(actor: User | None, stocktake: Stocktake, code: str) -> ScanResult:
    """One code scanned (a barcode or an accession number). A code scanned again is counted
    once and said so; a scan into a closed stock-take is refused.

    The usual scan is one new row: the unique constraints (a code, a copy once per
    stock-take) tell a repeat, also when two scanners send the same copy at the same moment.
    """
    _require(actor, stocktake.institution)
    code = code.strip()
    if not code:
        raise ValidationError({"code": _("Scan or type a barcode.")})
    if len(code) > 50:
        raise ValidationError({"code": _("This is not a barcode (too long).")})
    with transaction.atomic():
        # Locked against closing in between (PostgreSQL; SQLite's write lock does the same).
        current = Stocktake.objects.select_for_update().only(
            "institution_id", "sector_id", "collection", "closed_on"
        )
        current_row = current.get(pk=stocktake.pk)
        if not current_row.is_open:
            raise ValidationError(_("The stock-take is closed: scans are no longer taken."))
        copy = _copy_of(current_row.institution_id, code)
        try:
            with transaction.atomic():
                made = StocktakeScan.objects.create(
                    stocktake=current_row,
                    code=code,
                    copy=copy,
                    outcome=_outcome(current_row, copy),
                    scanned_by=actor,
                )
            return ScanResult(made, False, _message(made, False))
        except IntegrityError:  # scanned before, by this scanner or another
            condition = Q(code=code) | Q(copy=copy) if copy else Q(code=code)
            found = StocktakeScan.objects.select_related("copy__record").get(condition, stocktake=current_row)
            StocktakeScan.objects.filter(pk=found.pk).update(repeats=F("repeats") + 1)
            return ScanResult(found, True, _message(found, True))


@dataclass
class Progress:
    expected: int
    found: int
    on_loan: int
    misplaced: int
    unknown: int
    withdrawn: int

    @property
    def accounted(self) -> int:
        return self.found + self.on_loan

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.accounted / self.expected)) if self.expected else 100


# While scanning, the counts over the catalogue's copies (thousands of rows) are reused for a
# few seconds; the counts of the scans themselves are always fresh. Pages and closing count anew.
SHELF_SECONDS = 5


def _shelf_key(stocktake: Stocktake) -> str:
    return f"acquisitions:stocktake:{stocktake.pk}:shelf"


def _shelf_counts(stocktake: Stocktake) -> tuple[int, int]:
    scope = Copy.objects.filter(in_scope(stocktake))
    scanned = StocktakeScan.objects.filter(stocktake=stocktake, copy__isnull=False).values("copy_id")
    return (
        scope.filter(status__in=[*ON_SHELF, CopyStatus.ON_LOAN]).count(),
        scope.filter(status=CopyStatus.ON_LOAN).exclude(pk__in=scanned).count(),
    )


def progress(stocktake: Stocktake, *, while_scanning: bool = False) -> Progress:
    """Scanned against expected: the copies of the scope on the shelf or on loan."""
    shelf = cache.get(_shelf_key(stocktake)) if while_scanning else None
    if shelf is None:
        shelf = _shelf_counts(stocktake)
        cache.set(_shelf_key(stocktake), shelf, SHELF_SECONDS)
    expected, on_loan = shelf
    scans = StocktakeScan.objects.filter(stocktake=stocktake)
    counts = dict(scans.order_by().values_list("outcome").annotate(n=Count("id")))
    return Progress(
        expected=expected,
        found=counts.get(ScanOutcome.FOUND, 0),
        on_loan=on_loan,
        misplaced=counts.get(ScanOutcome.MISPLACED, 0),
        unknown=counts.get(ScanOutcome.UNKNOWN, 0),
        withdrawn=counts.get(ScanOutcome.WITHDRAWN, 0),
    )


def missing_copies(stocktake: Stocktake) -> QuerySet[Copy]:
    """The copies of the scope expected on the shelf and not scanned."""
    scanned = StocktakeScan.objects.filter(stocktake=stocktake, copy__isnull=False).values("copy_id")
    return Copy.objects.filter(in_scope(stocktake), status__in=ON_SHELF).exclude(pk__in=scanned)


@transaction.atomic
def close_stocktake(actor: User | None, stocktake: Stocktake, day: datetime.date) -> Stocktake:
    """Close: the copies not found are marked lost and the report is kept. Closing twice is refused."""
    _require(actor, stocktake.institution)
    current = Stocktake.objects.select_for_update().get(pk=stocktake.pk)
    if not current.is_open:
        raise ValidationError(
            _("This stock-take was already closed on %(day)s.") % {"day": current.closed_on.isoformat()}  # type: ignore[union-attr]
        )
    if day < current.started_on:
        raise ValidationError({"closed_on": _("A stock-take cannot close before it started.")})
    state = progress(current)
    missing = list(missing_copies(current).values_list("pk", flat=True))
    scanned = StocktakeScan.objects.filter(stocktake=current, copy__isnull=False).values("copy_id")
    on_loan = list(
        Copy.objects.filter(in_scope(current), status=CopyStatus.ON_LOAN)
        .exclude(pk__in=scanned)
        .values_list("pk", flat=True)
    )
    # Only copies still on the shelf's statuses: one lent or withdrawn since the list was made
    # keeps its status.
    Copy.objects.filter(pk__in=missing, status__in=ON_SHELF).update(
        status=CopyStatus.LOST, updated_at=timezone.now()
    )
    current.closed_on = day
    current.closed_by = actor
    current.summary = {
        "expected": state.expected,
        "found": state.found,
        "misplaced": state.misplaced,
        "unknown": state.unknown,
        "withdrawn": state.withdrawn,
        "on_loan": on_loan,
        "missing": missing,
    }
    current.save(update_fields=["closed_on", "closed_by", "summary"])
    audit.record(
        actor,
        "acquisitions.stocktake.close",
        current,
        institution=current.institution,
        changes={"closed_on": day.isoformat(), "missing": len(missing), "found": state.found},
    )
    return current


# --- The opening balance ------------------------------------------------------------------------


@dataclass
class BalanceInput:
    """The paper register's totals as typed: copies and value by type (these make the total),
    copies by language and by subject area (each, if given, must add up to the total)."""

    as_of: datetime.date
    by_type: dict[str, tuple[int, Decimal]]
    by_language: dict[str, int]
    by_subject: dict[str, int]
    note: str = ""

    @property
    def copies(self) -> int:
        return sum(copies for copies, _value in self.by_type.values())

    @property
    def value(self) -> Decimal:
        return sum((value for _copies, value in self.by_type.values()), Decimal(0))


def imported_withdrawn(institution: Institution) -> tuple[int, Decimal]:
    """Copies withdrawn that never came through a receipt (imported, typed in): they leave the
    opening balance, which holds them."""
    gone = WithdrawnCopy.objects.filter(institution=institution, copy__accession__isnull=True).aggregate(
        n=Count("id"), v=Sum("price")
    )
    return gone["n"], gone["v"] or Decimal(0)


def _check_opening(institution: Institution, day: datetime.date, copies: Sequence[Copy]) -> None:
    """A withdrawal dated inside the paper period, or taking more imported copies (or value)
    than the opening balance has left, is refused: no balance goes below zero."""
    opening = OpeningBalance.objects.select_for_update().filter(institution=institution).first()
    if opening is not None and day <= opening.as_of:
        raise ValidationError(
            {
                "date": _("The opening balance counts the collection up to %(day)s: date the act after it.")
                % {"day": opening.as_of.isoformat()}
            }
        )
    received = set(Accession.objects.filter(copy__in=list(copies)).values_list("copy_id", flat=True))
    imported = [c for c in copies if c.pk not in received]
    if not imported:
        return
    gone_copies, gone_value = imported_withdrawn(institution)
    left_copies = (opening.copies if opening else 0) - gone_copies
    left_value = (opening.value if opening else Decimal(0)) - gone_value
    value = sum((c.price or Decimal(0) for c in imported), Decimal(0))
    if len(imported) > left_copies or value > left_value:
        raise ValidationError(
            _(
                "Copies %(numbers)s came before the register was kept here, so they are counted in the "
                "opening balance, which has %(copies)s copies worth %(value)s left: enter or correct "
                "the opening balance (Collection register) first."
            )
            % {
                "numbers": _numbers([c.accession_number for c in imported]),
                "copies": max(left_copies, 0),
                "value": f"{max(left_value, Decimal(0)):.2f}",
            }
        )


def _check_balance(institution: Institution, given: BalanceInput) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if given.as_of > timezone.localdate():
        add("as_of", _("The opening balance cannot be dated in the future."))
    # A cancelled receipt or act counts nowhere: one typed with a wrong year must not hold the
    # balance's date back (it cannot be deleted).
    live = {"institution": institution, "cancelled_on__isnull": True}
    first = Receipt.objects.filter(**live).order_by("date").values_list("date", flat=True)
    first_act = Withdrawal.objects.filter(**live).order_by("date").values_list("date", flat=True)
    for day in (first.first(), first_act.first()):
        if day is not None and given.as_of >= day:
            add(
                "as_of",
                _(
                    "The register here starts on %(day)s (the first receipt or act): "
                    "the opening balance must be dated before it."
                )
                % {"day": day.isoformat()},
            )
            break
    numbers = [c for c, _v in given.by_type.values()] + list(given.by_language.values())
    numbers += list(given.by_subject.values())
    if any(n < 0 for n in numbers) or any(v < 0 for _c, v in given.by_type.values()):
        add("__all__", _("Copies and values cannot be negative."))
    total = given.copies
    for field, split in (("by_language", given.by_language), ("by_subject", given.by_subject)):
        if sum(split.values()) and sum(split.values()) != total:
            add(
                field,
                _("These copies add up to %(sum)s, but the copies by type add up to %(total)s.")
                % {"sum": sum(split.values()), "total": total},
            )
    gone_copies, gone_value = imported_withdrawn(institution)
    if total < gone_copies or given.value < gone_value:
        add(
            "__all__",
            _(
                "%(copies)s copies worth %(value)s that came before the register "
                "are already withdrawn: the balance cannot be less."
            )
            % {"copies": gone_copies, "value": f"{gone_value:.2f}"},
        )
    if errors:
        raise ValidationError(errors)


def _balance_state(balance: OpeningBalance) -> dict[str, Any]:
    lines = {f"{line.group}:{line.key}": [line.copies, str(line.value)] for line in balance.lines.all()}
    return audit.snapshot(balance, ["as_of", "copies", "value", "note"]) | {"lines": lines}


@transaction.atomic
def set_opening_balance(actor: User | None, institution: Institution, given: BalanceInput) -> OpeningBalance:
    """Enter or correct the opening balance. It stays editable (there is no closed year to
    guard); every change keeps the before and after in the audit log."""
    _require(actor, institution)
    balance = OpeningBalance.objects.select_for_update().filter(institution=institution).first()
    _check_balance(institution, given)
    before = _balance_state(balance) if balance else {}
    if balance is None:
        balance = OpeningBalance(institution=institution)
    balance.as_of, balance.note = given.as_of, given.note.strip()
    balance.copies, balance.value = given.copies, given.value
    balance.updated_at, balance.updated_by = timezone.now(), actor
    # One balance per institution is the database's to enforce (below), with our message: the
    # model's own uniqueness check would answer a desk that lost the race in Django's words.
    balance.full_clean(validate_unique=False)
    try:  # two desks entering the first balance at once: the second is told, not given a 500
        with transaction.atomic():
            balance.save()
    except IntegrityError as error:
        raise ValidationError(
            _("The opening balance was saved meanwhile at another desk: open the page again to see it.")
        ) from error
    balance.lines.all().delete()
    rows = [(BalanceGroup.TYPE, key, c, v) for key, (c, v) in given.by_type.items()]
    rows += [(BalanceGroup.LANGUAGE, key, c, Decimal(0)) for key, c in given.by_language.items()]
    rows += [(BalanceGroup.SUBJECT, key, c, Decimal(0)) for key, c in given.by_subject.items()]
    OpeningLine.objects.bulk_create(
        [OpeningLine(balance=balance, group=g, key=k, copies=c, value=v) for g, k, c, v in rows if c or v]
    )
    after = _balance_state(balance)
    audit.record(
        actor,
        "acquisitions.opening.set" if before else "acquisitions.opening.create",
        balance,
        institution=institution,
        changes=audit.diff(before, after) if before else after,
    )
    return balance


# --- Correcting and cancelling receipts ---------------------------------------------------------

# Copies in these states are still untouched by the library's work: a receipt's typing error
# may remove them. Lent, lost, withdrawn or rare copies have a history of their own.
UNTOUCHED = [CopyStatus.AVAILABLE, CopyStatus.IN_PROCESSING]


def _remove_copies(copies: Sequence[Copy], what: str) -> None:
    """Delete the copies a correction takes back, or refuse if anything depends on them."""
    # Locked before their state is read: a desk lending or withdrawing one of them right now
    # finishes first and the refusal names it (else the deletion failed at commit under its loan).
    copies = list(Copy.objects.select_for_update().filter(pk__in=[c.pk for c in copies]))
    used = [
        c.accession_number for c in copies if c.status not in UNTOUCHED or c.collection == CopyCollection.RARE
    ]
    if used:
        raise ValidationError(
            _(
                "%(what)s: copies %(numbers)s are lent, lost, withdrawn or "
                "rare; withdraw them with an act instead."
            )
            % {"what": what, "numbers": _numbers(used)}
        )
    # A stock-take's scan only loses its link when the copy goes (SET_NULL), but a copy found on
    # the shelf was not received by mistake, and the stock-take's report counted it.
    scanned = sorted(
        set(
            StocktakeScan.objects.filter(copy__in=[c.pk for c in copies]).values_list(
                "copy__accession_number", flat=True
            )
        )
    )
    if scanned:
        raise ValidationError(
            _(
                "%(what)s: copies %(numbers)s were counted in a stock-take, so they are in the "
                "collection; withdraw them with an act instead."
            )
            % {"what": what, "numbers": _numbers(scanned)}
        )
    try:
        with transaction.atomic():
            Copy.objects.filter(pk__in=[c.pk for c in copies]).delete()
    except ProtectedError as error:
        numbers = sorted({str(getattr(o, "copy", o)) for o in error.protected_objects})
        raise ValidationError(
            _(
                "%(what)s: the copies have a history (loans, exhibitions, "
                "withdrawals: %(numbers)s); withdraw them with an act instead."
            )
            % {"what": what, "numbers": _numbers(numbers)}
        ) from error


def _live(line: ReceiptLine) -> list[Accession]:
    return list(line.accessions.filter(cancelled=False).select_related("copy").order_by("number"))


def _drop(line: ReceiptLine, accessions: Sequence[Accession], what: str) -> None:
    """Take accessions back: their copies go, their numbers stay in the register, marked."""
    _remove_copies([a.copy for a in accessions if a.copy is not None], what)
    Accession.objects.filter(pk__in=[a.pk for a in accessions]).update(cancelled=True, copy=None)


def _refuse_cancelled(obj: Receipt | Withdrawal) -> None:
    if obj.is_cancelled:
        raise ValidationError(_("It is cancelled: a cancelled entry cannot be changed."))


def _refuse_written_off(line: ReceiptLine, what: str) -> None:
    """A written-off copy left the collection at its price then (the act's total, part 3's
    withdrawn value): its title's price cannot change under it, or the register stops adding up."""
    gone = list(
        WithdrawnCopy.objects.filter(copy__accession__line=line)
        .order_by("copy__accession_number")
        .values_list("copy__accession_number", flat=True)
    )
    if gone:
        raise ValidationError(
            _(
                "%(what)s: copies %(numbers)s are withdrawn by an act at the price they had, "
                "so the price cannot change; strike them off the act first."
            )
            % {"what": what, "numbers": _numbers(gone)}
        )


@dataclass
class LineChange:
    quantity: int
    price: Decimal


@transaction.atomic
def edit_receipt(
    actor: User | None, receipt: Receipt, *, lines: dict[int, LineChange] | None = None, **fields: Any
) -> Receipt:
    """Correct a saved receipt's typing errors: its details and date (within its year: the
    number is of the year), a title's copies and price. Copies taken back must be untouched;
    copies added get new accession numbers."""
    institution = receipt.institution
    _require(actor, institution)
    receipt = Receipt.objects.select_for_update().get(pk=receipt.pk)
    _refuse_cancelled(receipt)
    unknown = set(fields) - set(RECEIPT_FIELDS)
    if unknown:
        raise ValueError(f"not a receipt field: {sorted(unknown)}")
    changes = lines or {}
    # The lines are locked: a title being catalogued now gets its copies before they are counted.
    current = {line.pk: line for line in receipt.lines.select_for_update().order_by("pk")}
    if set(changes) - set(current):
        raise ValueError("a line of another receipt")
    merged = audit.snapshot(receipt, RECEIPT_FIELDS) | fields
    merged["date"] = fields.get("date", receipt.date)
    typed = [
        LineInput(
            quantity=changes[pk].quantity if pk in changes else line.quantity,
            price=changes[pk].price if pk in changes else line.price,
            record=line.record,
            title=line.title,
        )
        for pk, line in current.items()
    ]
    _check_receipt(institution, merged, typed)
    if merged["date"].year != receipt.year:
        raise ValidationError(
            {
                "date": _(
                    "A receipt's number is of its year (%(year)s): to move it to "
                    "another year, cancel it and enter it again."
                )
                % {"year": receipt.year}
            }
        )
    # A copy cannot leave the collection before it came: part 3 of a part of the year and the
    # accession register would show it withdrawn before it was received. Checked only when the
    # date moves later (an act older than the receipt, made before this check, blocks nothing else).
    gone = (
        WithdrawnCopy.objects.filter(copy__accession__line__receipt=receipt, withdrawn_on__lt=merged["date"])
        .select_related("copy")
        .order_by("withdrawn_on")
        .first()
        if merged["date"] > receipt.date
        else None
    )
    if gone is not None:
        raise ValidationError(
            {
                "date": _(
                    "Copy %(number)s of this receipt is withdrawn on %(day)s: date the receipt before it."
                )
                % {"number": gone.copy.accession_number, "day": gone.withdrawn_on.isoformat()}
            }
        )
    before = audit.snapshot(receipt, RECEIPT_FIELDS)
    for name, value in fields.items():
        setattr(receipt, name, value)
    receipt.full_clean(exclude=["year"])
    line_diff: dict[str, dict[str, list[Any]]] = {}
    for pk, change in changes.items():
        line = current[pk]
        old = {"quantity": line.quantity, "price": str(line.price)}
        what = _("Line “%(title)s”") % {"title": line.title}
        if change.price.quantize(Decimal("0.01")) != line.price:
            _refuse_written_off(line, what)
        live = _live(line)
        if change.quantity < len(live):
            _drop(line, live[change.quantity :], what)
        elif change.quantity > len(live):
            extra = numbering.accession_numbers(institution, change.quantity - len(live))
            Accession.objects.bulk_create(
                [
                    Accession(
                        institution=institution,
                        number=n,
                        line=line,
                        received_on=receipt.date,
                        source=receipt.source,
                        price=change.price,
                    )
                    for n in extra
                ]
            )
        line.quantity, line.price = change.quantity, change.price.quantize(Decimal("0.01"))
        line.save(update_fields=["quantity", "price"])
        Accession.objects.filter(line=line, cancelled=False).update(price=change.price)
        Copy.objects.filter(accession__line=line).update(price=change.price, updated_at=timezone.now())
        if line.record is not None:
            _make_copies(line, CopyStatus.IN_PROCESSING, None)
        new = {"quantity": line.quantity, "price": str(line.price)}
        if new != old:
            line_diff[f"line {pk}: {line.title[:60]}"] = audit.diff(old, new)
    Accession.objects.filter(line__receipt=receipt).update(received_on=receipt.date, source=receipt.source)
    receipt.copies = sum(line.quantity for line in receipt.lines.all())
    receipt.total = sum((line.price * line.quantity for line in receipt.lines.all()), Decimal(0))
    receipt.save()
    after = audit.snapshot(receipt, RECEIPT_FIELDS)
    audit.record(
        actor,
        "acquisitions.receipt.edit",
        receipt,
        institution=institution,
        changes=audit.diff(before, after) | line_diff,
    )
    return receipt


def _cancel_reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it is cancelled (the register keeps the reason).")})
    return reason.strip()


@transaction.atomic
def cancel_receipt(
    actor: User | None, receipt: Receipt, reason: str, day: datetime.date | None = None
) -> Receipt:
    """Cancel a receipt entered by mistake: it stays in the register under its number, marked;
    its accession numbers stay, marked; its copies are removed (refused if any has a history);
    its copies no longer count anywhere (lines 10.x move back)."""
    institution = receipt.institution
    _require(actor, institution)
    receipt = Receipt.objects.select_for_update().get(pk=receipt.pk)
    _refuse_cancelled(receipt)
    why = _cancel_reason(reason)
    # The lines are locked: a title being catalogued now gets its copies before they are removed.
    for line in receipt.lines.select_for_update().order_by("pk"):
        _drop(line, _live(line), _("Receipt № %(number)s") % {"number": receipt.number})
    receipt.cancelled_on = day or timezone.localdate()
    receipt.cancelled_by, receipt.cancel_reason = actor, why
    receipt.save(update_fields=["cancelled_on", "cancelled_by", "cancel_reason"])
    audit.record(
        actor,
        "acquisitions.receipt.cancel",
        receipt,
        institution=institution,
        changes={"reason": why, "copies": receipt.copies, "total": str(receipt.total)},
    )
    return receipt


# --- Correcting and cancelling withdrawal acts --------------------------------------------------


def _restore(items: Sequence[WithdrawnCopy], what: str) -> list[str]:
    """Give copies struck off an act back to the collection, in the state they were in; refused
    if a copy changed since (it is no longer the act's to give back)."""
    changed = [i.copy.accession_number for i in items if i.copy.status != CopyStatus.WITHDRAWN]
    if changed:
        raise ValidationError(
            _("%(what)s: copies %(numbers)s have changed since the act (they are no longer withdrawn).")
            % {"what": what, "numbers": _numbers(changed)}
        )
    now = timezone.now()
    for item in items:
        Copy.objects.filter(pk=item.copy_id).update(
            status=item.previous_status or CopyStatus.AVAILABLE, updated_at=now
        )
    WithdrawnCopy.objects.filter(pk__in=[i.pk for i in items]).delete()
    return [i.copy.accession_number for i in items]


def _act_items(act: Withdrawal) -> list[WithdrawnCopy]:
    return list(
        WithdrawnCopy.objects.filter(withdrawal=act).select_related("copy").select_for_update(of=("self",))
    )


@transaction.atomic
def edit_withdrawal(
    actor: User | None,
    act: Withdrawal,
    *,
    date: datetime.date,
    reason: str,
    note: str = "",
    strike: Sequence[int] = (),
) -> Withdrawal:
    """Correct a withdrawal act: its date (within its year), reason and note, and copies listed
    by mistake struck off it (they return to the collection)."""
    institution = act.institution
    _require(actor, institution)
    act = Withdrawal.objects.select_for_update().get(pk=act.pk)
    _refuse_cancelled(act)
    if reason not in WithdrawalReason.values:
        raise ValidationError({"reason": _("Choose the reason of the withdrawal.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("A withdrawal act cannot be dated in the future.")})
    if date.year != act.year:
        raise ValidationError(
            {
                "date": _(
                    "An act's number is of its year (%(year)s): to move it to "
                    "another year, cancel it and make a new one."
                )
                % {"year": act.year}
            }
        )
    items = _act_items(act)
    struck = [i for i in items if i.copy_id in set(strike)]
    if len(struck) != len(set(strike)):
        raise ValidationError(_("Only copies listed in the act can be struck off it."))
    if len(struck) == len(items):
        raise ValidationError(_("An act needs at least one copy: cancel the act instead."))
    kept = [i for i in items if i not in struck]
    _check_opening(institution, date, [])
    if date < act.date:
        _check_received_by(date, [i.copy_id for i in kept])
    before = audit.snapshot(act, ["date", "reason", "note", "copies", "total"])
    removed = _restore(struck, _("Act № %(number)s") % {"number": act.number})
    WithdrawnCopy.objects.filter(withdrawal=act).update(withdrawn_on=date)
    act.date, act.reason, act.note = date, reason, note
    act.copies, act.total = len(kept), sum((i.price for i in kept), Decimal(0))
    act.full_clean(exclude=["year"])
    act.save()
    changes: dict[str, Any] = audit.diff(
        before, audit.snapshot(act, ["date", "reason", "note", "copies", "total"])
    )
    if removed:
        changes["struck off"] = removed
    audit.record(actor, "acquisitions.withdrawal.edit", act, institution=institution, changes=changes)
    return act


@transaction.atomic
def cancel_withdrawal(
    actor: User | None, act: Withdrawal, reason: str, day: datetime.date | None = None
) -> Withdrawal:
    """Cancel an act made by mistake: it stays in the register under its number, marked, with
    the accession numbers it listed; its copies return to the collection."""
    institution = act.institution
    _require(actor, institution)
    act = Withdrawal.objects.select_for_update().get(pk=act.pk)
    _refuse_cancelled(act)
    why = _cancel_reason(reason)
    numbers = _restore(_act_items(act), _("Act № %(number)s") % {"number": act.number})
    act.cancelled_on = day or timezone.localdate()
    act.cancelled_by, act.cancel_reason, act.cancelled_copies = actor, why, sorted(numbers)
    act.save(update_fields=["cancelled_on", "cancelled_by", "cancel_reason", "cancelled_copies"])
    audit.record(
        actor,
        "acquisitions.withdrawal.cancel",
        act,
        institution=institution,
        changes={"reason": why, "copies": sorted(numbers), "total": str(act.total)},
    )
    return act
