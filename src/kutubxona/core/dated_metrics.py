"""Work-plan metrics over a dated register: rows of a model that belong to an institution and
carry the day something happened (a document's date, a post's publication, a receipt's issue).

Most metrics count such rows (or sum a column of them) per institution within a period, narrowed
by the plan line's dimensions, and list them newest first for the drill-down. `DatedRows` says
which rows; `count_per_institution`, `sum_per_institution` and `drill_down` build from it the
functions the metric registry wants. A metric with logic of its own (copies shown in exhibitions,
a record's first full-text file) writes its functions by hand.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Aggregate, Count, Exists, Model, Q, QuerySet, Sum

from kutubxona.planning.registry import CountFn, Dimensions, RecordRow, RecordsFn

# A dimension narrows the rows either by a field lookup (`value` must equal it) or by a
# condition built from the value (e.g. one kind of event standing for several).
Lookup = str | Callable[[str], Q]
RowsOf = Callable[[Sequence[int], datetime.date, datetime.date, Dimensions], QuerySet[Any]]


@dataclass(frozen=True)
class DatedRows:
    """The rows of `model` in the institutions, dated within [start, end] by `date_field` (a
    DateField), that meet `where` and the dimensions given; called as a `RowsOf`.

    A `where` that queries another scoped model (a subquery) is given as a function: the scoped
    manager may only be asked inside the caller's scope, not when the module is imported.
    """

    model: type[Model]
    date_field: str
    dimensions: Mapping[str, Lookup] = field(default_factory=dict)
    where: Q | Callable[[], Q | Exists] | None = None
    related: tuple[str, ...] = ()

    def __call__(
        self, ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
    ) -> QuerySet[Any]:
        conditions: list[Q | Exists] = []
        if self.where is not None:
            conditions.append(self.where() if callable(self.where) else self.where)
        filters: dict[str, Any] = {
            "institution_id__in": list(ids),
            f"{self.date_field}__gte": start,
            f"{self.date_field}__lte": end,
        }
        for name, value in dimensions.items():
            lookup = self.dimensions[name]
            if callable(lookup):
                conditions.append(lookup(value))
            else:
                filters[lookup] = value
        return self.model._default_manager.filter(*conditions, **filters).select_related(*self.related)


def _per_institution(rows_of: RowsOf, value: Aggregate) -> CountFn:
    def count(
        ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
    ) -> dict[int, Any]:
        grouped = rows_of(ids, start, end, dimensions).order_by().values("institution_id").annotate(n=value)
        return {row["institution_id"]: row["n"] or 0 for row in grouped}

    return count


def count_per_institution(rows_of: RowsOf, *, distinct: bool = False) -> CountFn:
    """How many rows each institution has; `distinct` where a join can repeat a row."""
    return _per_institution(rows_of, Count("id", distinct=distinct))


def sum_per_institution(rows_of: RowsOf, column: str) -> CountFn:
    """The sum of `column` over each institution's rows (copies, people, so'm)."""
    return _per_institution(rows_of, Sum(column))


def drill_down(
    rows_of: DatedRows,
    row: Callable[[Any], RecordRow],
    *,
    order: Sequence[str] = (),
    annotate: Mapping[str, Aggregate] | None = None,
) -> RecordsFn:
    """The rows behind the number, newest first (by date, then id, unless `order` says)."""
    ordering = order or (f"-{rows_of.date_field}", "-id")

    def records(
        ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
    ) -> list[RecordRow]:
        found = rows_of(ids, start, end, dimensions).annotate(**(annotate or {}))
        return [row(obj) for obj in found.order_by(*ordering)[:limit]]

    return records
