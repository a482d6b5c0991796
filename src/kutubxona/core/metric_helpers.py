"""Building work-plan metrics over a model with an institution and a date field.

Most registers of issue 8 (documents, staff reports, trainings, methodological help) count
rows by a date column, optionally filtered by a choice column; this builds the two functions
the metric registry wants from one queryset function.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Count, Model, QuerySet

from kutubxona.planning.registry import CountFn, Dimensions, RecordRow, RecordsFn

RowsOf = Callable[[Sequence[int], datetime.date, datetime.date, Dimensions], QuerySet[Any]]


def dated_rows(
    model: type[Model], date_field: str, dimension_fields: dict[str, str], related: tuple[str, ...] = ()
) -> RowsOf:
    """The rows of `model` in the institutions, dated within [start, end], filtered by dimensions."""

    def rows(
        ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
    ) -> QuerySet[Any]:
        filters: dict[str, Any] = {
            "institution_id__in": list(ids),
            f"{date_field}__gte": start,
            f"{date_field}__lte": end,
        }
        for name, value in dimensions.items():
            filters[dimension_fields[name]] = value
        return model._default_manager.filter(**filters).select_related(*related)

    return rows


def count_by_institution(rows_of: RowsOf) -> CountFn:
    def count(
        ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
    ) -> dict[int, int]:
        rows = (
            rows_of(ids, start, end, dimensions).order_by().values("institution_id").annotate(n=Count("id"))
        )
        return {row["institution_id"]: row["n"] for row in rows}

    return count


def record_rows(rows_of: RowsOf, date_field: str, row: Callable[[Any], RecordRow]) -> RecordsFn:
    def records(
        ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
    ) -> list[RecordRow]:
        return [
            row(obj) for obj in rows_of(ids, start, end, dimensions).order_by(f"-{date_field}", "-id")[:limit]
        ]

    return records
