"""The demo's scan jobs feed lines 32 and 35 with the plan's simulated pages; today a draft and
a job waiting for OCR are in the works."""

from __future__ import annotations

from django.utils import timezone

from kutubxona.digitization.models import ScanJob, Status
from kutubxona.institutions.models import Institution
from kutubxona.planning import registry
from kutubxona.planning.demo import SEED_YEAR, simulated_entries


def test_demo_feeds_lines_32_and_35(demo: str) -> None:
    pages = registry.get("digitization.pages")
    assert pages is not None
    today = timezone.localdate()
    for code in ("arnasoy", "dostlik", "zomin"):
        institution = Institution.tree.get(code=code)
        for year in (SEED_YEAR, today.year):
            start, end = today.replace(year=year, month=1, day=1), today.replace(year=year, month=12, day=31)
            in_the_works = 8 if year == today.year else 0  # today's draft and queued jobs, on request
            for number, kind, extra in (("32", "request", in_the_works), ("35", "collection", 0)):
                expected = sum(amount for _day, amount in simulated_entries(institution, year, number))
                assert expected > 0, (code, year, number)
                counted = pages.count([institution.pk], start, end, {"kind": kind}).get(institution.pk, 0)
                assert counted == expected + extra, (code, year, number)
    arnasoy = ScanJob.objects.filter(institution__code="arnasoy")
    assert {s.status for s in arnasoy.filter(created_at__date=today)} >= {Status.DRAFT, Status.QUEUED}
    assert arnasoy.filter(year=SEED_YEAR, status=Status.DONE, kind="rare").exists()
