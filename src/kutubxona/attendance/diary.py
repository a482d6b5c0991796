"""The daily diary (kundalik hisob): a month of visits and loans per sector per day, with the
month's and the year-to-date totals, as the page and its XLSX show them.

Loans belong to the lending desk (circulation), which this app does not import: each app that
counts loans appends a function to `LOAN_COUNTS`, which takes (institution ids, first day,
last day) and returns {(day, sector id or None): loans}; the diary sums them all.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from kutubxona.attendance.models import Headcount, Visit
from kutubxona.core import tabular
from kutubxona.institutions.models import Institution, Sector

PerDayAndSector = dict[tuple[datetime.date, int | None], int]
LoanCounts = Callable[[list[int], datetime.date, datetime.date], PerDayAndSector]

LOAN_COUNTS: list[LoanCounts] = []


def _merge(into: PerDayAndSector, counts: PerDayAndSector) -> PerDayAndSector:
    for key, n in counts.items():
        into[key] = into.get(key, 0) + int(n)
    return into


def loans_per_day(ids: list[int], first: datetime.date, last: datetime.date) -> PerDayAndSector:
    total: PerDayAndSector = {}
    for count in LOAN_COUNTS:
        _merge(total, count(ids, first, last))
    return total


def visits_per_day(
    ids: list[int], first: datetime.date, last: datetime.date, *, foreign: bool = False
) -> PerDayAndSector:
    """Desk visits and headcounts per day and sector (only the foreign ones with `foreign`)."""
    desk = Visit.objects.filter(institution_id__in=ids, day__gte=first, day__lte=last)
    counted = Headcount.objects.filter(institution_id__in=ids, day__gte=first, day__lte=last)
    if foreign:
        desk = desk.filter(foreign=True)
    value = Sum("foreign") if foreign else Sum("count")
    total: PerDayAndSector = {}
    for row in desk.order_by().values("day", "sector_id").annotate(n=Count("id")):
        _merge(total, {(row["day"], row["sector_id"]): row["n"]})
    for row in counted.order_by().values("day", "sector_id").annotate(n=value):
        _merge(total, {(row["day"], row["sector_id"]): row["n"] or 0})
    return total


@dataclass
class Row:
    label: str
    day: datetime.date | None
    cells: list[tuple[int, int]]  # (visits, loans) per column of `Diary.sectors`
    foreign: int
    lends: list[bool] = field(default_factory=list)  # per column: whether it has a loans cell

    @property
    def shown(self) -> list[tuple[int, int | None]]:
        """The cells as the table shows them: no loans cell for a sector that lends nothing."""
        return [(v, n if lends else None) for (v, n), lends in zip(self.cells, self.lends, strict=True)]

    @property
    def visits(self) -> int:
        return sum(v for v, _loans in self.cells)

    @property
    def loans(self) -> int:
        return sum(n for _visits, n in self.cells)


@dataclass
class Diary:
    institution: Institution
    year: int
    month: int
    sectors: list[Sector | None]  # None: loans or visits not tied to a sector
    lends: list[bool]  # per sector: a desk, or loans counted there all the same
    days: list[Row]
    month_total: Row
    year_total: Row

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    def sector_name(self, sector: Sector | None) -> str:
        return str(sector) if sector is not None else _("No sector")


def _total(label: str, rows: Sequence[Row], width: int) -> Row:
    cells = [(sum(r.cells[i][0] for r in rows), sum(r.cells[i][1] for r in rows)) for i in range(width)]
    return Row(label, None, cells, sum(r.foreign for r in rows))


def _sum_per_sector(
    label: str,
    sectors: list[Sector | None],
    visits: PerDayAndSector,
    loans: PerDayAndSector,
    foreign: PerDayAndSector,
) -> Row:
    """A total over every day of the counts (the year to date), per column."""
    keys = [s.pk if s is not None else None for s in sectors]
    visits_of = {key: 0 for key in keys}
    loans_of = {key: 0 for key in keys}
    for (_day, key), n in visits.items():
        visits_of[key] = visits_of.get(key, 0) + n
    for (_day, key), n in loans.items():
        loans_of[key] = loans_of.get(key, 0) + n
    return Row(label, None, [(visits_of[k], loans_of[k]) for k in keys], sum(foreign.values()))


def _rows(
    sectors: list[Sector | None],
    days: list[datetime.date],
    visits: PerDayAndSector,
    loans: PerDayAndSector,
    foreign: PerDayAndSector,
) -> list[Row]:
    keys = [s.pk if s is not None else None for s in sectors]
    foreign_by_day: dict[datetime.date, int] = {}
    for (day, _sector), n in foreign.items():
        foreign_by_day[day] = foreign_by_day.get(day, 0) + n
    return [
        Row(
            str(day.day),
            day,
            [(visits.get((day, key), 0), loans.get((day, key), 0)) for key in keys],
            foreign_by_day.get(day, 0),
        )
        for day in days
    ]


def build(institution: Institution, year: int, month: int) -> Diary:
    """The diary of one institution for a month; the year's total runs to the month's end."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    january = datetime.date(year, 1, 1)
    ids = [institution.pk]
    visits = visits_per_day(ids, january, last)
    loans = loans_per_day(ids, january, last)
    foreign = visits_per_day(ids, january, last, foreign=True)
    sectors: list[Sector | None] = list(
        Sector.objects.filter(institution=institution).order_by("order", "code")
    )
    known = {s.pk for s in sectors if s is not None}
    if any(key not in known for _day, key in [*visits, *loans]):
        sectors.append(None)  # loans the desk did not tie to a sector (or a sector of old)
    loans = _unknown_as_none(loans, known)
    lending = {key for _day, key in loans}
    lends = [s is None or s.has_desk or s.pk in lending for s in sectors]
    month_days = [first + datetime.timedelta(days=n) for n in range(last.day)]
    month_rows = _rows(sectors, month_days, visits, loans, foreign)
    totals = [
        _total(_("Month total"), month_rows, len(sectors)),
        _sum_per_sector(_("Since 1 January"), sectors, visits, loans, foreign),
    ]
    for row in [*month_rows, *totals]:
        row.lends = lends
    return Diary(
        institution=institution,
        year=year,
        month=month,
        sectors=sectors,
        lends=lends,
        days=month_rows,
        month_total=totals[0],
        year_total=totals[1],
    )


