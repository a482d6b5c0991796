"""The year's cultural-educational plan (ma'naviy-ma'rifiy reja): events planned and held,
per month and kind.

"Planned" are the events put in the plan (`in_plan`), whatever became of them; "held" are the
events held, planned or not; "cancelled" the planned ones that did not take place.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from kutubxona.events.models import Event, EventKind, EventStatus

KINDS = [kind for kind, _label in EventKind.choices]
HEADER_FILL = PatternFill("solid", fgColor="DDE6EE")


@dataclass
class Cell:
    planned: int = 0
    held: int = 0
    cancelled: int = 0


@dataclass
class Month:
    number: int
    cells: dict[str, Cell] = field(default_factory=lambda: {kind: Cell() for kind in KINDS})

    @property
    def label(self) -> str:
        return str(MONTHS[self.number])

    @property
    def total(self) -> Cell:
        return Cell(
            *(sum(getattr(c, f) for c in self.cells.values()) for f in ("planned", "held", "cancelled"))
        )


@dataclass
class CulturePlan:
    year: int
    months: list[Month]

    @property
    def totals(self) -> Month:
        total = Month(0)
        for month in self.months:
            for kind, cell in month.cells.items():
                into = total.cells[kind]
                into.planned += cell.planned
                into.held += cell.held
                into.cancelled += cell.cancelled
        return total


def build(institution_ids: Sequence[int], year: int) -> CulturePlan:
    """One grouped query: (month, kind, status, in plan) -> count."""
    months = [Month(m) for m in range(1, 13)]
    rows = (
        Event.objects.filter(institution_id__in=list(institution_ids), date__year=year)
        .annotate(month=ExtractMonth("date"))
        .order_by()
        .values("month", "kind", "status", "in_plan")
        .annotate(n=Count("id"))
    )
    for row in rows:
        cell = months[row["month"] - 1].cells[row["kind"]]
        if row["in_plan"]:
            cell.planned += row["n"]
            if row["status"] == EventStatus.CANCELLED:
                cell.cancelled += row["n"]
        if row["status"] == EventStatus.HELD:
            cell.held += row["n"]
    return CulturePlan(year, months)


def events_of(institution_ids: Sequence[int], year: int) -> list[Event]:
    return list(
        Event.objects.filter(institution_id__in=list(institution_ids), date__year=year)
        .select_related("sector", "institution")
        .prefetch_related("organisers")
        .order_by("date", "start_time", "id")
    )


def to_xlsx(plan: CulturePlan, events: list[Event], institution_name: str) -> bytes:
    """Two sheets: the month-by-kind summary, and the plan's events one per row."""
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _("Summary")[:31]
    summary["A1"] = institution_name
    summary["A1"].font = Font(bold=True, size=12)
    summary["A2"] = _("Cultural-educational plan %(year)s: planned and held") % {"year": plan.year}
    summary["A2"].font = Font(bold=True)
    header = [_("Month")]
    for label in [*(str(label) for _kind, label in EventKind.choices), _("Total")]:
        header += [f"{label}: {_('planned')}", f"{label}: {_('held')}"]
    summary.append([])
    summary.append(header)
    for cell in summary[4]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for month in [*plan.months, plan.totals]:
        row: list[str | int] = [month.label if month.number else _("Year")]
        for cell_ in [*month.cells.values(), month.total]:
            row += [cell_.planned, cell_.held]
        summary.append(row)
    summary.column_dimensions["A"].width = 14

    sheet = workbook.create_sheet(_("Events")[:31])
    sheet.append(
        [
            _("Date"),
            _("Time"),
            _("Kind"),
            _("Title"),
            _("Place"),
            _("Organisers"),
            _("Partner"),
            _("Status"),
            _("In the plan"),
            _("Attendees"),
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for event in events:
        time = f"{event.start_time:%H:%M}" if event.start_time else ""
        if event.end_time:
            time += f"–{event.end_time:%H:%M}"
        sheet.append(
            [
                event.date,
                time,
                event.get_kind_display(),
                event.title,
                event.place,
                ", ".join(str(person) for person in event.organisers.all()),
                event.partner,
                event.get_status_display(),
                _("yes") if event.in_plan else _("no"),
                event.attendees,
            ]
        )
    for letter, width in zip("ABCDEFGHIJ", [12, 12, 22, 60, 36, 30, 24, 14, 10, 10], strict=True):
        sheet.column_dimensions[letter].width = width
    for row_cells in sheet.iter_rows(min_row=2, max_col=1):
        row_cells[0].number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
