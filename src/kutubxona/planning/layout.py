"""The official table's columns, shared by the page, the XLSX, the PDF and the importer."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from kutubxona.planning.models import PlanLine
from kutubxona.planning.vocabulary import Unit


def _line_headers(year: int) -> list[str]:
    return [
        _("No."),
        _("Name"),
        _("Unit"),
        _("%(year)s (fact)") % {"year": year - 1},
        _("%(year)s (target)") % {"year": year},
    ]


def _how_headers() -> list[str]:
    return [_("Mechanism"), _("Deadline"), _("Responsible")]


def plan_headers(year: int) -> list[str]:
    """The seed's column layout: what a library's own Word/Excel plan has."""
    return [*_line_headers(year), *_how_headers()]


def report_headers(year: int) -> list[str]:
    return [
        *_line_headers(year),
        _("Target for the period"),
        _("Fact in the period"),
        _("Fact since 1 January"),
        _("Percent of the annual target"),
        _("Status"),
        *_how_headers(),
    ]


def unit_label(code: str) -> str:
    return str(Unit(code).label) if code in Unit.values else code


def deadline_label(line: PlanLine) -> str:
    return line.deadline_display


def approx(value: Decimal | None) -> Decimal | None:
    """An expected figure as people read it: whole from 10 up, one decimal below."""
    if value is None:
        return None
    return value.quantize(Decimal(1) if abs(value) >= 10 else Decimal("0.1"))


def plain_number(value: Decimal | None) -> int | float | None:
    """A number as a spreadsheet cell wants it: whole numbers as int."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
