"""Demo visits of the districts, 2021 and this year up to today: as many as the work plan's
simulated amounts for line 16 (`planning.demo.simulated_entries`), spread over the month's
opening days (not Sundays) and the sectors. Desk sectors get desk visits of the library's demo
readers registered by that day (distinct within a sector and day; the rest, when a day has more
visitors than such readers, unidentified, as in a paper diary), the others daily headcounts, a
few with foreign visitors (line 40). The visits are not the demo's loans' readers (line 16's
amounts are drawn on their own). Inserted in bulk, one audit entry per district and year.
Idempotent: a district and year with visits is left alone."""

from __future__ import annotations

import bisect
import calendar
import datetime
import random
from collections import Counter
from typing import TextIO

from django.utils import timezone

from kutubxona.attendance import actions
from kutubxona.attendance.models import Headcount, Visit
from kutubxona.institutions.models import Institution, Sector
from kutubxona.planning.demo import SEED_YEAR, simulated_entries
from kutubxona.readers.models import Reader

DISTRICTS = ["arnasoy", "dostlik", "zomin"]
# The share of a day's visitors each sector of the seed's list receives.
SECTOR_WEIGHTS = {
    "lending": 38,
    "reading-rooms": 22,
    "youth": 14,
    "e-resources": 12,
    "legal": 5,
    "local-history": 5,
    "other": 4,
}


def _open_days(day: datetime.date, today: datetime.date) -> list[datetime.date]:
    """The month's days the library is open (Monday to Saturday), not after today."""
    last = calendar.monthrange(day.year, day.month)[1]
    days = [day.replace(day=n) for n in range(1, last + 1)]
    return [d for d in days if d.weekday() != 6 and d <= today] or [day]


class Readers:
    """The library's readers by registration day, to draw a day's visitors from."""

    def __init__(self, institution: Institution) -> None:
        rows = Reader.objects.filter(institution=institution).order_by("registered_on", "pk")
        pairs = list(rows.values_list("registered_on", "pk"))
        self.days = [day for day, _pk in pairs]
        self.ids = [pk for _day, pk in pairs]

    def draw(self, day: datetime.date, n: int, rng: random.Random) -> list[int | None]:
        """`n` visitors of `day`: distinct readers registered by then, the rest unidentified."""
        known = bisect.bisect_right(self.days, day)
        picked: list[int | None] = [self.ids[i] for i in rng.sample(range(known), min(n, known))]
        return picked + [None] * (n - len(picked))


def _spread(
    institution: Institution, year: int, sectors: list[Sector], rng: random.Random
) -> tuple[
    list[tuple[Sector, datetime.date, list[int | None]]], list[tuple[Sector, datetime.date, int, int]]
]:
    today = timezone.localdate()
    weights = [SECTOR_WEIGHTS.get(s.code, 3) for s in sectors]
    readers = Readers(institution)
    visits: list[tuple[Sector, datetime.date, list[int | None]]] = []
    headcounts: list[tuple[Sector, datetime.date, int, int]] = []
    for month_day, amount in simulated_entries(institution, year, "16"):
        days = _open_days(month_day, today)
        slots = [(s, d) for d in days for s in sectors]
        drawn = Counter(rng.choices(range(len(slots)), [w for _d in days for w in weights], k=amount))
        for index, n in sorted(drawn.items()):
            sector, day = slots[index]
            if sector.has_desk:
                visits.append((sector, day, readers.draw(day, n, rng)))
            else:  # now and then a foreign guest among them
                headcounts.append((sector, day, n, 1 if rng.random() < 0.03 else 0))
    return visits, headcounts


def load(out: TextIO) -> None:
    today = timezone.localdate()
    total = 0
    for code in DISTRICTS:
        institution = Institution.tree.filter(code=code).first()
        if institution is None:
            continue
        sectors = list(Sector.objects.filter(institution=institution).order_by("order"))
        for year in sorted({SEED_YEAR, today.year}):
            done = (
                Visit.objects.filter(institution=institution, day__year=year).exists()
                or Headcount.objects.filter(institution=institution, day__year=year).exists()
            )
            if done or not sectors:
                continue
            visits, headcounts = _spread(institution, year, sectors, random.Random(f"visits-{code}-{year}"))
            if visits or headcounts:
                total += actions.import_history(None, institution, visits, headcounts)
    out.write(f"Visits: {total} visitors.\n")
