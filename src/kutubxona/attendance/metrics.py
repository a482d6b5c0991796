"""What visits count for the work plan: line 16 (`attendance.visits`, readers' visits, optionally
by sector code) and their foreign part for line 40, added to outreach's
`attendance.foreign_visitors` (foreign delegations) rather than registered again.

A visit counts on its day: a desk visit (one per reader, sector and day) is one, a headcount
its number. The drill-down lists a sector's desk visits of a day as one row (a reader's card
is not what a director checks; the row opens the day's visits, reader by reader) and each
headcount as its own row.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kutubxona.attendance.models import Headcount, Visit
from kutubxona.core.dated_metrics import DatedRows
from kutubxona.institutions.defaults import default_sectors
from kutubxona.institutions.models import Sector
from kutubxona.outreach.metrics import FOREIGN_VISITOR_COUNTS, FOREIGN_VISITOR_RECORDS
from kutubxona.planning.registry import Dimensions, Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit

SECTOR_CODES = [sector["code"] for sector in default_sectors()]
BY_SECTOR = {"sector": "sector__code"}

visits = DatedRows(Visit, "day", BY_SECTOR)
headcounts = DatedRows(Headcount, "day", BY_SECTOR, related=("sector",))


def _add(total: dict[int, int], rows: QuerySet[Any]) -> dict[int, int]:
    for row in rows:
        total[row["institution_id"]] = total.get(row["institution_id"], 0) + int(row["n"] or 0)
    return total


def _per_institution(rows: QuerySet[Any], value: Count | Sum) -> QuerySet[Any]:
    return rows.order_by().values("institution_id").annotate(n=value)


def count_visits(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
) -> dict[int, int]:
    """Desk visits plus headcounts, per institution."""
    total = _add({}, _per_institution(visits(ids, start, end, dimensions), Count("id")))
    return _add(total, _per_institution(headcounts(ids, start, end, dimensions), Sum("count")))


def count_foreign(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
) -> dict[int, int]:
    """Foreign citizens among the visitors (line 40, beside the delegations)."""
    desk = visits(ids, start, end, {}).filter(foreign=True)
    total = _add({}, _per_institution(desk, Count("id")))
    counted = headcounts(ids, start, end, {}).filter(foreign__gt=0)
    return _add(total, _per_institution(counted, Sum("foreign")))


def _day_url(day: datetime.date, institution_id: int) -> str:
    """The day's desk visits, reader by reader (the methodist's drill-down names the district)."""
    return f"{reverse('attendance:day', args=[day.year, day.month, day.day])}?institution={institution_id}"


def _desk_rows(rows: QuerySet[Visit], limit: int, foreign_only: bool) -> list[RecordRow]:
    grouped = list(
        (rows.filter(foreign=True) if foreign_only else rows)
        .order_by("-day", "sector_id")
        .values("day", "sector_id", "institution_id")
        .annotate(n=Count("id"))[:limit]
    )
    names = {s.pk: str(s) for s in Sector.objects.filter(pk__in={row["sector_id"] for row in grouped})}
    detail = _("foreign readers served at the desk") if foreign_only else _("readers served at the desk")
    return [
        RecordRow(
            date=row["day"],
            title=names.get(row["sector_id"], ""),
            detail=str(detail),
            url=_day_url(row["day"], row["institution_id"]),
            value=row["n"],
        )
        for row in grouped
    ]


def _headcount_rows(rows: QuerySet[Headcount], limit: int, foreign_only: bool) -> list[RecordRow]:
    if foreign_only:
        rows = rows.filter(foreign__gt=0)
    return [
        RecordRow(
            date=h.day,
            title=str(h.sector),
            detail=(_("foreign visitors counted") if foreign_only else _("visitors counted"))
            + (f": {h.note}" if h.note else ""),
            url=reverse("attendance:headcount_edit", args=[h.pk]),
            value=h.foreign if foreign_only else h.count,
        )
        for h in rows.order_by("-day", "-id")[:limit]
    ]


def _rows(
    ids: Sequence[int],
    start: datetime.date,
    end: datetime.date,
    dimensions: Dimensions,
    limit: int,
    foreign_only: bool = False,
) -> list[RecordRow]:
    rows = _desk_rows(visits(ids, start, end, dimensions), limit, foreign_only)
    rows += _headcount_rows(headcounts(ids, start, end, dimensions), limit, foreign_only)
    return sorted(rows, key=lambda row: row.date, reverse=True)[:limit]


def visit_rows(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
) -> list[RecordRow]:
    return _rows(ids, start, end, dimensions, limit)


def foreign_rows(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
) -> list[RecordRow]:
    return _rows(ids, start, end, {}, limit, foreign_only=True)


register(
    Metric(
        key="attendance.visits",
        label=gettext_lazy("readers' visits: served at a sector's desk (once a day) and headcounts"),
        unit=Unit.PERSON,
        count=count_visits,
        records=visit_rows,
        dimensions={"sector": SECTOR_CODES},
    )
)
FOREIGN_VISITOR_COUNTS.append(count_foreign)
FOREIGN_VISITOR_RECORDS.append(foreign_rows)
