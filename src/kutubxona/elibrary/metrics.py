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
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.core.dated_metrics import DatedRows, count_per_institution, drill_down
from kutubxona.elibrary.models import CollectionItem, Purpose, QrBoardItem
from kutubxona.planning.registry import Dimensions, Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit

items_added = DatedRows(
    CollectionItem,
    "added_at",
    dimensions={"collection": "collection__purpose"},
    related=("collection", "record"),
)
items_placed = DatedRows(QrBoardItem, "counted_on", related=("board", "record"))


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


def _first_in_library() -> Q:
    """The record's first item in its library (by day, then id): without a collection named, a
    resource counts once in the full-text database, however many collections show it."""
    earlier = CollectionItem.objects.filter(
        Q(added_at__lt=OuterRef("added_at")) | Q(added_at=OuterRef("added_at"), id__lt=OuterRef("id")),
        institution_id=OuterRef("institution_id"),
        record_id=OuterRef("record_id"),
    )
    return ~Q(Exists(earlier))


resources_added = DatedRows(
    CollectionItem, "added_at", where=_first_in_library, related=("collection", "record")
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
