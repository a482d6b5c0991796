"""Simple tabular documents (a heading and a few tables) as XLSX and PDF.

The staff reports and the library directory are lists and small count tables, not the plan's
official layout (planning/xlsx.py, planning/pdf.py); they share this one writer.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html import escape

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kutubxona.core.pdf_fonts import BOLD, REGULAR, register_fonts

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE6EE")


@dataclass
class Section:
    heading: str
    headers: list[str]
    rows: list[list[object]]
    widths: list[int] = field(default_factory=list)  # XLSX column widths (characters)


@dataclass
class Document:
    title: str
    subtitle: str
    sections: list[Section]
    wide: bool = False  # landscape PDF


def _text(value: object) -> str:
    return "" if value is None else escape(str(value))


def to_xlsx(doc: Document) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    # Excel refuses these characters in a sheet's name, and names longer than 31.
    sheet.title = re.sub(r"[\\/*?:\[\]]", " ", doc.title)[:31].strip() or "Sheet"
    sheet["A1"] = doc.title
    sheet["A1"].font = Font(bold=True, size=12)
    sheet["A2"] = doc.subtitle
    row = 4
    widths: dict[int, int] = {}
    for section in doc.sections:
        if section.heading:
            sheet.cell(row=row, column=1, value=section.heading).font = Font(bold=True)
            row += 1
        for column, header in enumerate(section.headers, start=1):
            cell = sheet.cell(row=row, column=column, value=header)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.border = BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for values in section.rows:
            row += 1
            for column, value in enumerate(values, start=1):
                plain = str(value) if isinstance(value, Promise) else value  # lazy labels
                cell = sheet.cell(row=row, column=column, value=plain)
                cell.border = BORDER
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column, width in enumerate(section.widths, start=1):
            widths[column] = max(widths.get(column, 0), width)
        row += 2
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_pdf(doc: Document) -> bytes:
    register_fonts()
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=8, leading=10)
    bold = ParagraphStyle("bold", parent=cell, fontName=BOLD)
    title = ParagraphStyle("title", fontName=BOLD, fontSize=12, leading=15)
    subtitle = ParagraphStyle("subtitle", fontName=REGULAR, fontSize=9, leading=12)
    story: list[object] = [
        Paragraph(escape(doc.title), title),
        Paragraph(escape(doc.subtitle), subtitle),
        Spacer(1, 4 * mm),
    ]
    for section in doc.sections:
        if section.heading:
            story += [Paragraph(escape(section.heading), bold), Spacer(1, 2 * mm)]
        rows = [[Paragraph(escape(h), bold) for h in section.headers]]
        rows += [[Paragraph(_text(v), cell) for v in values] for values in section.rows]
        table = Table(rows, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE6EE")),
                ]
            )
        )
        story += [table, Spacer(1, 5 * mm)]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4) if doc.wide else A4,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=doc.title,
    ).build(story)
    return buffer.getvalue()
