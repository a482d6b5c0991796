"""Pace: what each kind of deadline expects by a given day, and the status that follows."""

import datetime
from decimal import Decimal

import pytest

from kutubxona.planning.pace import Status, expected, expected_share, status
from kutubxona.planning.vocabulary import Deadline

D = datetime.date


@pytest.mark.parametrize(
    "deadline, day, share",
    [
        (Deadline.DURING_YEAR, D(2021, 12, 31), Decimal(1)),
        (Deadline.DURING_YEAR, D(2020, 12, 31), Decimal(0)),
        (Deadline.MONTHLY, D(2021, 3, 30), Decimal(2) / 12),  # March not over yet
        (Deadline.MONTHLY, D(2021, 3, 31), Decimal(3) / 12),
        (Deadline.QUARTERLY, D(2021, 6, 29), Decimal(1) / 4),
        (Deadline.QUARTERLY, D(2021, 6, 30), Decimal(2) / 4),
        (Deadline.Q3, D(2021, 6, 30), Decimal(0)),
        (Deadline.Q3, D(2021, 9, 30), Decimal(1)),
        (Deadline.TWICE_Q1_Q3, D(2021, 5, 1), Decimal("0.5")),
        (Deadline.TWICE_Q1_Q3, D(2021, 10, 1), Decimal(1)),
        (Deadline.SEP_DEC, D(2021, 8, 31), Decimal(0)),
        (Deadline.SEP_DEC, D(2022, 1, 1), Decimal(1)),
    ],
)
def test_expected_share(deadline: str, day: datetime.date, share: Decimal) -> None:
    assert expected_share(deadline, 2021, day) == share


def test_during_the_year_is_proportional_to_days() -> None:
    # 1 July 2021 is day 182 of 365.
    assert expected(Decimal(365), Deadline.DURING_YEAR, 2021, D(2021, 7, 1)) == Decimal(182)
    assert expected(None, Deadline.DURING_YEAR, 2021, D(2021, 7, 1)) is None


def test_within_the_named_quarter_it_grows_by_days() -> None:
    halfway = expected_share(Deadline.Q3, 2021, D(2021, 8, 15))
    assert Decimal("0.45") < halfway < Decimal("0.55")


@pytest.mark.parametrize(
    "target, actual, expected_now, result",
    [
        (None, Decimal(5), None, Status.NO_TARGET),
        (Decimal(100), Decimal(100), Decimal(50), Status.DONE),
        (Decimal(100), Decimal(0), Decimal(50), Status.NOT_STARTED),
        (Decimal(100), Decimal(60), Decimal(50), Status.AHEAD),
        (Decimal(100), Decimal(52), Decimal(50), Status.ON_TRACK),
        (Decimal(100), Decimal(46), Decimal(50), Status.ON_TRACK),
        (Decimal(100), Decimal(40), Decimal(50), Status.BEHIND),
        (Decimal(100), Decimal(95), Decimal(100), Status.BEHIND),  # the year is over: no tolerance
    ],
)
def test_status(
    target: Decimal | None, actual: Decimal, expected_now: Decimal | None, result: Status
) -> None:
    assert status(target, actual, expected_now) == result
