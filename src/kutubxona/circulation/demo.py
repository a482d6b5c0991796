"""Demo loans: in each district, for 2021 and this year, the loans of line 17 and the distinct
borrowers of lines 22.1-22.3 that `planning.demo.simulated_entries` gives, lent from the
district's copies to its demo readers and all returned (inserted in bulk, one audit entry per
district and year); then today's desk: the copies the catalogue demo left on loan get their
loans (a few overdue), a few holds wait, and one reader can log into the catalogue.
A district with no copies on the shelf gets some of its records' copies first. Idempotent."""

from __future__ import annotations

import datetime
import random
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from kutubxona.catalog.models import Copy, CopyCollection, CopyStatus, Record
from kutubxona.circulation import actions
from kutubxona.circulation.models import OPEN, BorrowerCategory, Hold, Loan, LoanKind
from kutubxona.core import audit
from kutubxona.institutions.demo import DEMO_PASSWORD
from kutubxona.institutions.models import Institution
from kutubxona.outreach.bulk import insert_rows
from kutubxona.planning.demo import SEED_YEAR, simulated_entries
from kutubxona.readers.models import Reader, ReaderCategory

DISTRICTS = ["arnasoy", "dostlik", "zomin"]
MIN_COPIES = 40
LOAN_COLUMNS = [
    "institution",
    "copy",
    "reader",
    "borrower",
    "organisation",
    "sector",
    "kind",
    "lent_at",
    "lent_on",
    "due_on",
    "renewals",
    "returned_at",
]
DEMO_READER_PASSWORD = DEMO_PASSWORD


def _shelf(institution: Institution) -> list[tuple[int, int | None]]:
    """(copy id, sector id) of the district's lendable copies; copies of its records if it has none."""
    lendable = Copy.objects.filter(institution=institution).exclude(
        Q(status__in=[CopyStatus.WITHDRAWN, CopyStatus.LOST]) | Q(collection=CopyCollection.RARE)
    )
    if lendable.count() < MIN_COPIES:
        records = list(
            Record.objects.filter(institution=institution, host__isnull=True).order_by("pk")[:MIN_COPIES]
        )
        start = Copy.objects.filter(institution=institution).count()
        made = [
            Copy(
                institution=institution,
                record=record,
                accession_number=f"K7-{start + i + 1:05d}",
                barcode=f"7{institution.pk:03d}{start + i + 1:05d}",
                status=CopyStatus.AVAILABLE,
            )
            for i, record in enumerate(records)
        ]
        Copy.objects.bulk_create(made)
        if made:
            audit.record(
                None, "catalog.copy.demo", None, institution=institution, changes={"copies": len(made)}
            )
    return list(lendable.values_list("pk", "sector_id"))


# (reader id, category, registered on) of a demo reader.
Who = tuple[int, str, datetime.date]


def _borrowers(institution: Institution, year: int, rng: random.Random) -> list[tuple[datetime.date, Who]]:
    """(first day of borrowing, reader) of the year, as many as lines 22.2 and 22.3 expect."""
    readers: list[Who] = list(
        Reader.objects.filter(
            institution=institution, registered_on__year__lte=year, organisation__isnull=True
        )
        .order_by("registered_on", "pk")
        .values_list("pk", "category", "registered_on")
    )
    specialists = [r for r in readers if r[1] == ReaderCategory.AKM_SPECIALIST]
    others = [r for r in readers if r[1] != ReaderCategory.AKM_SPECIALIST]
    chosen: list[tuple[datetime.date, Who]] = []
    for number, pool in (("22.2", specialists), ("22.3", others)):
        taken: set[int] = set()
        for day, amount in simulated_entries(institution, year, number):
            free = [r for r in pool if r[0] not in taken]
            ready = [r for r in free if r[2] <= day]
            picked = rng.sample(ready, min(amount, len(ready)))
            picked += [r for r in free if r[2] > day][: amount - len(picked)]  # registered later this month
            for reader in picked:
                taken.add(reader[0])
                chosen.append((max(day, reader[2]), reader))
    return sorted(chosen, key=lambda pair: pair[0])


def _open_days(day: datetime.date, latest: datetime.date) -> list[datetime.date]:
    """The days of `day`'s month the library lends on (not Sundays, its default day off), up
    to `latest`: a month's loans spread over them, as the daily diary shows a real desk's."""
    first = day.replace(day=1)
    days = [first + datetime.timedelta(days=n) for n in range(31)]
    days = [d for d in days if d.month == first.month and d <= latest and d.weekday() != 6]
    return days or [min(day, latest)]


