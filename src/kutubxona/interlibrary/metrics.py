"""Line 19 (`circulation.interlibrary`, serving readers through other libraries): interlibrary
requests fulfilled, on the day they were. Ours count when the item reached us for our reader
(received), theirs when we sent the item (sent); requested, refused and cancelled ones do not
count, and a request counts once, whatever happens to it later (its return). Dimension
`direction`: borrow or lend."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db.models import Case, F, Q, QuerySet, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.core.dated_metrics import count_per_institution
from kutubxona.interlibrary.models import Direction, Request
from kutubxona.planning.registry import Dimensions, Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit


def fulfilled(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
) -> QuerySet[Request]:
    ours = Q(direction=Direction.BORROW, received_on__gte=start, received_on__lte=end)
    theirs = Q(direction=Direction.LEND, sent_on__gte=start, sent_on__lte=end)
    rows = Request.objects.filter(ours | theirs, institution_id__in=list(ids))
    if "direction" in dimensions:
        rows = rows.filter(direction=dimensions["direction"])
    return rows


# Line 19: how many requests each library fulfilled in the period.
count_fulfilled = count_per_institution(fulfilled)


def fulfilled_rows(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
) -> list[RecordRow]:
    # The day each counts (`Request.fulfilled_on`), ordered and limited by the database: the
    # received day for ours, the sent day for theirs (theirs may have a received day too).
    counted_on = Case(When(direction=Direction.BORROW, then=F("received_on")), default=F("sent_on"))
    found = (
        fulfilled(ids, start, end, dimensions)
        .select_related("record", "partner")
        .annotate(counted_on=counted_on)
        .order_by("-counted_on", "-pk")[:limit]
    )
    return [
        RecordRow(
            date=r.fulfilled_on or start,
            title=r.title,
            detail=f"{r.get_direction_display()}: {r.other_library}",
            url=reverse("interlibrary:detail", args=[r.pk]),
        )
        for r in found
    ]


register(
    Metric(
        key="circulation.interlibrary",
        label=_("interlibrary requests fulfilled: received for our readers, sent to other libraries"),
        unit=Unit.EVENT,
        count=count_fulfilled,
        records=fulfilled_rows,
        dimensions={"direction": Direction.values},
    )
)
