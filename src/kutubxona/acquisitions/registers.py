"""The collection's registers as numbers and tables: the collection register (KSU, parts 1-3),
the accession register, the rare list and a stock-take's report (page, XLSX, PDF via tabular)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kutubxona.acquisitions.models import (
    Accession,
    BalanceGroup,
    DocType,
    OpeningBalance,
    RareCopy,
    Receipt,
    ReceiptLine,
    ScanOutcome,
    Stocktake,
    StocktakeScan,
    Withdrawal,
    WithdrawnCopy,
)
from kutubxona.catalog.classification import class_name
from kutubxona.catalog.forms import LANGUAGES
from kutubxona.catalog.models import Copy, CopyStatus
from kutubxona.core.tabular import Document, Section
from kutubxona.institutions.models import Institution

ZERO = Decimal(0)


@dataclass
class Amount:
    copies: int = 0
    value: Decimal = ZERO


@dataclass
class Totals:
    """Part 3 of the collection register: the collection at the start of the year, what came
    and went during it, and what is left at its end."""

    start: Amount
    received: Amount
    withdrawn: Amount

    @property
    def end(self) -> Amount:
        return Amount(
            self.start.copies + self.received.copies - self.withdrawn.copies,
            self.start.value + self.received.value - self.withdrawn.value,
        )


def opening(institution_ids: Sequence[int], last: datetime.date) -> Amount:
    """The opening balances carried over by `last`: they are the start of every period after
    their date (a balance dated 31 December 2020 is the start of 2021)."""
    carried = OpeningBalance.objects.filter(
        institution_id__in=list(institution_ids), as_of__lt=last
    ).aggregate(c=Sum("copies"), v=Sum("value"))
    return Amount(carried["c"] or 0, carried["v"] or ZERO)


def totals(institution_ids: Sequence[int], first: datetime.date, last: datetime.date) -> Totals:
    """Three grouped queries (opening balances, accessions, withdrawn copies), whatever the
    collection's size. A cancelled receipt's accessions do not count; a cancelled act has no
    withdrawn copies left."""
    ids = list(institution_ids)
    carried = opening(ids, last)
    before, during = Q(received_on__lt=first), Q(received_on__gte=first, received_on__lte=last)
    came = Accession.objects.filter(institution_id__in=ids, cancelled=False).aggregate(
        bc=Count("id", filter=before),
        bv=Sum("price", filter=before),
        dc=Count("id", filter=during),
        dv=Sum("price", filter=during),
    )
    before, during = Q(withdrawn_on__lt=first), Q(withdrawn_on__gte=first, withdrawn_on__lte=last)
    went = WithdrawnCopy.objects.filter(institution_id__in=ids).aggregate(
        bc=Count("id", filter=before),
        bv=Sum("price", filter=before),
        dc=Count("id", filter=during),
        dv=Sum("price", filter=during),
    )
    return Totals(
        start=Amount(
            carried.copies + came["bc"] - went["bc"],
            carried.value + (came["bv"] or ZERO) - (went["bv"] or ZERO),
        ),
        received=Amount(came["dc"], came["dv"] or ZERO),
        withdrawn=Amount(went["dc"], went["dv"] or ZERO),
    )


def year_span(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def money(value: Decimal | None) -> str:
    return f"{(value or ZERO):,.2f}".replace(",", " ")


def party_text(receipt: Receipt) -> str:
    documents = [
        (_("contract"), receipt.contract_number),
        (_("invoice"), receipt.invoice_number),
        (_("agreement"), receipt.agreement),
        (_("deed"), receipt.deed_number),
    ]
    shown = ", ".join(f"{label} № {number}" for label, number in documents if number)
    return " · ".join(part for part in (receipt.party, shown) if part)


def register_title(institution: Institution, year: int) -> str:
    return _("Register of the whole collection (KSU), %(year)s: %(library)s") % {
        "year": year,
        "library": institution.short,
    }


def register_document(institution: Institution, year: int) -> Document:
    first, last = year_span(year)
    receipts = Receipt.objects.filter(institution=institution, date__gte=first, date__lte=last).order_by(
        "date", "number"
    )
    acts = Withdrawal.objects.filter(institution=institution, date__gte=first, date__lte=last).order_by(
        "date", "number"
    )
    by_type = {
        (row["receipt_id"], row["doc_type"]): row["n"]
        for row in ReceiptLine.objects.filter(receipt__in=receipts)
        .order_by()
        .values("receipt_id", "doc_type")
        .annotate(n=Sum("quantity"))
    }
    t = totals([institution.pk], first, last)
    carried = OpeningBalance.objects.filter(institution=institution).first()
    brought = carried if carried is not None and carried.first_year == year else None
    part1 = [_brought_forward(brought)] if brought else []
    part1 += [
        [
            r.number,
            r.date.isoformat(),
            r.get_source_display(),
            _cancelled(r) or party_text(r),
            "" if r.is_cancelled else r.copies,
            "" if r.is_cancelled else money(r.total),
            *["" if r.is_cancelled else by_type.get((r.pk, kind), 0) for kind in DocType.values],
        ]
        for r in receipts
    ]
    part3 = [
        [_("At the start of the year"), t.start.copies, money(t.start.value)],
        [_("Received"), t.received.copies, money(t.received.value)],
        [_("Withdrawn"), t.withdrawn.copies, money(t.withdrawn.value)],
        [_("At the end of the year"), t.end.copies, money(t.end.value)],
    ]
    return Document(
        title=register_title(institution, year),
        subtitle=_("Parts 1-3: receipts, withdrawals, totals"),
        wide=True,
        sections=[
            Section(
                _("Part 1. Receipts"),
                [
                    _("No."),
                    _("Date"),
                    _("Source"),
                    _("From, document"),
                    _("Copies"),
                    _("Value"),
                    *[str(label) for label in DocType.labels],
                ],
                part1,
                [8, 12, 24, 50, 10, 16],
            ),
            Section(
                _("Part 2. Withdrawals"),
                [_("No."), _("Date"), _("Reason"), _("Note"), _("Copies"), _("Value")],
                [
                    [
                        w.number,
                        w.date.isoformat(),
                        w.get_reason_display(),
                        _cancelled(w) or w.note,
                        "" if w.is_cancelled else w.copies,
                        "" if w.is_cancelled else money(w.total),
                    ]
                    for w in acts
                ],
            ),
            Section(_("Part 3. Totals of the collection"), [_("Collection"), _("Copies"), _("Value")], part3),
            *_part1_splits(receipts, brought),
        ],
    )


def _subject_short(key: str) -> str:
    if ":" not in key:
        return _("not classified")
    scheme, notation = key.split(":", 1)
    return f"{_('UDC') if scheme == 'udc' else _('BBK')} {notation}"


def _part1_splits(receipts: QuerySet[Receipt], carried: OpeningBalance | None) -> list[Section]:
    """Part 1's copies by subject area and by language, as the paper register has them: one
    row per receipt (the brought-forward line first), a column per class or language met."""
    live = receipts.filter(cancelled_on__isnull=True)
    language_order = {code: n for n, code in enumerate(LANGUAGE_NAMES)}
    sections = []
    for group, field, heading, label, order in (
        (
            BalanceGroup.SUBJECT,
            "subject",
            _("Part 1 by subject area (UDC/BBK main class)"),
            _subject_short,
            None,
        ),
        (BalanceGroup.LANGUAGE, "language", _("Part 1 by language"), _language_name, language_order),
    ):
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        for row in (
            ReceiptLine.objects.filter(receipt__in=live)
            .order_by()
            .values("receipt_id", field)
            .annotate(n=Sum("quantity"))
        ):
            counts[row["receipt_id"]][row[field]] = row["n"]
        opening = (
            {line.key: line.copies for line in carried.lines.filter(group=group)}
            if carried is not None
            else {}
        )
        keys = {key for per in counts.values() for key in per} | set(opening)
        columns = sorted(keys, key=lambda k: (order.get(k, 99) if order else 0, k))
        rows: list[list[object]] = [["—", *[opening.get(k, 0) for k in columns]]] if opening else []
        rows += [[r.number, *[counts[r.pk].get(k, 0) for k in columns]] for r in live]
        sections.append(Section(heading, [_("No."), *[label(k) for k in columns]], rows))
    return sections


def _language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code)) if code else _("not given")


LANGUAGE_NAMES = dict(LANGUAGES)


def _cancelled(entry: Receipt | Withdrawal) -> str:
    """The mark of a cancelled line of the register (its figures are left blank)."""
    if entry.cancelled_on is None:
        return ""
    return _("CANCELLED %(day)s: %(reason)s (was %(copies)s copies, %(value)s)") % {
        "day": entry.cancelled_on.isoformat(),
        "reason": entry.cancel_reason,
        "copies": entry.copies,
        "value": money(entry.total),
    }


def _brought_forward(balance: OpeningBalance) -> list[object]:
    """Part 1's first line: the collection carried over from the paper register."""
    by_type = {line.key: line.copies for line in balance.lines.filter(group=BalanceGroup.TYPE)}
    return [
        "—",
        balance.as_of.isoformat(),
        _("brought forward from the paper register"),
        balance.note,
        balance.copies,
        money(balance.value),
        *[by_type.get(kind, 0) for kind in DocType.values],
    ]


