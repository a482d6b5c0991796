"""Model instances from one plain SQL statement, built as the ORM builds them, minus its cost.

The desk's scan reads a reader, a copy, a loan on every request; `Model.objects.raw` spends
~0.2 ms per call mapping columns to fields, the ORM's query building more. Here the column list
and each field's database converters (Django's own, per backend) are worked out once per model
and connection, and `Model.from_db` builds the instance as a queryset would.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, TypeVar, cast

from django.db import connection
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)


@functools.cache
def _plan(model: type[Model], fields: tuple[str, ...], vendor: str) -> tuple[str, list[str], list[Any]]:
    """The select list (table alias `t`), the attribute names and each column's converters."""
    opts = model._meta
    chosen: list[Field[Any, Any]] = (
        [cast("Field[Any, Any]", opts.get_field(name)) for name in fields]
        if fields
        else list(opts.concrete_fields)
    )
    converters = []
    for field in chosen:
        column = field.get_col(opts.db_table)
        functions = connection.ops.get_db_converters(column) + field.get_db_converters(connection)  # type: ignore[attr-defined]
        converters.append((column, functions))
    select = ", ".join(f"t.{connection.ops.quote_name(field.column)}" for field in chosen)
    return select, [field.attname for field in chosen], converters


def fetch(
    model: type[M], tail: str, params: Sequence[Any], *, fields: tuple[str, ...] = (), extra: str = ""
) -> list[tuple[M, tuple[Any, ...]]]:
    """`SELECT <the model's columns>[, extra] FROM <its table> t <tail>`: each row's instance
    and the values of `extra`'s columns (as the database returns them)."""
    select, names, converters = _plan(model, fields, connection.vendor)
    sql = f"SELECT {select}{', ' + extra if extra else ''} FROM {model._meta.db_table} t {tail}"
    found = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            values = list(row[: len(names)])
            for i, (column, functions) in enumerate(converters):
                for convert in functions:
                    values[i] = convert(values[i], column, connection)
            found.append((model.from_db(connection.alias, names, values), tuple(row[len(names) :])))
    return found
