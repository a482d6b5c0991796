"""Demo collection accounting of the three districts: receipts of copies for lines 10.1-10.4 on
the simulated days (copies of the catalogue demo's records, with prices), a few withdrawal
acts, a rare collection, the stock-takes of line 27 (a completed one in 2021) and the opening
balance carried over from the paper register at the end of the year before.

The receipts' copies are bulk-inserted with one audit entry per district and year (the
decision on the demo's speed); withdrawals, rare marks and stock-takes go through the actions.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from itertools import cycle
from typing import TextIO

from django.db.models import Count, Sum
from django.utils import timezone

from kutubxona.acquisitions import actions, numbering
from kutubxona.acquisitions.actions import doc_type_of, main_class
from kutubxona.acquisitions.models import (
    Accession,
    OpeningBalance,
    RareCopy,
    Receipt,
    ReceiptLine,
    Source,
    Stocktake,
    StocktakeScan,
    Withdrawal,
    WithdrawalReason,
)
from kutubxona.catalog.models import Copy, CopyStatus, Record
from kutubxona.core import audit
from kutubxona.institutions.models import Institution, Sector
from kutubxona.planning.demo import DISTRICTS, SEED_YEAR, simulated_entries

LINES = {
    "10.1": [Source.LEGAL_DEPOSIT],
    "10.2": [Source.PURCHASE],
    "10.3": [Source.EXCHANGE],
    "10.4": [Source.GIFT_PERSON, Source.GIFT_ORG],
}
PARTIES: dict[str, list[str]] = {
    Source.LEGAL_DEPOSIT: ["", ""],
    Source.PURCHASE: ["“Sharq” NMAK", "“O'zbekiston” NMIU", "“Yangi asr avlodi” MChJ"],
    Source.EXCHANGE: ["Jizzax VAKM", "Sirdaryo VAKM"],
    Source.GIFT_PERSON: ["Qodirov Anvar", "Rahimova Dilbar", "Tursunov Bahodir"],
    Source.GIFT_ORG: ["Tuman hokimligi", "“Kamolot” yoshlar markazi"],
}
TITLES_PER_RECEIPT = 4


def _receipts(institution: Institution, year: int, records: list[Record], sectors: list[Sector]) -> int:
    """A year of receipts for lines 10.1-10.4, bulk-inserted; returns the copies received."""
    rng = random.Random(f"acq-{institution.code}-{year}")
    planned: list[tuple[datetime.date, str, int]] = []
    for number, sources in LINES.items():
        for index, (day, amount) in enumerate(simulated_entries(institution, year, number)):
            planned.append((day, sources[index % len(sources)], amount))
    if not planned:
        return 0
    planned.sort()
    first_number = numbering.reserve(institution, f"receipt-{year}", len(planned))
    receipts = []
    for offset, (day, source, amount) in enumerate(planned):
        party = rng.choice(PARTIES[source])
        receipts.append(
            Receipt(
                institution=institution,
                year=year,
                number=first_number + offset,
                date=day,
                source=source,
                party=party,
                contract_number=f"{rng.randint(10, 99)}/{year}" if source == Source.PURCHASE else "",
                invoice_number=f"F-{rng.randint(100, 999)}" if source == Source.PURCHASE else "",
                agreement=f"{year}-{rng.randint(1, 9)}" if source == Source.EXCHANGE else "",
                deed_number=str(rng.randint(1, 60)) if source in actions.GIFTS else "",
                copies=amount,
                created_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
            )
        )
    Receipt.objects.bulk_create(receipts)
    titles = cycle(records[rng.randrange(len(records)) :] + records)
    lines: list[ReceiptLine] = []
    for receipt in receipts:
        parts = min(TITLES_PER_RECEIPT, receipt.copies)
        shares = [receipt.copies // parts + (1 if i < receipt.copies % parts else 0) for i in range(parts)]
        total = Decimal(0)
        for share in shares:
            record = next(titles)
            price = (
                Decimal(0)
                if receipt.source == Source.LEGAL_DEPOSIT
                else Decimal(rng.randrange(12, 60) * 1000)
            )
            total += price * share
            lines.append(
                ReceiptLine(
                    receipt=receipt,
                    record=record,
                    title=record.title[:500],
                    author=record.author,
                    isbn=record.isbn,
                    year=record.year,
                    language=record.language,
                    subject=main_class(record.udc, record.bbk),
                    doc_type=doc_type_of(record),
                    quantity=share,
                    price=price,
                    catalogued_at=receipt.created_at,
                )
            )
        receipt.total = total
    Receipt.objects.bulk_update(receipts, ["total"])
    ReceiptLine.objects.bulk_create(lines)
    numbers = iter(numbering.accession_numbers(institution, sum(line.quantity for line in lines)))
    places = cycle(sectors or [None])
    accessions: list[Accession] = []
    copies: list[Copy] = []
    for line in lines:
        for _copy in range(line.quantity):
            accession_number = next(numbers)
            at = line.receipt.created_at
            accessions.append(
                Accession(
                    institution=institution,
                    number=accession_number,
                    line=line,
                    received_on=line.receipt.date,
                    source=line.receipt.source,
                    price=line.price,
                )
            )
            copies.append(
                Copy(
                    institution=institution,
                    record=line.record,
                    accession_number=str(accession_number),
                    barcode=f"{institution.pk:02d}{accession_number:08d}",
                    sector=next(places),
                    status=CopyStatus.AVAILABLE,
                    price=line.price,
                    created_at=at,
                    updated_at=at,
                )
            )
    Copy.objects.bulk_create(copies)
    for accession, copy in zip(accessions, copies, strict=True):
        accession.copy = copy
    Accession.objects.bulk_create(accessions)
    audit.record(
        None,
        "acquisitions.receipt.demo",
        None,
        institution=institution,
        changes={"year": year, "receipts": len(receipts), "copies": len(copies)},
    )
    return len(copies)


def _withdrawals(institution: Institution, year: int) -> None:
    """Two small acts late in the year (or a month ago this year): worn and lost-and-replaced."""
    today = timezone.localdate()
    day = min(datetime.date(year, 11, 20), today - datetime.timedelta(days=30))
    if day.year != year:
        return
    received = Copy.objects.filter(
        institution=institution,
        status=CopyStatus.AVAILABLE,
        accession__received_on__year=year,
        accession__received_on__lte=day,
    ).order_by("accession__number")
    for offset, reason in enumerate([WithdrawalReason.WORN, WithdrawalReason.LOST_REPLACED]):
        copies = list(received[offset * 3 : offset * 3 + 3])
        if copies:
            actions.withdraw(None, institution, date=day, reason=reason, copies=copies)


def _rare(institution: Institution) -> None:
    copies = list(
        Copy.objects.filter(
            institution=institution, status=CopyStatus.AVAILABLE, record__year__lt=1960
        ).order_by("accession_number")[:4]
    ) or list(Copy.objects.filter(institution=institution, status=CopyStatus.AVAILABLE).order_by("pk")[:4])
    if copies:
        actions.mark_rare(
            None,
            institution,
            copies,
            "Birinchi nashr, muallif dastxati bilan",
            datetime.date(SEED_YEAR, 6, 15),
        )


def _stocktakes(institution: Institution, year: int) -> None:
    """Line 27's stock-takes of the lending sector: all copies scanned but two (those two end lost)."""
    lending = Sector.objects.filter(institution=institution, code="lending").first()
    for index, (day, amount) in enumerate(simulated_entries(institution, year, "27")):
        for n in range(amount):
            started = day - datetime.timedelta(days=3)
            stocktake = actions.open_stocktake(
                None,
                institution,
                title=f"Abonement fondi xatlovi {year}" + (f" ({index + n + 1})" if index + n else ""),
                started_on=started,
                sector=lending,
            )
            expected = list(
                Copy.objects.filter(actions.in_scope(stocktake), status__in=actions.ON_SHELF)
                .order_by("accession_number")
                .values_list("pk", "barcode", "accession_number")
            )
            at = timezone.make_aware(datetime.datetime.combine(started, datetime.time(10)))
            StocktakeScan.objects.bulk_create(
                [
                    StocktakeScan(
                        stocktake=stocktake,
                        code=barcode or number,
                        copy_id=pk,
                        outcome="found",
                        scanned_at=at,
                    )
                    for pk, barcode, number in expected[2:]
                ]
            )
            actions.close_stocktake(None, stocktake, day)


