"""A survey's answers as XLSX and CSV: one row per response, one column per question."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from kutubxona.surveys.models import Question, Response, Survey


def _cell(value: str) -> str:
    """Typed text that a spreadsheet would run as a formula is kept as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def answer_table(survey: Survey) -> list[list[str]]:
    """The header row, then one row per response: number, date, source, an answer per question."""
    questions: list[Question] = list(survey.questions.all())
    header = [_("No."), _("Answered on"), _("Source"), *(q.text for q in questions)]
    rows = [header]
    responses = Response.objects.filter(survey=survey).prefetch_related("answers__question").order_by("id")
    for number, response in enumerate(responses, start=1):
        given = {a.question_id: _cell(a.display()) for a in response.answers.all()}
        rows.append(
            [
                str(number),
                response.answered_on.isoformat(),
                str(response.get_source_display()),
                *(given.get(q.pk, "") for q in questions),
            ]
        )
    return rows


def answers_csv(survey: Survey) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(answer_table(survey))
    # With a byte-order mark, Excel opens the file as UTF-8 (Uzbek and Russian letters intact).
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def answers_xlsx(survey: Survey) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Answers")[:31]
    for row in answer_table(survey):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
