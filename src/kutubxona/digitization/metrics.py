"""Lines 32 and 35 (`digitization.pages`): pages scanned, on the day each was uploaded
(`ScanPage.scanned_at`), whatever became of their OCR: scanning is the work the line counts.
Dimension `kind`: `request` (line 32, on readers' requests) and `collection` (line 35, printed
items held in the collection: jobs of its digitisation plan and of the rare collection). The
drill-down lists the scan jobs with their pages in the period."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kutubxona.core.dated_metrics import DatedRows, count_per_institution
from kutubxona.digitization.models import METRIC_KINDS, ScanJob, ScanPage
from kutubxona.planning.registry import Dimensions, Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit

scanned = DatedRows(
    ScanPage,
    "scanned_at",
    dimensions={"kind": lambda value: Q(scan__kind__in=METRIC_KINDS.get(value, ()))},
)


def scan_rows(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
) -> list[RecordRow]:
    grouped = (
        scanned(ids, start, end, dimensions)
        .order_by()
        .values("scan_id")
        .annotate(pages=Count("id"), last=Max("scanned_at"))
        .order_by("-last", "-scan_id")[:limit]
    )
    counts = {row["scan_id"]: (row["pages"], row["last"]) for row in grouped}
    scans = ScanJob.objects.filter(pk__in=counts).select_related("record")
    rows = [
        RecordRow(
            date=counts[scan.pk][1],
            title=str(scan.record),
            detail=_("Scan job %(code)s, %(kind)s") % {"code": scan.code, "kind": scan.get_kind_display()},
            url=reverse("digitization:detail", args=[scan.pk]),
            value=counts[scan.pk][0],
        )
        for scan in scans
    ]
    return sorted(rows, key=lambda r: r.date, reverse=True)


register(
    Metric(
        key="digitization.pages",
        label=gettext_lazy("pages scanned: on readers' requests, from the collection"),
        unit=Unit.PAGE,
        count=count_per_institution(scanned),
        records=scan_rows,
        dimensions={"kind": list(METRIC_KINDS)},
    )
)