def _unknown_as_none(counts: PerDayAndSector, known: set[int]) -> PerDayAndSector:
    result: PerDayAndSector = {}
    for (day, sector), n in counts.items():
        _merge(result, {(day, sector if sector in known else None): n})
    return result


def document(diary: Diary) -> tabular.Document:
    """The diary as a table for XLSX (and PDF): a row per day, the two totals last."""
    headers = [_("Day")]
    for sector, lends in zip(diary.sectors, diary.lends, strict=True):
        name = diary.sector_name(sector)
        headers.append(_("%(sector)s: visits") % {"sector": name})
        if lends:
            headers.append(_("%(sector)s: loans") % {"sector": name})
    headers += [_("Visits"), _("Loans"), _("Of whom foreign")]

    def values(row: Row, label: object) -> list[object]:
        cells = [n for cell in row.shown for n in cell if n is not None]
        return [label, *cells, row.visits, row.loans, row.foreign]

    rows = [values(row, row.day) for row in diary.days]
    rows += [
        values(diary.month_total, diary.month_total.label),
        values(diary.year_total, diary.year_total.label),
    ]
    return tabular.Document(
        title=_("Daily diary %(month)s") % {"month": diary.first.strftime("%Y-%m")},
        subtitle=str(diary.institution),
        sections=[
            tabular.Section("", [str(h) for h in headers], rows, widths=[12] + [11] * (len(headers) - 1))
        ],
        wide=True,
    )
