"""What collection accounting counts for the work plan: copies received by source (lines 10,
10.1-10.4: `acquisitions.copies_received{source}`, a gift from a person or an organisation both
count as `gift`) and completed stock-takes (line 27: `acquisitions.stocktakes`).

Copies are counted on the receipt's day from the accession register (one row per copy), so
a title still waiting in the cataloguing queue is counted as received.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.acquisitions.models import Receipt, Source, Stocktake
from kutubxona.core.dated_metrics import DatedRows, count_per_institution, drill_down, sum_per_institution
from kutubxona.planning.registry import Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit

# The plan's `source` dimension and the receipt sources each value counts.
SOURCES_COUNTED: dict[str, list[str]] = {
    "legal_deposit": [Source.LEGAL_DEPOSIT],
    "purchase": [Source.PURCHASE],
    "exchange": [Source.EXCHANGE],
    "gift": [Source.GIFT_PERSON, Source.GIFT_ORG],
}

# A cancelled receipt (entered by mistake) counts nowhere.
receipts = DatedRows(
    Receipt,
    "date",
    {"source": lambda source: Q(source__in=SOURCES_COUNTED[source])},
    where=Q(cancelled_on__isnull=True),
)
count_copies = sum_per_institution(receipts, "copies")


def _receipt_row(receipt: Receipt) -> RecordRow:
    detail = " · ".join(str(p) for p in (receipt.get_source_display(), receipt.party) if p)
    return RecordRow(
        date=receipt.date,
        title=str(_("Receipt № %(number)s") % {"number": receipt.number}),
        detail=detail,
        url=reverse("acquisitions:receipt", args=[receipt.pk]),
        value=receipt.copies,
    )


receipt_rows = drill_down(receipts, _receipt_row, order=("-date", "-number"))

closed_stocktakes = DatedRows(Stocktake, "closed_on")


def _stocktake_row(stocktake: Stocktake) -> RecordRow:
    assert stocktake.closed_on is not None
    return RecordRow(
        date=stocktake.closed_on,
        title=stocktake.title,
        detail=str(_("%(n)s missing") % {"n": len(stocktake.summary.get("missing", []))}),
        url=reverse("acquisitions:stocktake", args=[stocktake.pk]),
    )


register(
    Metric(
        key="acquisitions.copies_received",
        label=_("copies received"),
        unit=Unit.COPY,
        count=count_copies,
        records=receipt_rows,
        dimensions={"source": list(SOURCES_COUNTED)},
    )
)
register(
    Metric(
        key="acquisitions.stocktakes",
        label=_("stock-takes completed"),
        unit=Unit.STOCKTAKE,
        count=count_per_institution(closed_stocktakes),
        records=drill_down(closed_stocktakes, _stocktake_row, order=("-closed_on", "-id")),
    )
)
