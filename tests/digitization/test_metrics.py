"""Lines 32 and 35 count the pages scanned, on the day they were uploaded: a job of N pages
moves its line by exactly N (line 32 for a reader's request, 35 for the collection's plan and
the rare collection), whether or not its OCR has run; the drill-down lists the jobs."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kutubxona.catalog.models import Record
from kutubxona.digitization import metrics
from kutubxona.digitization.models import Kind, ScanPage
from kutubxona.institutions.models import User
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from tests.conftest import World
from tests.digitization.conftest import add, make_record, make_scan, page_image
from tests.planning.conftest import make_plan


def _lines(plan: object, period: Period) -> tuple[int, int]:
    report = build_report(plan, period)  # type: ignore[arg-type]
    return int(report.line("32").cumulative), int(report.line("35").cumulative)


def test_a_job_moves_its_line_by_its_pages(world: World, umid: User, record: Record) -> None:
    year = timezone.localdate().year
    plan = make_plan(world, year=year)
    period = Period(year, "year")
    assert _lines(plan, period) == (0, 0)

    request = make_scan(umid, record, Kind.REQUEST)
    add(umid, request, page_image(["Bir"]), page_image(["Ikki"]), page_image(["Uch"]))
    assert _lines(plan, period) == (3, 0)

    rare = make_scan(umid, make_record(world.arnasoy, "Qo'lyozma"), Kind.RARE)
    add(umid, rare, page_image(["Bir"]), page_image(["Ikki"]))
    planned = make_scan(umid, record, Kind.PLAN)
    add(umid, planned, page_image(["Bir"]))
    assert _lines(plan, period) == (3, 3)

    # Another library's pages are not Arnasoy's.
    other = make_scan(None, make_record(world.dostlik), Kind.REQUEST)
    add(None, other, page_image(["Bir"]))
    assert _lines(plan, period) == (3, 3)

    # A page counts on the day it was scanned: last year's does not move this year's lines.
    ScanPage.objects.filter(scan=planned).update(scanned_at=datetime.date(year - 1, 12, 31))
    assert _lines(plan, period) == (3, 2)

    ids = [world.arnasoy.pk]
    rows = metrics.scan_rows(ids, period.start, period.end, {"kind": "collection"}, 10)
    assert sorted((r.url, r.value) for r in rows) == [(f"/digitization/{rare.pk}/", 2)]
    rows = metrics.scan_rows(ids, period.start, period.end, {"kind": "request"}, 10)
    assert [(r.url, r.value) for r in rows] == [(f"/digitization/{request.pk}/", 3)]
