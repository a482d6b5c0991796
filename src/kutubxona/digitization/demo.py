"""Demo scan jobs of the three districts, 2021 and this year up to today: the simulated entries
of lines 32 (on readers' requests) and 35 (the collection's plan, now and then the rare
collection), with as many pages as the entry's amount, scanned on its day and read (done; the
page images are not kept). Today two jobs are in the works: a draft and one waiting for OCR.

A month's pages are split into books of 120-400 pages, one job each; the jobs (numbered from the
year's sequence) and their pages are bulk-inserted with one audit entry per district and year;
today's two go through `actions.create_scan`. Idempotent: a district
and year with scan jobs is left alone."""

from __future__ import annotations

import datetime
import random
from typing import TextIO

from django.utils import timezone

from kutubxona.acquisitions.numbering import reserve
from kutubxona.catalog.models import AccessLevel, Record
from kutubxona.core import audit
from kutubxona.digitization import actions
from kutubxona.digitization.actions import default_languages
from kutubxona.digitization.models import Kind, PageStatus, ScanJob, ScanPage, Status
from kutubxona.institutions.models import Institution, User
from kutubxona.outreach.bulk import insert_rows
from kutubxona.planning.demo import DISTRICTS, SEED_YEAR, simulated_entries

LINES = {"32": [Kind.REQUEST], "35": [Kind.PLAN, Kind.PLAN, Kind.RARE]}
PAGE_FIELDS = ["institution", "scan", "number", "source", "source_name", "page_index", "thumbnail",
               "text", "confidence", "status", "error", "scanned_at"]  # fmt: skip
# The first page of a demo job has a text (the others' would only make the demo slower to load).
TEXT = "Jizzax viloyati tarixi, o'lkashunoslik materiallari. Жиззах вилояти тарихи."


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _books(pages: int, rng: random.Random) -> list[int]:
    """A month's pages as the books they were scanned from (a job is one book of 120-400 pages)."""
    books = []
    while pages > 0:
        book = min(pages, rng.randint(120, 400))
        books.append(book)
        pages -= book
    return books


def _year(institution: Institution, year: int, records: list[Record], operator: User | None) -> int:
    rng = random.Random(f"digitization-{institution.code}-{year}")
    # One job per book scanned, in the order of their days, numbered as the year's sequence goes.
    books = sorted(
        (day, number, pages)
        for number in LINES
        for day, amount in simulated_entries(institution, year, number)
        for pages in _books(amount, rng)
    )
    if not books:
        return 0
    first = reserve(institution, f"scan-{year}", count=len(books))
    scans = []
    for index, (day, number, _pages) in enumerate(books):
        kinds = LINES[number]
        record = rng.choice(records)
        scans.append(
            ScanJob(
                institution=institution,
                year=year,
                number=first + index,
                kind=kinds[index % len(kinds)],
                record=record,
                operator=operator,
                languages="+".join(default_languages(record)),
                access=AccessLevel.PREMISES,
                status=Status.DONE,
                created_at=_at(day, 10),
                finished_at=_at(day, 17),
            )
        )
    ScanJob.objects.bulk_create(scans)
    done = str(PageStatus.DONE)
    rows: list[tuple[object, ...]] = []
    for scan, (day, _number, pages) in zip(scans, books, strict=True):
        rows.append((institution.pk, scan.pk, 1, "", "", 0, "", TEXT, None, done, "", day))
        rows += [
            (institution.pk, scan.pk, n, "", "", 0, "", "", None, done, "", day) for n in range(2, pages + 1)
        ]
    insert_rows(ScanPage, PAGE_FIELDS, rows)
    audit.record(
        None,
        "digitization.demo",
        None,
        institution=institution,
        changes={"year": year, "jobs": len(scans), "pages": len(rows)},
    )
    return len(rows)


def _in_the_works(institution: Institution, records: list[Record], operator: User | None) -> None:
    """Today's draft (pages being uploaded) and a job waiting for OCR."""
    today = timezone.localdate()
    for index, (status, pages) in enumerate(((Status.DRAFT, 3), (Status.QUEUED, 5))):
        scan = actions.create_scan(None, institution, kind=Kind.REQUEST, record=records[index])
        ScanJob.objects.filter(pk=scan.pk).update(operator=operator, status=status)
        rows = [
            [institution.pk, scan.pk, n, "", "", 0, "", "", None, PageStatus.WAITING, "", today]
            for n in range(1, pages + 1)
        ]
        insert_rows(ScanPage, PAGE_FIELDS, rows)


def load(out: TextIO) -> None:
    today = timezone.localdate()
    pages = 0
    for code in DISTRICTS:
        institution = Institution.tree.filter(code=code).first()
        if institution is None:
            continue
        records = list(Record.objects.filter(institution=institution).order_by("id")[:200])
        if not records:
            continue
        operator = User.objects.filter(username=f"{code}.ict").first()
        for year in sorted({SEED_YEAR, today.year}):
            if ScanJob.objects.filter(institution=institution, year=year).exists():
                continue
            pages += _year(institution, year, records, operator)
            if year == today.year:
                _in_the_works(institution, records, operator)
    out.write(f"Scan jobs: {pages} pages scanned.\n")