def _history(institution: Institution, year: int, shelf: list[tuple[int, int | None]]) -> int:
    rng = random.Random(f"loans-{institution.code}-{year}")
    borrowers = _borrowers(institution, year, rng)
    if not borrowers or not shelf:
        return 0
    now = timezone.now()
    latest = timezone.localdate(now) - datetime.timedelta(days=2)
    recent = (now - datetime.timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    tz = timezone.get_current_timezone()
    # Times in quarter hours from 9:00: the bulk insert converts each distinct value once.
    times = [datetime.time(9 + q // 4, 15 * (q % 4)) for q in range(36)]
    kinds: dict[str, str] = {ReaderCategory.AKM_SPECIALIST: BorrowerCategory.AKM_SPECIALIST}
    two_weeks, hour = datetime.timedelta(days=14), datetime.timedelta(hours=1)
    rows: list[tuple[Any, ...]] = []
    # The organisations' cards (their contracts' readers) borrow now and then (line 22.1).
    cards = list(
        Reader.objects.filter(organisation__institution=institution, organisation__contract_from__year=year)
        .order_by("pk")
        .values_list("pk", "organisation_id", "organisation__contract_from")
    )
    turn = 0
    waiting: list[Who] = []  # borrowers started whose first loan is still to come
    served: dict[int, int] = {}
    for day, amount in simulated_entries(institution, year, "17"):
        started = [reader for first, reader in borrowers if first <= day] or [borrowers[0][1]]
        month = (day.year, day.month)  # who starts borrowing this month gets a first loan now
        waiting += [
            reader
            for first, reader in borrowers
            if (first.year, first.month) <= month and reader[0] not in served
        ]
        waiting = list(dict.fromkeys(waiting))
        open_days = _open_days(day, latest)
        for _ in range(amount):
            on = open_days[rng.randrange(len(open_days))]
            reader = waiting.pop(0) if waiting else started[rng.randrange(len(started))]
            on = min(max(on, reader[2]), latest)  # not before the reader registered
            lent_at = datetime.datetime.combine(on, times[rng.randrange(36)], tz)
            served[reader[0]] = served.get(reader[0], 0) + 1
            copy_id, sector_id = shelf[rng.randrange(len(shelf))]
            returned = min(lent_at + datetime.timedelta(days=rng.randrange(2, 21)) + hour, recent)
            reader_id, borrower, organisation_id = (
                reader[0],
                kinds.get(reader[1], BorrowerCategory.INDIVIDUAL),
                None,
            )
            if cards and served[reader[0]] > 1 and len(rows) % 500 == 0 and on >= cards[0][2]:
                served[reader[0]] -= 1
                card, organisation_id, _since = cards[turn % len(cards)]
                reader_id, borrower, turn = card, BorrowerCategory.ORGANISATION, turn + 1
            rows.append(
                (institution.pk, copy_id, reader_id, borrower, organisation_id, sector_id, LoanKind.HOME,
                 lent_at, on, on + two_weeks, 0, returned)
            )  # fmt: skip
    insert_rows(Loan, LOAN_COLUMNS, rows)
    audit.record(
        None, "circulation.demo", None, institution=institution, changes={"year": year, "loans": len(rows)}
    )
    return len(rows)


def _today(institution: Institution) -> None:
    """Open loans for the copies the catalogue demo marked on loan (some overdue), and holds."""
    rng = random.Random(f"desk-{institution.code}")
    now = timezone.now()
    readers = list(
        Reader.objects.filter(institution=institution, anonymised_on__isnull=True).order_by("-pk")[:20]
    )
    on_loan = Copy.objects.filter(institution=institution, status=CopyStatus.ON_LOAN).exclude(
        pk__in=Loan.objects.filter(returned_at__isnull=True, lost_on__isnull=True).values("copy_id")
    )
    if not readers:
        return
    for i, copy in enumerate(on_loan):
        reader = readers[i % 4]
        back = rng.randint(3, 40)
        lent_at = now - datetime.timedelta(days=back)
        Loan.objects.create(
            institution=institution,
            copy=copy,
            reader=reader,
            borrower=actions.borrower_category(reader),
            sector_id=copy.sector_id,
            lent_at=lent_at,
            lent_on=timezone.localdate(lent_at),
            due_on=timezone.localdate(lent_at) + datetime.timedelta(days=14),
        )
    for copy in Copy.objects.filter(institution=institution, status=CopyStatus.ON_LOAN)[:3]:
        for reader in readers[5:7]:
            if not Hold.objects.filter(record_id=copy.record_id, reader=reader).exists():
                actions.place_hold(None, reader, copy.record)


def _demo_reader(institution: Institution) -> Reader | None:
    """The reader with the most copies on loan today gets the demo's catalogue password."""
    borrowing = (
        Loan.objects.filter(OPEN, institution=institution)
        .values("reader_id")
        .annotate(n=Count("id"))
        .order_by("-n", "reader_id")
        .first()
    )
    if borrowing is None:
        return None
    reader = Reader.objects.get(pk=borrowing["reader_id"])
    if not reader.pin_hash:
        Reader.objects.filter(pk=reader.pk).update(pin_hash=make_password(DEMO_READER_PASSWORD))
    return reader


@transaction.atomic
def load(out: TextIO) -> None:
    years = sorted({SEED_YEAR, timezone.localdate().year})
    for code in DISTRICTS:
        institution = Institution.tree.get(code=code)
        shelf = _shelf(institution)
        made = 0
        for year in years:
            if not Loan.objects.filter(institution=institution, lent_on__year=year).exists():
                made += _history(institution, year, shelf)
        _today(institution)
        out.write(f"Loans of {code}: {made} made now; {len(shelf)} copies to lend.\n")
    reader = _demo_reader(Institution.tree.get(code="arnasoy"))
    if reader is not None:
        out.write(f"Demo reader login at /my/login/: card {reader.card}, password {DEMO_READER_PASSWORD}\n")
