import datetime

import pytest

from kutubxona.planning.periods import Period, choices


@pytest.mark.parametrize(
    "code, start, end",
    [
        ("year", datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)),
        ("q1", datetime.date(2021, 1, 1), datetime.date(2021, 3, 31)),
        ("q4", datetime.date(2021, 10, 1), datetime.date(2021, 12, 31)),
        ("m02", datetime.date(2021, 2, 1), datetime.date(2021, 2, 28)),
        ("m12", datetime.date(2021, 12, 1), datetime.date(2021, 12, 31)),
    ],
)
def test_period_bounds(code: str, start: datetime.date, end: datetime.date) -> None:
    period = Period.parse(2021, code)
    assert (period.start, period.end, period.code) == (start, end, code)


@pytest.mark.parametrize("code", ["q5", "m13", "m00", "half", "2021"])
def test_unknown_period_is_refused(code: str) -> None:
    with pytest.raises(ValueError, match=r"year, q1\.\.q4 or m01\.\.m12"):
        Period.parse(2021, code)


def test_the_choices_of_a_year() -> None:
    assert [p.code for p in choices(2021)][:6] == ["year", "q1", "q2", "q3", "q4", "m01"]
    assert len(choices(2021)) == 17
