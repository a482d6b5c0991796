"""Inserting many posts with one `executemany`, for the demo and for loading a channel's history.

Django's `bulk_create` builds a model instance and prepares every value through the field
machinery (tens of thousands of posts took seconds); here rows are plain tuples, and only the
columns whose database form differs from the Python value (dates, UUIDs) are converted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models

PLAIN = (models.CharField, models.TextField, models.IntegerField, models.ForeignKey, models.BooleanField)


def insert_rows(model: type[models.Model], names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert `rows` (values in the order of the field `names`) into the model's table."""
    connection = connections[DEFAULT_DB_ALIAS]
    fields: list[Any] = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
    # Dates and timestamps repeat across a batch: each distinct value is converted once.
    caches: list[dict[Any, Any] | None] = [None if isinstance(f, PLAIN) else {} for f in fields]

    def prepare(field: Any, cache: dict[Any, Any] | None, value: Any) -> Any:
        if cache is None or value is None:
            return value
        if value not in cache:
            cache[value] = field.get_db_prep_save(value, connection)
        return cache[value]

    prepared = [
        [prepare(field, cache, value) for field, cache, value in zip(fields, caches, row, strict=True)]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)
