"""Pace: how much of a line's annual target is expected to be done by a given day.

The deadline kind says how the work is spread over the year: evenly through it (by days),
month by month, quarter by quarter, within one named quarter, in quarters I and III, or in
September to December. A line is then ahead, on track, behind, not started or done.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from kutubxona.planning.vocabulary import Deadline

TOLERANCE = Decimal("0.10")  # within ±10 % of the expected figure counts as on track


class Status(models.TextChoices):
    DONE = "done", _("done")
    AHEAD = "ahead", _("ahead")
    ON_TRACK = "on_track", _("on track")
    BEHIND = "behind", _("behind")
    NOT_STARTED = "not_started", _("not started")
    NO_TARGET = "no_target", _("no target")


def _share_of_span(first: datetime.date, last: datetime.date, as_of: datetime.date) -> Decimal:
    """How much of the days from `first` to `last` (inclusive) have passed by the end of `as_of`."""
    if as_of < first:
        return Decimal(0)
    if as_of >= last:
        return Decimal(1)
    return Decimal((as_of - first).days + 1) / Decimal((last - first).days + 1)


def _quarter_span(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, 3 * quarter - 2, 1)
    next_first = datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    return first, next_first - datetime.timedelta(days=1)


def _completed(as_of: datetime.date, starts: list[datetime.date]) -> int:
    """How many of the consecutive spans starting at `starts` (one year in all) have ended by `as_of`."""
    ends = [*(s - datetime.timedelta(days=1) for s in starts[1:]), datetime.date(starts[0].year, 12, 31)]
    return sum(1 for end in ends if as_of >= end)


def expected_share(deadline: str, year: int, as_of: datetime.date) -> Decimal:
    """The share (0..1) of the annual target due by the end of `as_of`."""
    jan1, dec31 = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if deadline == Deadline.MONTHLY:
        months = [datetime.date(year, m, 1) for m in range(1, 13)]
        return Decimal(_completed(as_of, months)) / 12 if as_of <= dec31 else Decimal(1)
    if deadline == Deadline.QUARTERLY:
        quarters = [datetime.date(year, m, 1) for m in (1, 4, 7, 10)]
        return Decimal(_completed(as_of, quarters)) / 4 if as_of <= dec31 else Decimal(1)
    if deadline in {Deadline.Q1, Deadline.Q2, Deadline.Q3, Deadline.Q4}:
        return _share_of_span(*_quarter_span(year, int(deadline[1])), as_of)
    if deadline == Deadline.TWICE_Q1_Q3:
        return (
            _share_of_span(*_quarter_span(year, 1), as_of) + _share_of_span(*_quarter_span(year, 3), as_of)
        ) / 2
    if deadline == Deadline.SEP_DEC:
        return _share_of_span(datetime.date(year, 9, 1), dec31, as_of)
    return _share_of_span(jan1, dec31, as_of)


def expected(target: Decimal | None, deadline: str, year: int, as_of: datetime.date) -> Decimal | None:
    if target is None:
        return None
    return (target * expected_share(deadline, year, as_of)).quantize(Decimal("0.01"))


def status(target: Decimal | None, actual: Decimal, expected_now: Decimal | None) -> Status:
    if target is None or target <= 0:
        return Status.NO_TARGET
    if actual >= target:
        return Status.DONE
    if actual <= 0:
        return Status.NOT_STARTED
    assert expected_now is not None
    if expected_now >= target:
        return Status.BEHIND  # the deadline has passed: no tolerance left
    if actual > expected_now * (1 + TOLERANCE):
        return Status.AHEAD
    if actual >= expected_now * (1 - TOLERANCE):
        return Status.ON_TRACK
    return Status.BEHIND
