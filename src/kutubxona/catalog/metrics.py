"""What the catalogue counts for the work plan (lines 4, 11, 12, 13, 14, 28, 29).

Each count takes the institutions and a period (both dates included, in the installation's
time zone) and has a companion returning the records behind the number; at the bottom they
are registered as the work plan's metrics.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from django.db.models import Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.catalog.models import AnalyticPurpose, FullText, Record
from kutubxona.core.dated_metrics import DatedRows, count_per_institution, drill_down
from kutubxona.core.dates import day_bounds
from kutubxona.planning.registry import CountFn, Dimensions, Metric, RecordRow, RecordsFn, register
from kutubxona.planning.vocabulary import Unit

AUTHORITY = "z"  # leader/06 of an authority record


def records_created_records(
    institution_ids: list[int], start: datetime.date, end: datetime.date
) -> QuerySet[Record]:
    """Line 11: bibliographic records created (catalogued or imported) in the period.

    Articles described for a card index are left out (lines 4, 28 and 29 count them), and so are
    authority records an import brought (leader/06 z): they describe names, not resources.
    """
    first, after = day_bounds(start, end)
    return Record.objects.filter(
        institution_id__in=institution_ids, created_at__gte=first, created_at__lt=after, analytic_purpose=""
    ).exclude(record_type=AUTHORITY)


def records_created(institution_ids: list[int], start: datetime.date, end: datetime.date) -> int:
    return records_created_records(institution_ids, start, end).count()


def records_classified_records(
    institution_ids: list[int], start: datetime.date, end: datetime.date
) -> QuerySet[Record]:
    """Line 12: records given (or given a new) UDC or BBK class in the period, still classified."""
    first, after = day_bounds(start, end)
    return Record.objects.filter(
        Q(institution_id__in=institution_ids, classified_at__gte=first, classified_at__lt=after)
        & ~Q(udc="", bbk="")
    )


def records_classified(institution_ids: list[int], start: datetime.date, end: datetime.date) -> int:
    return records_classified_records(institution_ids, start, end).count()


def records_sent_records(
    institution_ids: list[int], start: datetime.date, end: datetime.date
) -> QuerySet[Record]:
    """Line 14: distinct records sent to the union catalogue by exports made in the period."""
    first, after = day_bounds(start, end)
    return Record.objects.filter(
        institution_id__in=institution_ids,
        exports__for_union_catalogue=True,
        exports__created_at__gte=first,
        exports__created_at__lt=after,
    ).distinct()


def records_sent(institution_ids: list[int], start: datetime.date, end: datetime.date) -> int:
    return records_sent_records(institution_ids, start, end).count()


analytics = DatedRows(
    Record,
    "described_on",
    {"purpose": "analytic_purpose"},
    where=~Q(analytic_purpose=""),
    related=("host",),
)


def analytics_records(
    institution_ids: list[int], start: datetime.date, end: datetime.date, purpose: str = ""
) -> QuerySet[Record]:
    """Lines 4, 28, 29: analytic records (articles) described in the period, for one purpose or all."""
    return analytics(institution_ids, start, end, {"purpose": purpose} if purpose else {})


def fulltext_linked_records(
    institution_ids: list[int], start: datetime.date, end: datetime.date
) -> QuerySet[Record]:
    """Line 13: records whose first full-text file was linked in the period."""
    first, after = day_bounds(start, end)
    firsts = (
        FullText.objects.filter(institution_id__in=institution_ids)
        .order_by()
        .values("record_id")
        .annotate(first=Min("uploaded_at"))
        .filter(first__gte=first, first__lt=after)
        .values("record_id")
    )
    return Record.objects.filter(institution_id__in=institution_ids, pk__in=firsts)


# --- Registered with the work plan's metric registry ------------------------------------------

RecordsOf = Callable[[list[int], datetime.date, datetime.date], QuerySet[Record]]


def _per_institution(records_of: RecordsOf) -> CountFn:
    # distinct: a record sent by two exports joins twice
    return count_per_institution(
        lambda ids, start, end, dimensions: records_of(list(ids), start, end), distinct=True
    )


def _analytics_row(record: Record) -> RecordRow:
    return RecordRow(
        date=record.described_on or timezone.localdate(record.created_at),
        title=record.title,
        detail=" · ".join(part for part in (record.get_analytic_purpose_display(), record.author) if part),
        url=reverse("catalog:detail", args=[record.pk]),
    )


def _fulltext_rows(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
) -> list[RecordRow]:
    records = fulltext_linked_records(list(ids), start, end).annotate(first=Min("fulltexts__uploaded_at"))
    return [
        RecordRow(
            date=timezone.localdate(record.first),
            title=record.title,
            detail=" ".join(str(part) for part in (record.author, record.year) if part),
            url=reverse("catalog:detail", args=[record.pk]),
        )
        for record in records.order_by("-first", "-id")[:limit]
    ]


def _rows(records_of: RecordsOf, when: str) -> RecordsFn:
    def rows(
        ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
    ) -> list[RecordRow]:
        records = records_of(list(ids), start, end).order_by(f"-{when}")[:limit]
        return [
            RecordRow(
                date=timezone.localdate(getattr(record, when) or record.created_at),
                title=record.title,
                detail=" ".join(str(part) for part in (record.author, record.year) if part),
                url=reverse("catalog:detail", args=[record.pk]),
            )
            for record in records
        ]

    return rows


register(
    Metric(
        key="catalog.records_created",
        label=_("bibliographic records created"),
        unit=Unit.PIECE,
        count=_per_institution(records_created_records),
        records=_rows(records_created_records, "created_at"),
    )
)
register(
    Metric(
        key="catalog.records_classified",
        label=_("records classified (UDC or BBK)"),
        unit=Unit.PIECE,
        count=_per_institution(records_classified_records),
        records=_rows(records_classified_records, "classified_at"),
    )
)
register(
    Metric(
        key="catalog.union_contributions",
        label=_("records sent to the union catalogue"),
        unit=Unit.RECORD,
        count=_per_institution(records_sent_records),
        records=_rows(records_sent_records, "updated_at"),
    )
)
register(
    Metric(
        key="catalog.analytics",
        label=_("analytic records (articles) described"),
        unit=Unit.BIB_RECORD,
        count=count_per_institution(analytics),
        records=drill_down(analytics, _analytics_row),
        dimensions={"purpose": list(AnalyticPurpose.values)},
    )
)
register(
    Metric(
        key="catalog.fulltext_linked",
        label=_("records linked to a full text"),
        unit=Unit.RECORD,
        count=_per_institution(fulltext_linked_records),
        records=_fulltext_rows,
    )
)
