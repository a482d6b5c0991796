"""Barcode labels of copies (Code 128) on an A4 sheet of 3 × 8 stickers, as PDF."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kutubxona.catalog.models import Copy
from kutubxona.core.pdf_fonts import BOLD, REGULAR, register_fonts

COLUMNS, ROWS = 3, 8
LABEL_W, LABEL_H = 70 * mm, 37 * mm  # the common 70 × 37 mm sticker sheet
MARGIN_X, MARGIN_Y = (A4[0] - COLUMNS * LABEL_W) / 2, (A4[1] - ROWS * LABEL_H) / 2
PAD = 3 * mm


def _fit(text: str, font: str, size: float, width: float, canvas: Canvas) -> str:
    """`text` cut (with an ellipsis) to fit `width` points."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _label(canvas: Canvas, copy: Copy, x: float, y: float) -> None:
    """One sticker: library, call number and accession number, title, the barcode and its digits."""
    inner = LABEL_W - 2 * PAD
    top = y + LABEL_H - PAD
    canvas.setFont(BOLD, 7)
    canvas.drawString(x + PAD, top - 7, _fit(copy.institution.short, BOLD, 7, inner, canvas))
    call_number = " ".join(part for part in (copy.record.udc, copy.shelf_location) if part)
    canvas.setFont(REGULAR, 7)
    canvas.drawRightString(x + LABEL_W - PAD, top - 7, f"№ {copy.accession_number}")
    canvas.drawString(x + PAD, top - 16, _fit(call_number, REGULAR, 7, inner, canvas))
    canvas.drawString(x + PAD, top - 25, _fit(copy.record.title, REGULAR, 7, inner, canvas))
    draw_barcode(canvas, copy.barcode or copy.accession_number, x + PAD, y + PAD, inner)


def draw_barcode(
    canvas: Canvas, code: str, x: float, y: float, width: float, height: float = 11 * mm
) -> None:
    """A Code 128 barcode centred in `width` from (x, y), narrowed to fit, its digits below it
    (also used by reader cards)."""
    barcode = Code128(code, barHeight=height, barWidth=0.3 * mm, humanReadable=False, quiet=False)
    scale = min(1.0, width / barcode.width)
    canvas.saveState()
    canvas.translate(x + (width - barcode.width * scale) / 2, y + 8)
    canvas.scale(scale, 1)
    barcode.drawOn(canvas, 0, 0)
    canvas.restoreState()
    # The digits in a standard font, so a person (and a test) can read them.
    canvas.setFont("Helvetica", 8)
    canvas.drawCentredString(x + width / 2, y, code)


def labels_pdf(copies: Sequence[Copy], *, compress: bool = True) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1 if compress else 0)
    canvas.setTitle("Kutubxona labels")
    per_page = COLUMNS * ROWS
    for index, copy in enumerate(copies):
        if index and index % per_page == 0:
            canvas.showPage()
        slot = index % per_page
        column, row = slot % COLUMNS, slot // COLUMNS
        _label(canvas, copy, MARGIN_X + column * LABEL_W, A4[1] - MARGIN_Y - (row + 1) * LABEL_H)
    if not copies:
        canvas.setFont(REGULAR, 10)
        canvas.drawString(MARGIN_X, A4[1] - MARGIN_Y, "—")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
