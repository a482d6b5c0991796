"""Plan lines of the full-text database and the QR boards.

`digitization.collection_items` (lines 25, 30, 31, 34): items added to digital collections in the
period, by the day they were added; dimension `collection` is the collection's purpose (rare,
local history, the library's earlier guides); without it (line 34) a resource counts once, on the
day it first entered one of the library's collections, however many collections show it.
`digitization.qr_items` (line 36): e-books put on QR boards, on their own day (`counted_on`: the
day added, or the day the board was put up if later); an e-book counts once per board. The keys
keep the `digitization.` prefix of the plan template.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from django.db.models import Exists, Model, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.core.dated_metrics import DatedRows, count_per_institution, drill_down
from kutubxona.elibrary.models import CollectionItem, Purpose, QrBoardItem
from kutubxona.planning.registry import Dimensions, Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit


def _first(model: type[Model], date_field: str, *same: str) -> Callable[[], Q]:
    """Only the first row (by day, then id) among those sharing the fields `same`: a record taken
    out and put back, or shown by several collections, is counted once."""

    def condition() -> Q:
        earlier = model._default_manager.filter(
            Q(**{f"{date_field}__lt": OuterRef(date_field)})
            | Q(**{date_field: OuterRef(date_field), "id__lt": OuterRef("id")}),
            **{name: OuterRef(name) for name in same},
        )
        return ~Q(Exists(earlier))

    return condition


# Per purpose (lines 25, 30, 31): a record once per collection.
items_added = DatedRows(
    CollectionItem,
    "added_at",
    dimensions={"collection": "collection__purpose"},
    where=_first(CollectionItem, "added_at", "collection_id", "record_id"),
    related=("collection", "record"),
)
# Without a purpose (line 34): a resource once in the library's full-text database.
resources_added = DatedRows(
    CollectionItem,
    "added_at",
    where=_first(CollectionItem, "added_at", "institution_id", "record_id"),
    related=("collection", "record"),
)
# Line 36: an e-book once per board.
items_placed = DatedRows(
    QrBoardItem,
    "counted_on",
    where=_first(QrBoardItem, "counted_on", "board_id", "record_id"),
    related=("board", "record"),
)


def _item_row(item: CollectionItem) -> RecordRow:
    return RecordRow(
        date=item.added_at,
        title=item.record.title,
        detail=item.collection.name,
        url=reverse("elibrary:collection", args=[item.collection_id]),
    )


def _board_row(item: QrBoardItem) -> RecordRow:
    assert item.counted_on is not None  # only e-books on a board put up are counted
    return RecordRow(
        date=item.counted_on,
        title=item.record.title,
        detail=f"{item.board.title} ({item.board.place})",
        url=reverse("elibrary:board", args=[item.board_id]),
    )


count_items = count_per_institution(items_added)
count_resources = count_per_institution(resources_added)
item_rows = drill_down(items_added, _item_row)
resource_rows = drill_down(resources_added, _item_row)


def _count(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
) -> Mapping[int, Decimal | int]:
    """Per purpose (lines 25, 30, 31): the items of such collections; without (line 34): resources."""
    return (count_items if dimensions else count_resources)(ids, start, end, dimensions)


def _records(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
) -> Sequence[RecordRow]:
    return (item_rows if dimensions else resource_rows)(ids, start, end, dimensions, limit)


register(
    Metric(
        key="digitization.collection_items",
        label=_("items added to the digital collections (full-text databases)"),
        unit=Unit.RESOURCE,
        count=_count,
        records=_records,
        dimensions={"collection": [p for p in Purpose.values if p != Purpose.OTHER]},
    )
)
register(
    Metric(
        key="digitization.qr_items",
        label=_("e-books put on QR boards"),
        unit=Unit.RESOURCE,
        count=count_per_institution(items_placed),
        records=drill_down(items_placed, _board_row),
    )
)