def subject_label(subject: str) -> str:
    if ":" not in subject:
        return _("not classified")
    scheme, notation = subject.split(":", 1)
    label = _("UDC") if scheme == "udc" else _("BBK")
    return f"{label} {notation} {class_name(scheme, notation)}".strip()


def breakdown(receipt: Receipt) -> dict[str, list[tuple[str, int, Decimal]]]:
    """The receipt's copies and value by type, language and subject area."""
    groups: dict[str, dict[str, list[object]]] = {"type": {}, "language": {}, "subject": {}}
    types = dict(DocType.choices)
    for line in receipt.lines.all():
        keys = {
            "type": str(types.get(line.doc_type, line.doc_type)),
            "language": str(LANGUAGE_NAMES.get(line.language, line.language or "—")),
            "subject": subject_label(line.subject),
        }
        for group, key in keys.items():
            entry = groups[group].setdefault(key, [0, ZERO])
            entry[0] = int(str(entry[0])) + line.quantity
            entry[1] = Decimal(str(entry[1])) + line.price * line.quantity
    return {
        group: sorted(((k, int(str(v[0])), Decimal(str(v[1]))) for k, v in rows.items()), key=lambda r: -r[1])
        for group, rows in groups.items()
    }


def withdrawal_document(act: Withdrawal) -> Document:
    """The withdrawal act as printed for signing: its copies with their prices and the total."""
    items = act.items.select_related("copy__record").order_by("copy__accession_number")
    rows: list[list[object]] = [
        [
            i.copy.accession_number,
            i.copy.record.title,
            i.copy.record.author,
            i.copy.record.year or "",
            money(i.price),
        ]
        for i in items
    ]
    rows.append(["", _("Total"), "", act.copies, money(act.total)])
    # A cancelled act printed again must say so (its copies are back; only its numbers are left).
    if act.is_cancelled:
        rows = [[number, "", "", "", ""] for number in act.cancelled_copies]
        rows.append(["", _cancelled(act), "", "", ""])
    return Document(
        title=_("Withdrawal act № %(number)s of %(year)s") % {"number": act.number, "year": act.year},
        subtitle=f"{act.institution.short}; {act.date.isoformat()}; {act.get_reason_display()}"
        + (f"; {act.note}" if act.note else "")
        + (f"; {_cancelled(act)}" if act.is_cancelled else ""),
        sections=[Section("", [_("Accession no."), _("Title"), _("Author"), _("Year"), _("Price")], rows)],
    )


