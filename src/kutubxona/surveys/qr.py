"""The public link's QR code (segno: pure Python, SVG and PNG without Pillow) and a small
poster to print and hang in the reading room (reportlab, DejaVu for Cyrillic titles)."""

from __future__ import annotations

import io

import segno
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kutubxona.core.pdf_fonts import BOLD, REGULAR, register_fonts
from kutubxona.surveys.models import Survey


def qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, scale: int = 8) -> bytes:
    out = io.BytesIO()
    qr_code(url).save(out, kind="svg", scale=scale, xmldecl=False, title=url)
    return out.getvalue()


def qr_png(url: str, scale: int = 10) -> bytes:
    out = io.BytesIO()
    qr_code(url).save(out, kind="png", scale=scale)
    return out.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def poster_pdf(survey: Survey, url: str) -> bytes:
    """An A5 page: the institution, the survey's title, the QR code drawn module by module, the link."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A5)
    canvas.setTitle(survey.title)
    page_w, page_h = A5
    y = page_h - 18 * mm
    canvas.setFont(REGULAR, 11)
    canvas.drawCentredString(page_w / 2, y, survey.institution.short)
    y -= 12 * mm
    canvas.setFont(BOLD, 16)
    for line in _wrap(survey.title, 40)[:3]:
        canvas.drawCentredString(page_w / 2, y, line)
        y -= 7 * mm
    y -= 3 * mm
    canvas.setFont(REGULAR, 11)
    canvas.drawCentredString(page_w / 2, y, _("Scan the code with your phone and answer the survey."))
    matrix = qr_code(url).matrix
    size = 80 * mm
    module = size / (len(matrix) + 8)  # 4 modules of quiet zone on each side
    left, top = (page_w - size) / 2 + 4 * module, y - 6 * mm - 4 * module
    for row, bits in enumerate(matrix):
        for col, bit in enumerate(bits):
            if bit:
                canvas.rect(left + col * module, top - (row + 1) * module, module, module, stroke=0, fill=1)
    canvas.setFont(REGULAR, 8)
    canvas.drawCentredString(page_w / 2, top - size + 2 * mm, url)
    canvas.setFont(REGULAR, 10)
    dates = f"{survey.opens_on:%d.%m.%Y} – {survey.closes_on:%d.%m.%Y}"
    canvas.drawCentredString(page_w / 2, 14 * mm, dates)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
