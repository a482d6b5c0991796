"""The staff report's figures, computed from the staff records for a month or a quarter.

`build` returns plain JSON (codes, not labels) so an issued report keeps its figures as they
were, and `sections` turns them into labelled tables for the page, the XLSX and the PDF.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kutubxona.core import tabular
from kutubxona.hr.models import Education, ReportKind, StaffMember, StaffReport
from kutubxona.institutions.models import Institution
from kutubxona.planning.periods import Period

# (code, lowest years included); a band runs up to the next one's lowest.
BANDS = [("lt3", 0), ("3to10", 3), ("10to20", 10), ("20plus", 20)]


def band_labels() -> dict[str, str]:
    return {
        "lt3": _("under 3 years"),
        "3to10": _("3 to 10 years"),
        "10to20": _("10 to 20 years"),
        "20plus": _("20 years and more"),
    }


def band_of(years: int) -> str:
    return [code for code, low in BANDS if years >= low][-1]


def period_of(kind: str, year: int, index: int) -> Period:
    return Period(year, "month" if kind == ReportKind.MONTHLY else "quarter", index)


def build(institution: Institution, period: Period) -> dict[str, Any]:
    """Who is on the staff on the period's last day, by category; who came and left in it."""
    start, end = period.start, period.end
    records = list(
        StaffMember.objects.filter(institution=institution, hired_on__lte=end)
        .select_related("service")
        .order_by("full_name", "id")
    )
    on_staff = [m for m in records if m.on_staff(end)]
    education = dict.fromkeys(Education.values, 0)
    experience = dict.fromkeys((code for code, _low in BANDS), 0)
    services: dict[str, list[Any]] = {}
    for member in on_staff:
        education[member.education] += 1
        experience[band_of(member.experience(end))] += 1
        key = member.service.code if member.service else ""
        name = member.service.name_uz if member.service else ""
        services.setdefault(key, [key, name, 0])[2] += 1
    figures: dict[str, Any] = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "total": len(on_staff),
        "rate": str(sum((m.rate for m in on_staff), Decimal(0))),
        "education": education,
        "experience": experience,
        "services": sorted(services.values()),
        "hired": [m.full_name for m in records if start <= m.hired_on <= end],
        "left": [m.full_name for m in records if m.left_on and start <= m.left_on <= end],
        "staff": [
            [
                m.full_name,
                m.position,
                m.service.code if m.service else "",
                m.education,
                m.experience(end),
                str(m.rate),
            ]
            for m in on_staff
        ],
    }
    if period.kind == "quarter":
        months = range(3 * period.index - 2, 3 * period.index + 1)
        issued = set(
            StaffReport.objects.filter(
                institution=institution, kind=ReportKind.MONTHLY, year=period.year, index__in=months
            ).values_list("index", flat=True)
        )
        figures["monthly_reports"] = {str(m): m in issued for m in months}
    return figures


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def sections(figures: dict[str, Any]) -> list[tabular.Section]:
    """Labelled tables of the figures, in the active language."""
    education = Education
    bands = band_labels()
    count = _("people")
    result = [
        tabular.Section(
            _("Summary"),
            [_("On the staff on %(day)s") % {"day": figures["end"]}, _("Posts (rates)")],
            [[figures["total"], figures["rate"]]],
            [40, 16],
        ),
        tabular.Section(
            _("By education"),
            [_("Education"), count],
            [[education(code).label, n] for code, n in figures["education"].items()],
            [60, 12],
        ),
        tabular.Section(
            _("By service"),
            [_("Service"), count],
            [[f"{code} {name}".strip() or _("no service"), n] for code, name, n in figures["services"]],
            [60, 12],
        ),
        tabular.Section(
            _("By experience in library work"),
            [_("Experience"), count],
            [[bands[code], n] for code, n in figures["experience"].items()],
            [60, 12],
        ),
        tabular.Section(
            _("Hired and left in the period"),
            [_("Hired"), _("Left")],
            [[", ".join(figures["hired"]) or "—", ", ".join(figures["left"]) or "—"]],
            [40, 40],
        ),
        tabular.Section(
            _("Specialists by category"),
            [_("Full name"), _("Position"), _("Service"), _("Education"), _("Experience, years"), _("Rate")],
            [
                [name, pos, svc, education(edu).label, years, rate]
                for name, pos, svc, edu, years, rate in figures["staff"]
            ],
            [30, 30, 10, 40, 12, 8],
        ),
    ]
    if "monthly_reports" in figures:
        from django.utils.dates import MONTHS

        result.insert(
            1,
            tabular.Section(
                _("Monthly reports of the quarter"),
                [_("Month"), _("Issued")],
                [
                    [MONTHS[int(m)], _("yes") if done else _("no")]
                    for m, done in figures["monthly_reports"].items()
                ],
                [20, 12],
            ),
        )
    return result


def document(
    institution: Institution, kind: str, period: Period, figures: dict[str, Any]
) -> tabular.Document:
    title = capfirst(str(ReportKind(kind).label))
    return tabular.Document(
        title=f"{institution.name}: {title}",
        subtitle=_("Period: %(period)s (%(start)s – %(end)s)")
        % {"period": period.label, "start": _date(figures["start"]), "end": _date(figures["end"])},
        sections=sections(figures),
    )
