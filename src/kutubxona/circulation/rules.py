"""Which loan rule applies, and the due date that skips the library's closed days."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kutubxona.catalog.models import Copy, CopyCollection
from kutubxona.circulation.rulecache import library_rules
from kutubxona.readers.models import Reader


@dataclass(frozen=True)
class Rule:
    period_days: int = 14
    max_loans: int = 5
    reading_room_only: bool = False
    max_renewals: int = 2


DEFAULT = Rule()
# Without a rule of the library's own: reference copies stay in the reading room.
DEFAULT_BY_COLLECTION = {CopyCollection.REFERENCE: Rule(reading_room_only=True)}


def rules_for(reader: Reader, copy: Copy) -> tuple[Rule, int]:
    """The rule of the loan and how many copies the reader may hold at once (the library's
    rules are kept in the process: `rulecache`).

    The loan's rule is the most specific of the library's (category and collection, then
    collection, then category, then the library's general rule); the limit is the category's
    rule for any collection (or the general rule)."""
    rules = library_rules(copy.institution_id).rules
    limit_rule = rules.get((reader.category, "")) or rules.get(("", ""))
    limit = limit_rule.max_loans if limit_rule else DEFAULT.max_loans
    for key in ((reader.category, copy.collection), ("", copy.collection), (reader.category, ""), ("", "")):
        found = rules.get(key)
        if found is not None:
            return found, limit
    return DEFAULT_BY_COLLECTION.get(CopyCollection(copy.collection), DEFAULT), limit


def rule_for(reader: Reader, copy: Copy) -> Rule:
    return rules_for(reader, copy)[0]


def hold_days(institution_id: int) -> int:
    """How many days a copy put aside waits for the reader (5 without a calendar)."""
    days = library_rules(institution_id).hold_days
    return 5 if days is None else days


class ClosedDays:
    """The library's closed days around a date (weekly days off and holidays)."""

    def __init__(self, institution_id: int, start: datetime.date, days: int = 120):
        library = library_rules(institution_id)
        self.weekdays = set(library.weekdays) if library.weekdays is not None else {6}
        last = start + datetime.timedelta(days=days)
        self.holidays = {day for day in library.holidays if start <= day <= last}

    def closed(self, day: datetime.date) -> bool:
        return day.weekday() in self.weekdays or day in self.holidays

    def next_open(self, day: datetime.date) -> datetime.date:
        for _ in range(366):
            if not self.closed(day):
                return day
            day += datetime.timedelta(days=1)
        return day  # a library closed all year: give the day itself


def due_date(institution_id: int, start: datetime.date, period_days: int) -> datetime.date:
    """`period_days` after `start`, moved to the next day the library is open."""
    due = start + datetime.timedelta(days=period_days)
    return ClosedDays(institution_id, due).next_open(due)
