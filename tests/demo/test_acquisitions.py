"""The acquisitions demo: receipts for lines 10.1-10.4 in the simulated amounts, a completed
stock-take in 2021, withdrawals and a rare collection; its own part runs again adding nothing."""

from __future__ import annotations

from io import StringIO

from kutubxona.acquisitions import demo as acquisitions_demo
from kutubxona.acquisitions.models import Accession, RareCopy, Receipt, Stocktake, Withdrawal
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
    counts = [m.objects.count() for m in (Receipt, Accession, Withdrawal, RareCopy, Stocktake)]
    acquisitions_demo.load(StringIO())
    assert [m.objects.count() for m in (Receipt, Accession, Withdrawal, RareCopy, Stocktake)] == counts
