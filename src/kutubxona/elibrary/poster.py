"""A QR board's poster: A4 portrait, the board's title and place at the top, then a grid of its
e-books, each with its QR code (vector squares from segno's matrix, sharp at any print size), the
short description and the short link in text for those without a camera. DejaVu Sans carries
Uzbek (o', g', sh) and Cyrillic. As many pages as the e-books need.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import segno
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from kutubxona.core.pdf_fonts import BOLD, REGULAR, register_fonts

COLUMNS, ROWS = 2, 3
MARGIN = 15 * mm
HEADER = 32 * mm
QR_SIZE = 48 * mm
QUIET = 2  # modules of white around the code (the cell's border gives more)


@dataclass(frozen=True)
class PosterItem:
    description: str
    url: str


def qr_matrix(url: str) -> tuple[tuple[int, ...], ...]:
    """The code's dark (1) and light (0) modules, row by row, without the quiet zone."""
    code = segno.make(url, error="m", micro=False)
    return tuple(tuple(row) for row in code.matrix)


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code of `url` in a `size` square whose lower left corner is (x, y): each run of
    dark modules in a row is one rectangle."""
    matrix = qr_matrix(url)
    module = size / (len(matrix) + 2 * QUIET)
    top = y + size - QUIET * module
    for row, bits in enumerate(matrix):
        col = 0
        while col < len(bits):
            if not bits[col]:
                col += 1
                continue
            start = col
            while col < len(bits) and bits[col]:
                col += 1
            left = x + (QUIET + start) * module
            # A hair wider than the run, so neighbouring rows print without white seams.
            canvas.rect(
                left, top - (row + 1) * module, (col - start) * module + 0.01, module + 0.01, stroke=0, fill=1
            )


def _lines(canvas: Canvas, text: str, font: str, size: float, width: float, most: int) -> list[str]:
    lines = simpleSplit(text, font, size, width)
    if len(lines) > most:
        lines = lines[:most]
        while lines[-1] and canvas.stringWidth(lines[-1] + "…", font, size) > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    return lines


def _header(canvas: Canvas, title: str, place: str, library: str, page: int, pages: int) -> None:
    width, height = A4
    canvas.setFont(BOLD, 20)
    y = height - MARGIN - 8 * mm
    for line in _lines(canvas, title, BOLD, 20, width - 2 * MARGIN, 2):
        canvas.drawCentredString(width / 2, y, line)
        y -= 8 * mm
    canvas.setFont(REGULAR, 12)
    for line in _lines(canvas, place, REGULAR, 12, width - 2 * MARGIN, 2):
        canvas.drawCentredString(width / 2, y, line)
        y -= 5 * mm
    canvas.setFont(REGULAR, 8)
    footer = library if pages == 1 else f"{library} · {page}/{pages}"
    canvas.drawCentredString(width / 2, MARGIN / 2, footer)
    canvas.drawCentredString(
        width / 2, MARGIN / 2 + 10, _("Scan a code with your phone's camera to read the book.")
    )


def _cell(canvas: Canvas, item: PosterItem, x: float, y: float, w: float, h: float) -> None:
    canvas.setLineWidth(0.3)
    canvas.setStrokeGray(0.7)
    canvas.rect(x, y, w, h, stroke=1, fill=0)
    canvas.setFillGray(0)
    draw_qr(canvas, item.url, x + (w - QR_SIZE) / 2, y + h - QR_SIZE - 3 * mm, QR_SIZE)
    text_y = y + h - QR_SIZE - 9 * mm
    canvas.setFont(BOLD, 10)
    for line in _lines(canvas, item.description, BOLD, 10, w - 8 * mm, 3):
        canvas.drawCentredString(x + w / 2, text_y, line)
        text_y -= 4.6 * mm
    canvas.setFont(REGULAR, 9)
    canvas.drawCentredString(x + w / 2, y + 4 * mm, item.url)


def poster_pdf(title: str, place: str, library: str, items: Sequence[PosterItem]) -> bytes:
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setTitle(title)
    canvas.setAuthor(library)
    width, height = A4
    cell_w = (width - 2 * MARGIN) / COLUMNS
    cell_h = (height - 2 * MARGIN - HEADER) / ROWS
    per_page = COLUMNS * ROWS
    pages = max(1, -(-len(items) // per_page))
    for page in range(pages):
        _header(canvas, title, place, library, page + 1, pages)
        for index, item in enumerate(items[page * per_page : (page + 1) * per_page]):
            row, col = divmod(index, COLUMNS)
            x = MARGIN + col * cell_w
            y = height - MARGIN - HEADER - (row + 1) * cell_h
            _cell(canvas, item, x + 2 * mm, y + 2 * mm, cell_w - 4 * mm, cell_h - 4 * mm)
        canvas.showPage()
    canvas.save()
    return out.getvalue()
