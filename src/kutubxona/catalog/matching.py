"""Finding the record an incoming one duplicates: by 001+003, else ISBN, else title/author/year.

Three indexed queries per batch, not per record; records created earlier in the same batch
are found too, so a file that repeats a record does not add it twice.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from kutubxona.catalog.marc.extract import Columns
from kutubxona.catalog.marc.json import MarcJson
from kutubxona.catalog.models import Record
from kutubxona.institutions.models import Institution

MATCH_MODES = ("skip", "merge", "replace", "add")
# Fields a record has once: when merging, the record already here keeps its own.
NON_REPEATABLE = frozenset(
    {
        "001",
        "003",
        "005",
        "008",
        "010",
        "040",
        "100",
        "110",
        "111",
        "130",
        "240",
        "245",
        "250",
        "254",
        "256",
        "300",
    }
)


def _keys(columns: Columns) -> list[tuple[str, str]]:
    keys: list[tuple[str, str]] = []
    if columns.control_number:
        keys.append(("cn", f"{columns.control_number}\x1f{columns.control_number_source}"))
    keys += [("isbn", isbn) for isbn in columns.isbns]
    if columns.title:
        keys.append(("key", columns.match_key))
    return keys


class _Holders:
    """The records sharing one key, indexed so that finding the first one that is not "distinct
    in source" from an incoming record costs a few dict lookups, not a walk over all of them
    (a file of many editions or volumes of one title would otherwise match quadratically)."""

    __slots__ = ("all", "first", "first_by_source", "first_unnumbered")

    def __init__(self) -> None:
        self.all: list[Record] = []
        self.first: tuple[int, Record] | None = None
        self.first_unnumbered: tuple[int, Record] | None = None
        self.first_by_source: dict[str, tuple[int, Record]] = {}

    def add(self, order: int, record: Record) -> None:
        self.all.append(record)
        entry = (order, record)
        if self.first is None:
            self.first = entry
        if not record.control_number:
            if self.first_unnumbered is None:
                self.first_unnumbered = entry
        else:
            self.first_by_source.setdefault(record.control_number_source, entry)

    def find(self, columns: Columns) -> Record | None:
        """The earliest record here that `columns` may duplicate."""
        if not columns.control_number:
            return self.first[1] if self.first else None
        # A numbered record from the same source with another number is a different record;
        # one with the same number was already found by the control-number key.
        options = [self.first_unnumbered] if self.first_unnumbered else []
        own = columns.control_number_source
        options += [entry for source, entry in self.first_by_source.items() if source != own]
        return min(options, key=lambda e: e[0])[1] if options else None


class Matcher:
    """Remembers the records of an institution a batch may match, and those the batch adds."""

    def __init__(self, institution: Institution) -> None:
        self.institution = institution
        self.known: dict[tuple[str, str], _Holders] = {}
        self.remembered = 0

    def load(self, incoming: list[Columns]) -> None:
        """Fetch, in three queries, the records that share a key with the incoming ones."""
        self.known.clear()
        numbers = {c.control_number for c in incoming if c.control_number}
        # Only the keys: the whole record (its MARC) is read later for the few that are merged.
        scoped = Record.objects.filter(institution=self.institution).only(
            "id",
            "institution",
            "control_number",
            "control_number_source",
            "title",
            "author",
            "year",
            "isbns",
            "match_key",
            "udc",
            "bbk",
        )
        for condition in (
            Q(control_number__in=numbers) if numbers else None,
            _shared_key_condition(incoming, "isbn", lambda c: c.isbns),
            _shared_key_condition(incoming, "match_key", lambda c: [c.match_key] if c.title else []),
        ):
            if condition is None:
                continue
            for record in scoped.filter(condition).order_by("id"):
                self.remember(record)

    def remember(self, record: Record) -> None:
        columns = Columns(
            control_number=record.control_number,
            control_number_source=record.control_number_source,
            title=record.title,
            isbns=record.isbns.split(),
            match_key=record.match_key,
        )
        self.remembered += 1
        for key in _keys(columns):
            self.known.setdefault(key, _Holders()).add(self.remembered, record)

    def candidates(self, columns: Columns) -> list[Record]:
        """Every loaded record `columns` may duplicate (what a cataloguer is warned of)."""
        found: dict[int | None, Record] = {}
        for key in _keys(columns):
            for record in self.known[key].all if key in self.known else []:
                if not _distinct_in_source(record, columns):
                    found.setdefault(record.pk, record)
        return list(found.values())

    def find(self, columns: Columns) -> Record | None:
        for key in _keys(columns):
            holders = self.known.get(key)
            if holders is None:
                continue
            if key[0] == "cn":  # the same number from the same source: the same record
                return holders.all[0]
            if (found := holders.find(columns)) is not None:
                return found
        return None


def _shared_key_condition(
    incoming: list[Columns], column: str, values: Callable[[Columns], list[str]]
) -> Q | None:
    """Records sharing an ISBN or match key with an incoming record, leaving out those that are
    "distinct in source" from it: numbered records of its own source cannot match it, and a
    file that repeats one title with new numbers would otherwise load them all, batch by batch."""
    by_source: dict[str | None, set[str]] = {}
    for columns in incoming:
        source = columns.control_number_source if columns.control_number else None
        by_source.setdefault(source, set()).update(values(columns))
    condition: Q | None = None
    for source, keys in by_source.items():
        if not keys:
            continue
        part = Q(**{f"{column}__in": keys})
        if source is not None:
            part &= Q(control_number="") | ~Q(control_number_source=source)
        condition = part if condition is None else condition | part
    return condition


def _distinct_in_source(record: Record, columns: Columns) -> bool:
    """Two records with different control numbers from the same source are different records,
    even when they share an ISBN (volumes of a set) or title, author and year (score and recording)."""
    return bool(
        record.control_number
        and columns.control_number
        and record.control_number_source == columns.control_number_source
        and record.control_number != columns.control_number
    )


def merge(existing: MarcJson, incoming: MarcJson) -> MarcJson:
    """The record already here, plus the incoming fields it lacks (whole fields, compared by value).

    Non-repeatable fields (title, main entry, 008...) stay as they are here.
    """
    have = {repr(field) for field in existing["fields"]}
    tags = {tag for field in existing["fields"] for tag in field}
    added = [
        field
        for field in incoming["fields"]
        if repr(field) not in have and not any(tag in NON_REPEATABLE and tag in tags for tag in field)
    ]
    fields = sorted([*existing["fields"], *added], key=lambda field: next(iter(field)))
    return {"leader": existing["leader"], "fields": fields}
