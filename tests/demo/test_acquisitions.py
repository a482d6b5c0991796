"""The acquisitions demo: receipts for lines 10.1-10.4 in the simulated amounts, a completed
stock-take in 2021, withdrawals and a rare collection; its own part runs again adding nothing."""

from __future__ import annotations

import datetime
from io import StringIO

from django.utils import timezone

from kutubxona.acquisitions import actions, registers
from kutubxona.acquisitions import demo as acquisitions_demo
from kutubxona.acquisitions.models import (
    Accession,
    OpeningBalance,
    OpeningLine,
    RareCopy,
    Receipt,
    Stocktake,
    Withdrawal,
)
from kutubxona.catalog.models import Copy, CopyStatus
from kutubxona.institutions.models import Institution
from kutubxona.planning.demo import SEED_YEAR, simulated_entries
from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report


def test_demo_feeds_lines_10_and_27_from_records(demo: str) -> None:
    arnasoy = Institution.tree.get(code="arnasoy")
    report = build_report(Plan.objects.get(institution=arnasoy, year=SEED_YEAR), Period(SEED_YEAR, "year"))
    subs = 0
    for number in ["10.1", "10.2", "10.3", "10.4"]:
        simulated = sum(amount for _day, amount in simulated_entries(arnasoy, SEED_YEAR, number))
        assert report.line(number).cumulative == simulated, number
        subs += simulated
    assert report.line("10").cumulative == subs > 0
    assert report.line("27").cumulative == 1
    closed = Stocktake.objects.get(institution=arnasoy, closed_on__year=SEED_YEAR)
    assert len(closed.summary["missing"]) == 2
    for code in ["arnasoy", "dostlik", "zomin"]:
        assert Receipt.objects.filter(institution__code=code, year=SEED_YEAR).exists(), code
        assert Withdrawal.objects.filter(institution__code=code).exists(), code
        assert RareCopy.objects.filter(institution__code=code).exists(), code
    received = Copy.objects.filter(accession__isnull=False)
    assert received.filter(status=CopyStatus.AVAILABLE).count() > 0.9 * received.count()


def test_running_the_acquisitions_demo_again_adds_nothing(demo: str) -> None:
    models = (Receipt, Accession, Withdrawal, RareCopy, Stocktake, OpeningBalance, OpeningLine)
    counts = [m.objects.count() for m in models]
    acquisitions_demo.load(StringIO())
    assert [m.objects.count() for m in models] == counts


def test_every_district_opens_from_its_paper_register_and_no_balance_goes_below_zero(demo: str) -> None:
    for code in ["arnasoy", "dostlik", "zomin"]:
        institution = Institution.tree.get(code=code)
        opening = OpeningBalance.objects.get(institution=institution)
        assert opening.as_of == datetime.date(SEED_YEAR - 1, 12, 31)
        part1 = registers.register_document(institution, SEED_YEAR).sections[0].rows
        assert part1[0][2] == "brought forward from the paper register" and part1[0][4] == opening.copies
        gone_copies, gone_value = actions.imported_withdrawn(institution)
        assert opening.copies >= gone_copies and opening.value >= gone_value
        for year in range(SEED_YEAR, timezone.localdate().year + 1):
            t = registers.totals([institution.pk], *registers.year_span(year))
            if year == SEED_YEAR:
                assert (t.start.copies, t.start.value) == (opening.copies, opening.value)
            for amount in (t.start, t.end):
                assert amount.copies >= 0 and amount.value >= 0, (code, year)
        assert OpeningLine.objects.filter(balance=opening, group="language").count() == 4
