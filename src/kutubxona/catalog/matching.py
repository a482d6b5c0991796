"""Finding the record an incoming one duplicates: by 001+003, else ISBN, else title/author/year.

Three indexed queries per batch, not per record; records created earlier in the same batch
are found too, so a file that repeats a record does not add it twice.
"""

from __future__ import annotations

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


class Matcher:
    """Remembers the records of an institution a batch may match, and those the batch adds."""

    def __init__(self, institution: Institution) -> None:
        self.institution = institution
        self.known: dict[tuple[str, str], list[Record]] = {}

    def load(self, incoming: list[Columns]) -> None:
        """Fetch, in three queries, the records that share a key with the incoming ones."""
        self.known.clear()
        numbers = {c.control_number for c in incoming if c.control_number}
        isbns = {isbn for c in incoming for isbn in c.isbns}
        match_keys = {c.match_key for c in incoming if c.title}
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
            Q(isbn__in=isbns) if isbns else None,
            Q(match_key__in=match_keys) if match_keys else None,
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
        for key in _keys(columns):
            self.known.setdefault(key, []).append(record)

    def candidates(self, columns: Columns) -> list[Record]:
        """Every loaded record `columns` may duplicate (what a cataloguer is warned of)."""
        found: dict[int | None, Record] = {}
        for key in _keys(columns):
            for record in self.known.get(key, []):
                if not _distinct_in_source(record, columns):
                    found.setdefault(record.pk, record)
        return list(found.values())

    def find(self, columns: Columns) -> Record | None:
        for key in _keys(columns):
            for found in self.known.get(key, []):
                if not _distinct_in_source(found, columns):
                    return found
        return None


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
