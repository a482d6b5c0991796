"""Printable PDFs: a receipt (A6) and the approved price list (A4), with Cyrillic fonts."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kutubxona.core.pdf_fonts import BOLD, REGULAR, register_fonts
from kutubxona.institutions.models import Institution
from kutubxona.services.models import PaidService, Price, Receipt


def money(value: Decimal | None) -> str:
    """12 500 so'm is written with a space between thousands, as on Uzbek receipts."""
    if value is None:
        return "—"
    return f"{value.normalize():,f}".replace(",", " ")


def _styles(size: float) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    register_fonts()
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=size, leading=size * 1.25)
    bold = ParagraphStyle("bold", parent=cell, fontName=BOLD)
    title = ParagraphStyle("title", fontName=BOLD, fontSize=size + 3, leading=(size + 3) * 1.25)
    return cell, bold, title


def _build(story: list[object], pagesize: tuple[float, float], margin: float) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
    ).build(story)
    return buffer.getvalue()


def receipt_pdf(receipt: Receipt) -> bytes:
    cell, bold, title = _styles(8)
    rows = [
        (_("Date"), date_format(receipt.issued_on, "SHORT_DATE_FORMAT")),
        (_("Service"), f"{receipt.service.name} ({receipt.get_kind_display()})"),
        (_("Quantity"), f"{money(receipt.quantity)} {receipt.service.get_unit_display()}"),
        (_("Unit price"), money(receipt.unit_price) if receipt.unit_price else _("by agreement")),
        (_("Amount"), _("%(amount)s so'm") % {"amount": money(receipt.amount)}),
        (_("Payer"), receipt.payer),
        (_("Payment method"), receipt.get_method_display()),
        (_("Issued by"), receipt.issued_by.get_full_name() if receipt.issued_by else ""),
    ]
    if receipt.order_id:
        rows.append((_("Delivery order"), f"№{receipt.order_id}"))
    story: list[object] = [
        Paragraph(receipt.institution.name, bold),
        Spacer(1, 2 * mm),
        Paragraph(_("Receipt №%(number)s") % {"number": receipt}, title),
        Spacer(1, 3 * mm),
    ]
    if receipt.cancelled:
        story += [Paragraph(_("CANCELLED: %(reason)s") % {"reason": receipt.cancel_reason}, bold)]
    table = Table(
        [[Paragraph(k, cell), Paragraph(str(v), bold)] for k, v in rows], colWidths=[30 * mm, 64 * mm]
    )
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.grey)])
    )
    story += [table, Spacer(1, 8 * mm), Paragraph(_("Signature") + ": ____________________", cell)]
    return _build(story, A6, 6 * mm)


def price_list_pdf(
    institution: Institution, day: datetime.date, lines: list[tuple[PaidService, Price | None]]
) -> bytes:
    cell, bold, title = _styles(9)
    story: list[object] = [
        Paragraph(institution.name, bold),
        Spacer(1, 2 * mm),
        Paragraph(_("Price list of paid services"), title),
        Paragraph(_("Valid on %(day)s") % {"day": date_format(day, "SHORT_DATE_FORMAT")}, cell),
        Spacer(1, 4 * mm),
    ]
    rows: list[list[object]] = [
        [Paragraph(h, bold) for h in ("№", _("Service"), _("Unit"), _("Price, so'm"), _("Valid from"))]
    ]
    for number, (service, price) in enumerate(lines, start=1):
        rows.append(
            [
                Paragraph(str(number), cell),
                Paragraph(f"{service.name} ({service.get_kind_display()})", cell),
                Paragraph(str(service.get_unit_display()), cell),
                Paragraph(money(price.amount) if price else "—", cell),
                Paragraph(date_format(price.valid_from, "SHORT_DATE_FORMAT") if price else "", cell),
            ]
        )
    table = Table(rows, colWidths=[10 * mm, 95 * mm, 22 * mm, 25 * mm, 25 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE6EE")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [
        table,
        Spacer(1, 12 * mm),
        Paragraph(_("Approved by the director") + ": ____________________", cell),
    ]
    return _build(story, A4, 15 * mm)
