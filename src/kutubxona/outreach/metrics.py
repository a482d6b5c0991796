"""What the outreach registers count for the work plan: line 33 (news publications), 39
(agreements with foreign libraries, by signing date), 40 (foreign visitors) and 41 (media
appearances). Each counts by the register's own date, not by when the row was typed in."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.core.dated_metrics import DatedRows, count_per_institution, drill_down, sum_per_institution
from kutubxona.outreach.models import Agreement, ForeignVisit, MediaAppearance, Post
from kutubxona.planning.registry import CountFn, Dimensions, Metric, RecordRow, RecordsFn, register
from kutubxona.planning.vocabulary import Unit

posts = DatedRows(Post, "published_on")
media = DatedRows(MediaAppearance, "appeared_on")
agreements = DatedRows(Agreement, "signed_on")
visits = DatedRows(ForeignVisit, "visited_on")


def _post_row(post: Post) -> RecordRow:
    return RecordRow(
        date=post.published_on,
        title=post.title,
        detail=str(post.get_channel_display()),
        url=reverse("outreach:edit", args=["posts", post.pk]),
    )


def _media_row(item: MediaAppearance) -> RecordRow:
    return RecordRow(
        date=item.appeared_on,
        title=item.topic,
        detail=f"{item.get_kind_display()}: {item.outlet}",
        url=reverse("outreach:edit", args=["media", item.pk]),
    )


def _agreement_row(agreement: Agreement) -> RecordRow:
    return RecordRow(
        date=agreement.signed_on,
        title=agreement.partner,
        detail=agreement.country,
        url=reverse("outreach:edit", args=["agreements", agreement.pk]),
    )


def _visit_row(visit: ForeignVisit) -> RecordRow:
    return RecordRow(
        date=visit.visited_on,
        title=f"{visit.country}: {visit.organisation or visit.purpose}",
        detail=visit.purpose,
        url=reverse("outreach:edit", args=["visits", visit.pk]),
        value=visit.people,
    )


# --- Line 40: foreign visitors, from every register that knows of them --------------------
# Issue 7 (attendance) will add the reader visits marked as foreign to this same metric:
# append its count and records functions to these lists from its own metrics module
# (`FOREIGN_VISITOR_COUNTS.append(...)`) and the plan line sums all sources.

FOREIGN_VISITOR_COUNTS: list[CountFn] = [sum_per_institution(visits, "people")]
FOREIGN_VISITOR_RECORDS: list[RecordsFn] = [drill_down(visits, _visit_row)]


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
        count=count_per_institution(posts),
        records=drill_down(posts, _post_row),
    )
)
register(
    Metric(
        key="outreach.media",
        label=_("appearances on TV, radio and in the press"),
        unit=Unit.TIMES,
        count=count_per_institution(media),
        records=drill_down(media, _media_row),
    )
)
register(
    Metric(
        key="outreach.agreements",
        label=_("agreements signed with foreign libraries"),
        unit=Unit.PIECE,
        count=count_per_institution(agreements),
        records=drill_down(agreements, _agreement_row),
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
