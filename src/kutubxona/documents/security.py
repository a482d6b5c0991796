"""The template of the quarterly information-security report to the regional library (line 37)."""

from __future__ import annotations

import datetime
import io
from html import escape

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from kutubxona.core.pdf_fonts import BOLD, REGULAR, register_fonts
from kutubxona.institutions.models import Institution
from kutubxona.planning.periods import ROMAN

SECTIONS = [
    ("antivirus", gettext_lazy("Antivirus protection: products, licences, state of the signatures")),
    ("updates", gettext_lazy("Updates of the operating systems and programs")),
    ("backups", gettext_lazy("Backups: what, how often, last restore test")),
    ("incidents", gettext_lazy("Incidents: viruses, intrusions, leaks, failures, and what was done")),
    ("network", gettext_lazy("Changes in the network and in access rights")),
    ("measures", gettext_lazy("Measures taken and planned")),
]


def title(year: int, quarter: int) -> str:
    return _("Information-security report, %(year)s quarter %(quarter)s") % {
        "year": year,
        "quarter": ROMAN[quarter - 1],
    }


def report_pdf(
    institution: Institution,
    year: int,
    quarter: int,
    date: datetime.date,
    content: dict[str, str],
    authors: str,
) -> bytes:
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13)
    heading = ParagraphStyle("heading", fontName=BOLD, fontSize=11, leading=14, spaceBefore=6)
    big = ParagraphStyle("title", fontName=BOLD, fontSize=13, leading=16)
    story: list[object] = [
        Paragraph(escape(institution.name), big),
        Paragraph(escape(title(year, quarter)), heading),
        Paragraph(escape(_("Date: %(date)s") % {"date": date.isoformat()}), body),
        Spacer(1, 4 * mm),
    ]
    for number, (key, label) in enumerate(SECTIONS, start=1):
        text = content.get(key, "").strip() or "—"
        story.append(Paragraph(f"{number}. {escape(str(label))}", heading))
        story += [Paragraph(escape(line), body) for line in text.splitlines() if line.strip()] or [
            Paragraph("—", body)
        ]
    if authors:
        story += [
            Spacer(1, 8 * mm),
            Paragraph(escape(_("Prepared by: %(authors)s") % {"authors": authors}), body),
        ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, title=title(year, quarter)
    ).build(story)
    return buffer.getvalue()
