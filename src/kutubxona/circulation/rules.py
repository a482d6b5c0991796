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


def _rule(r: LoanRule) -> Rule:
    return Rule(r.period_days, r.max_loans, r.reading_room_only, r.max_renewals)


def rules_for(reader: Reader, copy: Copy) -> tuple[Rule, int]:
    """The rule of the loan and how many copies the reader may hold at once, from one query.

    The loan's rule is the most specific of the library's (category and collection, then
    collection, then category, then the library's general rule); the limit is the category's
    rule for any collection (or the general rule)."""
    rules = {
        (r.category, r.collection): r
        for r in LoanRule.objects.filter(
            institution_id=copy.institution_id,
            category__in=[reader.category, ""],
            collection__in=[copy.collection, ""],
        )
    }
    limit_rule = rules.get((reader.category, "")) or rules.get(("", ""))
    limit = limit_rule.max_loans if limit_rule else DEFAULT.max_loans
    for key in ((reader.category, copy.collection), ("", copy.collection), (reader.category, ""), ("", "")):
        found = rules.get(key)
        if found is not None:
            return _rule(found), limit
    return DEFAULT_BY_COLLECTION.get(CopyCollection(copy.collection), DEFAULT), limit


def rule_for(reader: Reader, copy: Copy) -> Rule:
    return rules_for(reader, copy)[0]


class ClosedDays:
    """The library's closed days around a date (weekly days off and holidays)."""

    def __init__(self, institution_id: int, start: datetime.date, days: int = 120):
        days_off = (
            Calendar.objects.filter(institution_id=institution_id).values_list("days_off", flat=True).first()
        )
        self.weekdays = Calendar(days_off=days_off).weekdays() if days_off is not None else {6}
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