# A district's collection as its paper register (KSU) counted it: share of copies by type,
# language and UDC main class, and the average value of a copy.
PAPER_TYPES = {"book": 0.9, "periodical": 0.07, "audiovisual": 0.02, "electronic": 0.01}
PAPER_LANGUAGES = {"uzb": 0.68, "rus": 0.27, "eng": 0.03, "kaa": 0.02}
PAPER_SUBJECTS = {"udc:8": 0.38, "udc:3": 0.2, "udc:9": 0.12, "udc:6": 0.1, "udc:5": 0.08, "udc:2": 0.04}
PAPER_SUBJECTS |= {"udc:7": 0.03, "udc:0": 0.02, "udc:1": 0.02, "udc:4": 0.01}


def _split(total: int, shares: dict[str, float]) -> dict[str, int]:
    """`total` in whole copies by the shares; the first key takes what rounding leaves."""
    parts = {key: int(total * share) for key, share in shares.items()}
    first = next(iter(parts))
    parts[first] += total - sum(parts.values())
    return parts


def _opening(institution: Institution, year: int) -> None:
    """The paper register's balance at the end of the year before the first kept here: at
    least the catalogue's copies that came without a receipt (they are inside it)."""
    rng = random.Random(f"opening-{institution.code}")
    imported = Copy.objects.filter(institution=institution, accession__isnull=True).aggregate(
        n=Count("id"), v=Sum("price")
    )
    copies = imported["n"] + rng.randrange(18_000, 26_000)
    value = Decimal(copies * rng.randrange(6_000, 9_000)) + (imported["v"] or 0)
    by_type = _split(copies, PAPER_TYPES)
    values = {key: (value * n / copies).quantize(Decimal("0.01")) for key, n in by_type.items()}
    values["book"] += value - sum(values.values())
    actions.set_opening_balance(
        None,
        institution,
        actions.BalanceInput(
            as_of=datetime.date(year - 1, 12, 31),
            by_type={key: (n, values[key]) for key, n in by_type.items()},
            by_language=_split(copies, PAPER_LANGUAGES),
            by_subject=_split(copies, PAPER_SUBJECTS),
            note=f"Umumiy hisob daftari, {year - 1}-yil yakuni",
        ),
    )


def load(out: TextIO) -> None:
    years = sorted({SEED_YEAR, timezone.localdate().year})
    for code in DISTRICTS:
        institution = Institution.tree.filter(code=code).first()
        if institution is None:
            continue
        records = list(Record.objects.filter(institution=institution, bibliographic_level="m").order_by("pk"))
        if not records:
            records = list(Record.objects.filter(institution=institution).order_by("pk"))
        if not records:
            continue
        sectors = list(Sector.objects.filter(institution=institution, code__in=["lending", "reading-rooms"]))
        if not OpeningBalance.objects.filter(institution=institution).exists():
            _opening(institution, years[0])
        counts = []
        for year in years:
            if Receipt.objects.filter(institution=institution, year=year).exists():
                continue
            counts.append(f"{year}: {_receipts(institution, year, records, sectors)} copies")
            if not Withdrawal.objects.filter(institution=institution, year=year).exists():
                _withdrawals(institution, year)
        if not RareCopy.objects.filter(institution=institution).exists():
            _rare(institution)
        for year in years:
            if not Stocktake.objects.filter(institution=institution, started_on__year=year).exists():
                _stocktakes(institution, year)
        if counts:
            out.write(f"{code}: acquisitions " + ", ".join(counts) + ".\n")