def accession_title(institution: Institution, year: int) -> str:
    return _("Accession register, %(year)s: %(library)s") % {"year": year, "library": institution.short}


def accession_rows(institution: Institution, year: int) -> list[list[object]]:
    accessions = (
        Accession.objects.filter(institution=institution, received_on__year=year)
        .select_related("line__receipt", "copy__withdrawal__withdrawal")
        .order_by("number")
    )
    rows: list[list[object]] = []
    cancelled = _("cancelled")
    for a in accessions:
        line = a.line
        gone = getattr(a.copy, "withdrawal", None) if a.copy else None
        rows.append(
            [
                a.number,
                a.received_on.isoformat(),
                f"{line.receipt.number}",
                " / ".join(p for p in (line.title, line.author) if p),
                line.year or "",
                money(a.price),
                cancelled
                if a.cancelled
                else f"№ {gone.withdrawal.number} {gone.withdrawn_on.isoformat()}"
                if gone
                else "",
            ]
        )
    return rows


ACCESSION_HEADERS: list[str | Promise] = [
    gettext_lazy("Accession no."),
    gettext_lazy("Received"),
    gettext_lazy("Receipt"),
    gettext_lazy("Title / author"),
    gettext_lazy("Year"),
    gettext_lazy("Price"),
    gettext_lazy("Withdrawn"),
]


def accession_document(institution: Institution, year: int) -> Document:
    return Document(
        title=accession_title(institution, year),
        subtitle=_("One line per copy"),
        wide=True,
        sections=[
            Section(
                "",
                [str(h) for h in ACCESSION_HEADERS],
                accession_rows(institution, year),
                [10, 12, 8, 60, 6, 14, 18],
            )
        ],
    )


