"""What the lending desk counts for the work plan.

- `circulation.loans` (line 17, copies): every loan, home or reading room, on the day it was made.
- `circulation.borrowers{category}` (lines 22, 22.1-22.3, persons): DISTINCT borrowers who
  borrowed in the period, not loans. The seed plan says so: line 22 is in persons ("Nafar")
  and 170 borrowers stand against 9,918 copies lent (line 17) in 2020. An organisation under
  contract counts once however many of its staff borrow (22.1); AKM specialists (22.2) and
  everyone else (22.3, individuals) count once each. Line 22 is the sum of the three.
- `loans_per_day_and_sector` feeds the daily diary's loans column (attendance, issue 7b).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.circulation.models import BorrowerCategory, Loan
from kutubxona.core.dated_metrics import DatedRows, count_per_institution, drill_down
from kutubxona.planning.registry import Dimensions, Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit
from kutubxona.readers.models import Organisation, Reader

loans = DatedRows(Loan, "lent_on", {"category": "borrower"}, related=("copy__record", "reader"))


def _loan_row(loan: Loan) -> RecordRow:
    return RecordRow(
        date=loan.lent_on,
        title=loan.copy.record.title,
        detail=f"{loan.reader} · {loan.get_kind_display()}",
        url=reverse("readers:detail", args=[loan.reader_id]),
    )


def _categories(dimensions: Dimensions) -> list[str]:
    category = dimensions.get("category")
    return [category] if category else list(BorrowerCategory.values)


def _who(category: str) -> str:
    return "organisation_id" if category == BorrowerCategory.ORGANISATION else "reader_id"


def count_borrowers(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for category in _categories(dimensions):
        rows = (
            loans(ids, start, end, {"category": category})
            .order_by()
            .values("institution_id")
            .annotate(n=Count(_who(category), distinct=True))
        )
        for row in rows:
            counts[row["institution_id"]] += row["n"]
    return dict(counts)


def borrower_rows(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
) -> list[RecordRow]:
    """One row per borrower: the last day they borrowed, and how many copies in the period."""
    rows: list[RecordRow] = []
    for category in _categories(dimensions):
        who = _who(category)
        grouped = (
            loans(ids, start, end, {"category": category})
            .order_by()
            .values(who)
            .annotate(n=Count("id"), last=Max("lent_on"))
            .order_by("-last", who)[:limit]
        )
        model = Organisation if category == BorrowerCategory.ORGANISATION else Reader
        names = model.objects.in_bulk([g[who] for g in grouped])
        for g in grouped:
            borrower = names.get(g[who])
            url = reverse("readers:detail", args=[g[who]]) if model is Reader else ""
            detail = _("%(n)s copies") % {"n": g["n"]}
            rows.append(
                RecordRow(
                    date=g["last"],
                    title=str(borrower or "—"),
                    detail=f"{BorrowerCategory(category).label} · {detail}",
                    url=url,
                )
            )
    rows.sort(key=lambda r: r.date, reverse=True)
    return rows[:limit]


def loans_per_day_and_sector(
    institution_ids: list[int], first: datetime.date, last: datetime.date
) -> dict[tuple[datetime.date, int | None], int]:
    """{(day, sector id): loans} for the daily diary (kundalik hisob)."""
    grouped = (
        Loan.objects.filter(institution_id__in=institution_ids, lent_on__gte=first, lent_on__lte=last)
        .order_by()
        .values("lent_on", "sector_id")
        .annotate(n=Count("id"))
    )
    return {(row["lent_on"], row["sector_id"]): row["n"] for row in grouped}


register(
    Metric(
        key="circulation.loans",
        label=_("copies lent"),
        unit=Unit.COPY,
        count=count_per_institution(loans),
        records=drill_down(loans, _loan_row),
        dimensions={"category": list(BorrowerCategory.values)},
    )
)
register(
    Metric(
        key="circulation.borrowers",
        label=_("borrowers"),
        unit=Unit.PERSON,
        count=count_borrowers,
        records=borrower_rows,
        dimensions={"category": list(BorrowerCategory.values)},
    )
)
