"""PDF of a report in the official table layout (landscape A4), with fonts for Cyrillic."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kutubxona.core.pdf_fonts import register_fonts
from kutubxona.planning.layout import approx, deadline_label, report_headers, unit_label
from kutubxona.planning.report import Report

WIDTHS = [25, 190, 45, 40, 40, 40, 40, 40, 32, 50, 150, 50, 38]


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value.normalize():,f}".replace(",", " ")


def report_pdf(report: Report) -> bytes:
    register_fonts()
    cell = ParagraphStyle("cell", fontName="DejaVu", fontSize=6.5, leading=8)
    bold = ParagraphStyle("bold", parent=cell, fontName="DejaVu-Bold")
    title = ParagraphStyle("title", fontName="DejaVu-Bold", fontSize=12, leading=15)
    subtitle = ParagraphStyle("subtitle", fontName="DejaVu", fontSize=9, leading=12)
    plan = report.plan
    story: list[object] = [
        Paragraph(plan.institution.name, title),
        Paragraph(
            _("Work plan %(year)s: report for %(period)s")
            % {"year": plan.year, "period": report.period.label},
            subtitle,
        ),
        Spacer(1, 4 * mm),
    ]
    rows: list[list[object]] = [[Paragraph(h, bold) for h in report_headers(plan.year)]]
    section_rows = []
    for section, lines in report.by_section():
        section_rows.append(len(rows))
        rows.append([Paragraph(section.code, bold), Paragraph(section.name, bold), *[""] * 11])
        for r in lines:
            line = r.line
            rows.append(
                [
                    Paragraph(line.number, cell),
                    Paragraph(line.name, cell),
                    Paragraph(unit_label(line.unit), cell),
                    *(
                        Paragraph(_fmt(v), cell)
                        for v in (
                            line.last_year,
                            line.target,
                            approx(r.period_target),
                            r.actual,
                            r.cumulative,
                            r.percent,
                        )
                    ),
                    Paragraph(str(r.status.label), cell),
                    Paragraph(line.mechanism, cell),
                    Paragraph(deadline_label(line), cell),
                    Paragraph(line.services_display, cell),
                ]
            )
    table = Table(rows, colWidths=WIDTHS, repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE6EE")),
    ]
    for index in section_rows:
        style += [
            ("SPAN", (1, index), (-1, index)),
            ("BACKGROUND", (0, index), (-1, index), colors.HexColor("#F1F4F7")),
        ]
    table.setStyle(TableStyle(style))
    story.append(table)
    if report.warnings:
        story += [Spacer(1, 4 * mm), Paragraph(_("Warnings"), bold)]
        story += [Paragraph(f"{w.line_number}: {w.message}", cell) for w in report.warnings]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=f"{plan.institution.short} {plan.year} {report.period.code}",
    ).build(story)
    return buffer.getvalue()
