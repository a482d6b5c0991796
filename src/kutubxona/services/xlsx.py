"""XLSX of the cash summary of a day or the totals of a period (the same layout)."""

from __future__ import annotations

import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from kutubxona.services.summaries import Line, Summary


def _table(sheet: Worksheet, row: int, heading: str, lines: list[Line]) -> int:
    sheet.cell(row=row, column=1, value=heading).font = Font(bold=True)
    row += 1
    for column, header in enumerate([heading, _("Receipts"), _("Quantity"), _("Amount, so'm")], start=1):
        sheet.cell(row=row, column=column, value=header).font = Font(bold=True)
    for line in lines:
        row += 1
        for column, value in enumerate([line.label, line.count, line.quantity, line.amount], start=1):
            sheet.cell(row=row, column=column, value=value)
    return row + 2


def summary_xlsx(summary: Summary, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Summary")[:31]
    sheet["A1"] = summary.institution.name
    sheet["A1"].font = Font(bold=True, size=12)
    sheet["A2"] = title
    sheet.column_dimensions["A"].width = 45
    for letter in "BCDEFGH":
        sheet.column_dimensions[letter].width = 16
    row = _table(sheet, 4, _("Payment method"), summary.by_method)
    row = _table(sheet, row, _("Service"), summary.by_service)
    row = _table(sheet, row, _("Kind"), summary.by_kind)
    sheet.cell(row=row, column=1, value=_("Total")).font = Font(bold=True)
    sheet.cell(row=row, column=2, value=summary.total.count)
    sheet.cell(row=row, column=4, value=summary.total.amount).font = Font(bold=True)
    row += 2
    sheet.cell(row=row, column=1, value=_("Receipts")).font = Font(bold=True)
    headers = [
        _("Number"),
        _("Date"),
        _("Service"),
        _("Quantity"),
        _("Amount, so'm"),
        _("Payer"),
        _("Payment method"),
        _("Cancelled"),
    ]
    row += 1
    for column, header in enumerate(headers, start=1):
        sheet.cell(row=row, column=column, value=header).font = Font(bold=True)
    for receipt in [*summary.receipts, *summary.cancelled]:
        row += 1
        values = [
            str(receipt),
            date_format(receipt.issued_on, "SHORT_DATE_FORMAT"),
            receipt.service.name,
            receipt.quantity,
            receipt.amount,
            receipt.payer,
            str(receipt.get_method_display()),
            receipt.cancel_reason if receipt.cancelled else "",
        ]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
