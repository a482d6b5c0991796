"""The filters of a search (facets chosen, tenancy, staff fields) as SQL over `catalog_record r`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kutubxona.catalog.models import AccessLevel, CopyStatus
from kutubxona.search.query import Query


@dataclass
class Filters:
    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def __bool__(self) -> bool:
        return bool(self.conditions)

    def sql(self, id_column: str) -> tuple[str, str, list[Any]]:
        """(JOIN, AND-conditions, params) to add to a query whose record id is `id_column`."""
        if not self.conditions:
            return "", "", []
        join = f"JOIN catalog_record r ON r.id = {id_column}"
        return join, "AND " + " AND ".join(self.conditions), list(self.params)

    @classmethod
    def of(cls, query: Query) -> Filters:
        filters = cls()
        if query.institution_ids is not None:
            marks = ", ".join(["%s"] * len(query.institution_ids)) or "NULL"
            filters.add(f"r.institution_id IN ({marks})", *query.institution_ids)
        if query.digital_collection is not None:
            # Its items not taken out, without a file kept for staff alone (elibrary's public view).
            filters.add(
                "r.id IN (SELECT i.record_id FROM elibrary_collectionitem i"
                " LEFT JOIN catalog_fulltext f ON f.id = i.fulltext_id"
                " WHERE i.collection_id = %s AND i.removed_on IS NULL"
                " AND (f.id IS NULL OR f.access <> %s))",
                query.digital_collection,
                AccessLevel.STAFF.value,
            )
        if query.institution is not None:
            filters.add("r.institution_id = %s", query.institution)
        if query.record_type:
            filters.add("r.record_type = %s", query.record_type)
        if query.language:
            filters.add("r.language = %s", query.language)
        if query.year_from is not None:
            filters.add("r.year >= %s", query.year_from)
        if query.year_to is not None:
            filters.add("r.year <= %s", query.year_to)
        copy = "EXISTS (SELECT 1 FROM catalog_copy c WHERE c.record_id = r.id AND {})"
        if query.collection:  # a copy still held (not withdrawn or lost) in that collection
            filters.add(
                copy.format("c.collection = %s AND c.status NOT IN (%s, %s)"),
                query.collection,
                CopyStatus.WITHDRAWN.value,
                CopyStatus.LOST.value,
            )
        if query.available:
            filters.add(copy.format("c.status = %s"), CopyStatus.AVAILABLE.value)
        if query.copy_status:
            filters.add(copy.format("c.status = %s"), query.copy_status)
        if query.accession_number:
            filters.add(copy.format("c.accession_number = %s"), query.accession_number.strip())
        if query.barcode:
            filters.add(copy.format("c.barcode = %s"), query.barcode.strip())
        if query.online:
            filters.add(*online_condition("r.id", query.online_access))
        return filters


def online_condition(id_column: str, access: tuple[str, ...] | None) -> tuple[str, ...]:
    """(SQL, *params): the record has a full-text file of these access levels (None: any)."""
    sql = f"EXISTS (SELECT 1 FROM catalog_fulltext t WHERE t.record_id = {id_column}"
    if access is None:
        return (sql + ")",)
    return (f"{sql} AND t.access IN ({', '.join(['%s'] * len(access))}))", *access)
