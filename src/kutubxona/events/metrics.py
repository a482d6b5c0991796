"""What events count for the work plan: lines 7, 18, 20, 21 (`events.count`) and 26
(`events.exhibition_items`).

Only held events count, by the day they were held. Line 18 ("Hold events and exhibitions")
binds `kind=event`, which counts events AND exhibitions; mobile events, club meetings and
projects have lines of their own (20, 21, 7) and are not counted again in 18.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.core.dated_metrics import DatedRows, count_per_institution, drill_down
from kutubxona.events.models import Event, EventKind, EventStatus, ExhibitionItem
from kutubxona.planning.registry import Dimensions, Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit

# The kinds each value of the `kind` dimension counts.
KINDS_COUNTED: dict[str, list[str]] = {
    EventKind.EVENT: [EventKind.EVENT, EventKind.EXHIBITION],
    EventKind.EXHIBITION: [EventKind.EXHIBITION],
    EventKind.MOBILE: [EventKind.MOBILE],
    EventKind.CLUB: [EventKind.CLUB],
    EventKind.PROJECT: [EventKind.PROJECT],
}


held_events = DatedRows(
    Event,
    "date",
    {"kind": lambda kind: Q(kind__in=KINDS_COUNTED[kind])},
    where=Q(status=EventStatus.HELD),
    related=("sector",),
)
count_events = count_per_institution(held_events)


def _detail(event: Event) -> str:
    parts = [event.get_kind_display(), event.place]
    if event.attendees is not None:
        parts.append(_("%(n)s attendees") % {"n": event.attendees})
    return " · ".join(str(p) for p in parts if p)


def _event_row(event: Event) -> RecordRow:
    url = reverse("events:detail", args=[event.pk])
    return RecordRow(date=event.date, title=event.title, detail=_detail(event), url=url)


event_rows = drill_down(held_events, _event_row)


def held_exhibitions(
    institution_ids: Sequence[int], start: datetime.date, end: datetime.date
) -> QuerySet[Event]:
    return held_events(institution_ids, start, end, {"kind": EventKind.EXHIBITION})


def count_items(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
) -> dict[int, int]:
    """Line 26: copies shown, each showing counted (a copy shown twice in a year counts twice)."""
    rows = (
        ExhibitionItem.objects.filter(event__in=held_exhibitions(ids, start, end))
        .order_by()
        .values("event__institution_id")
        .annotate(n=Count("id"))
    )
    return {row["event__institution_id"]: row["n"] for row in rows}


def item_rows(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
) -> list[RecordRow]:
    """One row per exhibition, its value the number of copies it showed."""
    exhibitions = (
        held_exhibitions(ids, start, end)
        .annotate(copies=Count("items"))
        .filter(copies__gt=0)
        .order_by("-date", "-id")
    )
    return [
        RecordRow(
            date=e.date,
            title=e.title,
            detail=e.place,
            url=reverse("events:detail", args=[e.pk]),
            value=e.copies,
        )
        for e in exhibitions.select_related("sector")[:limit]
    ]


register(
    Metric(
        key="events.count",
        label=_("events held"),
        unit=Unit.EVENT,
        count=count_events,
        records=event_rows,
        dimensions={"kind": list(KINDS_COUNTED)},
    )
)
register(
    Metric(
        key="events.exhibition_items",
        label=_("copies shown in exhibitions held"),
        unit=Unit.COPY,
        count=count_items,
        records=item_rows,
    )
)
