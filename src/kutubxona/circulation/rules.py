"""Which loan rule applies, and the due date that skips the library's closed days."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kutubxona.catalog.models import Copy, CopyCollection
from kutubxona.circulation.models import Calendar, Holiday, LoanRule
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


def rule_for(reader: Reader, copy: Copy) -> Rule:
    """The most specific of the library's rules (category and collection, collection, category)."""
    rules = {
        (r.category, r.collection): r
        for r in LoanRule.objects.filter(
            institution_id=copy.institution_id,
            category__in=[reader.category, ""],
            collection__in=[copy.collection, ""],
        )
    }
    for key in ((reader.category, copy.collection), ("", copy.collection), (reader.category, "")):
        found = rules.get(key)
        if found is not None:
            return Rule(found.period_days, found.max_loans, found.reading_room_only, found.max_renewals)
    if ("", "") in rules:
        r = rules[("", "")]
        return Rule(r.period_days, r.max_loans, r.reading_room_only, r.max_renewals)
    return DEFAULT_BY_COLLECTION.get(CopyCollection(copy.collection), DEFAULT)


def max_loans_for(reader: Reader) -> int:
    """How many copies the reader may hold at once: the category's rule for any collection."""
    found = (
        LoanRule.objects.filter(
            institution_id=reader.institution_id, category__in=[reader.category, ""], collection=""
        )
        .order_by("-category")
        .first()
    )
    return found.max_loans if found else DEFAULT.max_loans


class ClosedDays:
    """The library's closed days around a date (weekly days off and holidays)."""

    def __init__(self, institution_id: int, start: datetime.date, days: int = 120):
        calendar = Calendar.objects.filter(institution_id=institution_id).first()
        self.weekdays = calendar.weekdays() if calendar else {6}
        self.holidays = set(
            Holiday.objects.filter(
                institution_id=institution_id,
                date__gte=start,
                date__lte=start + datetime.timedelta(days=days),
            ).values_list("date", flat=True)
        )

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
