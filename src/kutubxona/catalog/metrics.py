"""What the catalogue counts for the work plan (lines 11, 12, 14).

Plain functions for the planning app's metric registry to bind: each count takes the
institutions and a period (both dates included, in the installation's time zone) and has a
companion returning the records behind the number.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from kutubxona.catalog.models import Record


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[start 00:00, the day after end 00:00) in local time."""
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    after = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    )
    return first, after


def records_created_records(
    institution_ids: list[int], start: datetime.date, end: datetime.date
) -> QuerySet[Record]:
    """Line 11: bibliographic records created (catalogued or imported) in the period."""
    first, after = _bounds(start, end)
    return Record.objects.filter(
        institution_id__in=institution_ids, created_at__gte=first, created_at__lt=after
    )


def records_created(institution_ids: list[int], start: datetime.date, end: datetime.date) -> int:
    return records_created_records(institution_ids, start, end).count()


def records_classified_records(
    institution_ids: list[int], start: datetime.date, end: datetime.date
) -> QuerySet[Record]:
    """Line 12: records given (or given a new) UDC or BBK class in the period, still classified."""
    first, after = _bounds(start, end)
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
    first, after = _bounds(start, end)
    return Record.objects.filter(
        institution_id__in=institution_ids,
        exports__for_union_catalogue=True,
        exports__created_at__gte=first,
        exports__created_at__lt=after,
    ).distinct()


def records_sent(institution_ids: list[int], start: datetime.date, end: datetime.date) -> int:
    return records_sent_records(institution_ids, start, end).count()
