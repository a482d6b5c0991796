"""XLSX of the cash summary of a day or the totals of a period (the same layout), written by
the shared tabular writer (`core/tabular.py`)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kutubxona.core.tabular import Document, Section, to_xlsx
from kutubxona.services.summaries import Line, Summary


def _table(heading: str, lines: list[Line]) -> Section:
    return Section(
        heading=heading,
        headers=[heading, _("Receipts"), _("Quantity"), _("Amount, so'm")],
        rows=[[line.label, line.count, line.quantity, line.amount] for line in lines],
        widths=[45, 16, 16, 16],
    )


def summary_xlsx(summary: Summary, title: str) -> bytes:
    receipts = Section(
        heading=_("Receipts"),
        headers=[
            _("Number"),
            _("Date"),
            _("Service"),
            _("Quantity"),
            _("Amount, so'm"),
            _("Payer"),
            _("Payment method"),
            _("Cancelled"),
        ],
        rows=[
            [
                str(receipt),
                date_format(receipt.issued_on, "SHORT_DATE_FORMAT"),
                receipt.service.name,
                receipt.quantity,
                receipt.amount,
                receipt.payer,
                str(receipt.get_method_display()),
                receipt.cancel_reason if receipt.cancelled else "",
            ]
            for receipt in [*summary.receipts, *summary.cancelled]
        ],
    )
    total = Section(
        heading=_("Total"),
        headers=[_("Receipts"), _("Amount, so'm")],
        rows=[[summary.total.count, summary.total.amount]],
    )
    sections = [
        _table(_("Payment method"), summary.by_method),
        _table(_("Service"), summary.by_service),
        _table(_("Kind"), summary.by_kind),
        total,
        receipts,
    ]
    return to_xlsx(Document(title=summary.institution.name, subtitle=title, sections=sections))
