"""XLSX: the report and the plan in the official table layout, and reading a plan back."""

from __future__ import annotations

import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kutubxona.core.text import to_cyrillic
from kutubxona.planning.layout import deadline_label, plain_number, plan_headers, report_headers, unit_label
from kutubxona.planning.models import Plan, PlanLine, PlanSection
from kutubxona.planning.report import Report
from kutubxona.planning.rollup import Rollup
from kutubxona.planning.vocabulary import DEADLINE_UZ, Deadline

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE6EE")
SECTION_FILL = PatternFill("solid", fgColor="F1F4F7")
WRAP = Alignment(wrap_text=True, vertical="top")


def _uzbek_deadline(line: PlanLine, script: str) -> str:
    text = line.deadline_text or DEADLINE_UZ.get(Deadline(line.deadline), "")
    return to_cyrillic(text) if script == "uz-cyrl" else text


def _services(line: PlanLine) -> str:
    # Codes as the seed writes them (ALL included): the import reads this file back.
    return ", ".join(line.services)


def _sheet(
    title: str, institution: str, heading: str, headers: list[str], widths: list[int]
) -> tuple[Workbook, Worksheet]:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet["A1"] = institution
    sheet["A1"].font = Font(bold=True, size=12)
    sheet["A2"] = heading
    sheet["A2"].font = Font(bold=True)
    for column, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=4, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "C5"
    return workbook, sheet


def _section_row(sheet: Worksheet, row: int, section: PlanSection, columns: int) -> None:
    sheet.cell(row=row, column=1, value=section.code)
    sheet.cell(row=row, column=2, value=section.name)
    sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=columns)
    for column in (1, 2):
        sheet.cell(row=row, column=column).font = Font(bold=True)
        sheet.cell(row=row, column=column).fill = SECTION_FILL


def _write_row(sheet: Worksheet, row: int, values: list[object]) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=value)
        cell.alignment = WRAP
        cell.border = BORDER


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_xlsx(report: Report) -> bytes:
    plan = report.plan
    headers = report_headers(plan.year)
    workbook, sheet = _sheet(
        _("Report"),
        plan.institution.name,
        _("Work plan %(year)s: report for %(period)s") % {"year": plan.year, "period": report.period.label},
        headers,
        [7, 60, 12, 11, 11, 11, 11, 11, 10, 12, 45, 16, 12],
    )
    row = 5
    for section, lines in report.by_section():
        _section_row(sheet, row, section, len(headers))
        row += 1
        for r in lines:
            line = r.line
            _write_row(
                sheet,
                row,
                [
                    line.number,
                    line.name,
                    unit_label(line.unit),
                    plain_number(line.last_year),
                    plain_number(line.target),
                    plain_number(r.period_target),
                    plain_number(r.actual),
                    plain_number(r.cumulative),
                    plain_number(r.percent),
                    str(r.status.label),
                    line.mechanism,
                    deadline_label(line),
                    _services(line),
                ],
            )
            row += 1
    if report.warnings:
        row += 1
        sheet.cell(row=row, column=2, value=_("Warnings")).font = Font(bold=True)
        for warning in report.warnings:
            row += 1
            sheet.cell(row=row, column=2, value=warning.message)
    return _save(workbook)


def plan_xlsx(plan: Plan) -> bytes:
    """The plan alone, in the seed's layout: what `read_plan` imports back.

    Names and mechanisms are the plan's own Uzbek text (Cyrillic when the interface is), since
    that is what an import reads back; headers and units follow the interface language.
    """
    script = "uz-cyrl" if get_language() == "uz-cyrl" else "uz"
    headers = plan_headers(plan.year)
    workbook, sheet = _sheet(
        _("Plan"),
        plan.institution.name,
        _("Work plan for %(year)s") % {"year": plan.year},
        headers,
        [7, 60, 14, 12, 12, 50, 18, 14],
    )
    row = 5
    lines = list(PlanLine.objects.filter(plan=plan))
    for section in plan.sections.all():
        _section_row(sheet, row, section, len(headers))
        row += 1
        for line in (x for x in lines if x.section == section.code):
            _write_row(
                sheet,
                row,
                [
                    line.number,
                    line.name_in(script),
                    unit_label(line.unit),
                    plain_number(line.last_year),
                    plain_number(line.target),
                    to_cyrillic(line.mechanism_uz) if script == "uz-cyrl" else line.mechanism_uz,
                    _uzbek_deadline(line, script),
                    _services(line),
                ],
            )
            row += 1
    return _save(workbook)


def rollup_xlsx(rollup: Rollup) -> bytes:
    """The roll-up: totals per line and each part's fact (own plan, institutions below)."""
    names = [part.label for part in rollup.parts]
    headers = [
        _("No."),
        _("Name"),
        _("Unit"),
        _("Target"),
        _("Fact in the period"),
        _("Fact since 1 January"),
        _("Percent of the annual target"),
        *names,
    ]
    workbook, sheet = _sheet(
        _("Roll-up"),
        rollup.region.name,
        _("Roll-up for %(period)s") % {"period": rollup.period.label},
        headers,
        [7, 60, 12, 12, 12, 12, 10, *[14] * len(names)],
    )
    for row, line in enumerate(rollup.lines, start=5):
        by_part = [line.by_part.get(part.institution.pk) for part in rollup.parts]
        _write_row(
            sheet,
            row,
            [
                line.number,
                line.name,
                unit_label(line.unit),
                plain_number(line.target),
                plain_number(line.actual),
                plain_number(line.cumulative),
                plain_number(line.percent),
                *(plain_number(cell.cumulative) if cell else None for cell in by_part),
            ],
        )
    return _save(workbook)
