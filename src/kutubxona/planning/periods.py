"""Reporting periods: the year, a quarter or a month of a plan year."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

ROMAN = ["I", "II", "III", "IV"]


@dataclass(frozen=True)
class Period:
    year: int
    kind: str  # "year", "quarter", "month"
    index: int = 0  # quarter 1-4 or month 1-12

    @classmethod
    def parse(cls, year: int, code: str) -> Period:
        """`year`, `q1`..`q4`, `m01`..`m12` (what the report command and URLs take)."""
        code = code.strip().lower()
        if code in {"", "year"}:
            return cls(year, "year")
        if match := re.fullmatch(r"q([1-4])", code):
            return cls(year, "quarter", int(match.group(1)))
        if (match := re.fullmatch(r"m(\d{1,2})", code)) and 1 <= int(match.group(1)) <= 12:
            return cls(year, "month", int(match.group(1)))
        raise ValueError(_("Unknown period %(code)s: use year, q1..q4 or m01..m12.") % {"code": code})

    @property
    def code(self) -> str:
        if self.kind == "quarter":
            return f"q{self.index}"
        if self.kind == "month":
            return f"m{self.index:02d}"
        return "year"

    @property
    def start(self) -> datetime.date:
        if self.kind == "quarter":
            return datetime.date(self.year, 3 * self.index - 2, 1)
        if self.kind == "month":
            return datetime.date(self.year, self.index, 1)
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        if self.kind == "quarter":
            month = 3 * self.index
        elif self.kind == "month":
            month = self.index
        else:
            month = 12
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def label(self) -> str:
        if self.kind == "quarter":
            return _("%(year)s, quarter %(quarter)s") % {"year": self.year, "quarter": ROMAN[self.index - 1]}
        if self.kind == "month":
            from django.utils.dates import MONTHS

            return f"{self.year}, {MONTHS[self.index]}"
        return _("%(year)s, the year") % {"year": self.year}


def choices(year: int) -> list[Period]:
    return [
        Period(year, "year"),
        *(Period(year, "quarter", q) for q in range(1, 5)),
        *(Period(year, "month", m) for m in range(1, 13)),
    ]
