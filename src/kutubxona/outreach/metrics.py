"""What the outreach registers count for the work plan: line 33 (news publications), 39
(agreements with foreign libraries, by signing date), 40 (foreign visitors) and 41 (media
appearances). Each counts by the register's own date, not by when the row was typed in."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.outreach.models import Agreement, ForeignVisit, MediaAppearance, Post
from kutubxona.planning.registry import CountFn, Dimensions, Metric, RecordRow, RecordsFn, register
from kutubxona.planning.vocabulary import Unit


def _in_period(
    model: Any, date_field: str, ids: Sequence[int], start: datetime.date, end: datetime.date
) -> QuerySet[Any]:
    return model.objects.filter(
        institution_id__in=list(ids), **{f"{date_field}__gte": start, f"{date_field}__lte": end}
    )


def _count(model: Any, date_field: str, total: str = "") -> CountFn:
    """Rows per institution in the period, or the sum of `total` over them."""

    def count(
        ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
    ) -> dict[int, int]:
        value = Sum(total) if total else Count("id")
        rows = (
            _in_period(model, date_field, ids, start, end)
            .order_by()
            .values("institution_id")
            .annotate(n=value)
        )
        return {row["institution_id"]: row["n"] or 0 for row in rows}

    return count


def _rows(
    model: Any,
    date_field: str,
    slug: str,
    title: Callable[[Any], str],
    detail: Callable[[Any], str],
    value: str = "",
) -> RecordsFn:
    def rows(
        ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
    ) -> list[RecordRow]:
        entries = _in_period(model, date_field, ids, start, end).order_by(f"-{date_field}", "-id")[:limit]
        return [
            RecordRow(
                date=getattr(entry, date_field),
                title=title(entry),
                detail=detail(entry),
                url=reverse("outreach:edit", args=[slug, entry.pk]),
                value=getattr(entry, value) if value else 1,
            )
            for entry in entries
        ]

    return rows


# --- Line 40: foreign visitors, from every register that knows of them --------------------
# Issue 7 (attendance) will add the reader visits marked as foreign to this same metric:
# append its count and records functions to these lists from its own metrics module
# (`FOREIGN_VISITOR_COUNTS.append(...)`) and the plan line sums all sources.

FOREIGN_VISITOR_COUNTS: list[CountFn] = [_count(ForeignVisit, "visited_on", total="people")]
FOREIGN_VISITOR_RECORDS: list[RecordsFn] = [
    _rows(
        ForeignVisit,
        "visited_on",
        "visits",
        lambda v: f"{v.country}: {v.organisation or v.purpose}",
        lambda v: v.purpose,
        value="people",
    )
]


def count_foreign_visitors(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
) -> dict[int, int]:
    """`attendance.foreign_visitors` (line 40): people of foreign delegations and visitors, by
    the day of the visit, summed over every source in FOREIGN_VISITOR_COUNTS. Today the one
    source is this app's register of delegations; issue 7 adds the foreign-marked reader visits."""
    total: dict[int, int] = {}
    for count in FOREIGN_VISITOR_COUNTS:
        for institution_id, n in count(ids, start, end, dimensions).items():
            total[institution_id] = total.get(institution_id, 0) + int(n)
    return total


def foreign_visitor_rows(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
) -> list[RecordRow]:
    rows = [row for source in FOREIGN_VISITOR_RECORDS for row in source(ids, start, end, dimensions, limit)]
    return sorted(rows, key=lambda row: row.date, reverse=True)[:limit]


register(
    Metric(
        key="outreach.posts",
        label=_("news published on the website and social networks"),
        unit=Unit.NEWS,
        count=_count(Post, "published_on"),
        records=_rows(Post, "published_on", "posts", lambda p: p.title, lambda p: p.get_channel_display()),
    )
)
register(
    Metric(
        key="outreach.media",
        label=_("appearances on TV, radio and in the press"),
        unit=Unit.TIMES,
        count=_count(MediaAppearance, "appeared_on"),
        records=_rows(
            MediaAppearance,
            "appeared_on",
            "media",
            lambda m: m.topic,
            lambda m: f"{m.get_kind_display()}: {m.outlet}",
        ),
    )
)
register(
    Metric(
        key="outreach.agreements",
        label=_("agreements signed with foreign libraries"),
        unit=Unit.PIECE,
        count=_count(Agreement, "signed_on"),
        records=_rows(Agreement, "signed_on", "agreements", lambda a: a.partner, lambda a: a.country),
    )
)
register(
    Metric(
        key="attendance.foreign_visitors",
        label=_("foreign delegations and visitors received"),
        unit=Unit.PERSON,
        count=count_foreign_visitors,
        records=foreign_visitor_rows,
    )
)