def rare_rows(institution: Institution) -> list[RareCopy]:
    """The rare list: the rare copies still in the collection (a withdrawn one keeps its mark,
    for the history, but is no longer listed)."""
    rows = RareCopy.objects.filter(institution=institution).exclude(copy__status=CopyStatus.WITHDRAWN)
    return list(rows.select_related("copy__record"))


def rare_title(institution: Institution) -> str:
    return _("List of rare and valuable items: %(library)s") % {"library": institution.short}


def rare_document(institution: Institution, rows: Sequence[RareCopy], day: datetime.date) -> Document:
    return Document(
        title=rare_title(institution),
        subtitle=_("As of %(day)s") % {"day": day.isoformat()},
        sections=[
            Section(
                "",
                [_("Accession no."), _("Title"), _("Author"), _("Year"), _("Reason"), _("Marked")],
                [
                    [
                        r.copy.accession_number,
                        r.copy.record.title,
                        r.copy.record.author,
                        r.copy.record.year or "",
                        r.reason,
                        r.marked_on.isoformat(),
                    ]
                    for r in rows
                ],
            )
        ],
    )


def _copy_rows(copies: Sequence[Copy]) -> list[list[object]]:
    return [
        [
            c.accession_number,
            c.barcode,
            c.record.title,
            c.sector.name if c.sector else "",
            c.get_collection_display(),
        ]
        for c in copies
    ]


def stocktake_lists(stocktake: Stocktake) -> dict[str, list[StocktakeScan] | list[Copy]]:
    """The report's lists: scans by outcome, and (once closed) the copies missing and on loan."""
    scans: dict[str, list[StocktakeScan]] = defaultdict(list)
    for s in StocktakeScan.objects.filter(stocktake=stocktake).select_related("copy__record", "copy__sector"):
        scans[s.outcome].append(s)
    lists: dict[str, list[StocktakeScan] | list[Copy]] = dict(scans)
    if not stocktake.is_open:
        for key in ("missing", "on_loan"):
            ids = stocktake.summary.get(key, [])
            lists[key] = list(
                Copy.objects.filter(pk__in=ids)
                .select_related("record", "sector")
                .order_by("accession_number")
            )
    return lists


def stocktake_document(stocktake: Stocktake) -> Document:
    lists = stocktake_lists(stocktake)
    summary = stocktake.summary
    labels = dict(ScanOutcome.choices)
    sections = [
        Section(
            _("In figures"),
            [_("What"), _("Copies")],
            [
                [_("Expected"), summary.get("expected", "")],
                [labels[ScanOutcome.FOUND], summary.get("found", "")],
                [labels[ScanOutcome.MISSING], len(summary.get("missing", []))],
                [labels[ScanOutcome.ON_LOAN], len(summary.get("on_loan", []))],
                [labels[ScanOutcome.MISPLACED], summary.get("misplaced", "")],
                [labels[ScanOutcome.UNKNOWN], summary.get("unknown", "")],
                [labels[ScanOutcome.WITHDRAWN], summary.get("withdrawn", "")],
            ],
        )
    ]
    headers = [_("Accession no."), _("Barcode"), _("Title"), _("Sector"), _("Collection")]
    for key in ("missing", "on_loan"):
        copies = [c for c in lists.get(key, []) if isinstance(c, Copy)]
        sections.append(Section(capfirst(str(labels[key])), headers, _copy_rows(copies)))
    for key in (ScanOutcome.MISPLACED, ScanOutcome.WITHDRAWN):
        copies = [s.copy for s in lists.get(key, []) if isinstance(s, StocktakeScan) and s.copy]
        sections.append(Section(capfirst(str(labels[key])), headers, _copy_rows(copies)))
    unknown = [s for s in lists.get(ScanOutcome.UNKNOWN, []) if isinstance(s, StocktakeScan)]
    sections.append(
        Section(
            capfirst(str(labels[ScanOutcome.UNKNOWN])),
            [_("Code"), _("Scanned")],
            [[s.code, s.scanned_at.strftime("%Y-%m-%d %H:%M")] for s in unknown],
        )
    )
    scope = " · ".join(
        p for p in (stocktake.sector.name if stocktake.sector else "", stocktake.get_collection_label()) if p
    )
    return Document(
        title=_("Stock-take report: %(title)s") % {"title": stocktake.title},
        subtitle=_("%(library)s; %(scope)s; %(start)s – %(end)s")
        % {
            "library": stocktake.institution.short,
            "scope": scope,
            "start": stocktake.started_on.isoformat(),
            "end": stocktake.closed_on.isoformat() if stocktake.closed_on else "…",
        },
        sections=sections,
    )
