"""The reader card as PDF: one ID-1 sized card (85.6 × 54 mm) with a Code 128 barcode."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kutubxona.catalog.labels import draw_barcode
from kutubxona.core.pdf_fonts import BOLD, REGULAR, register_fonts
from kutubxona.readers.models import Reader

CARD_W, CARD_H = 85.6 * mm, 54 * mm
PAD = 4 * mm


def card_pdf(reader: Reader) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(CARD_W, CARD_H))
    canvas.setTitle(_("Reader card"))
    canvas.setFont(BOLD, 8)
    canvas.drawString(PAD, CARD_H - PAD - 6, reader.institution.short)
    canvas.setFont(REGULAR, 7)
    canvas.drawString(PAD, CARD_H - PAD - 15, _("Reader card"))
    canvas.setFont(BOLD, 10)
    canvas.drawString(PAD, CARD_H - PAD - 28, reader.full_name[:40])
    canvas.setFont(REGULAR, 7)
    since = _("Reader since %(year)s") % {"year": reader.registered_on.year}
    canvas.drawString(PAD, CARD_H - PAD - 37, since)
    draw_barcode(canvas, reader.card, PAD, PAD, CARD_W - 2 * PAD, height=10 * mm)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
