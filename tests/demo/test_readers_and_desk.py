"""The readers' and desk's demo: the plan's lines from records, a consistent desk today, a reader
login, and a second run adds nothing."""

from __future__ import annotations

import datetime
from io import StringIO

from django.db import models
from django.test import Client

from kutubxona.catalog.models import Copy, CopyStatus
from kutubxona.circulation import demo as circulation_demo
from kutubxona.circulation.models import OPEN, Hold, Loan
from kutubxona.institutions.models import Institution
from kutubxona.planning import registry
from kutubxona.planning.demo import SEED_YEAR, simulated_entries
from kutubxona.readers import demo as readers_demo
from kutubxona.readers.models import Reader, Registration


def _count(key: str, institution: Institution, **dims: str) -> int:
    metric = registry.get(key)
    assert metric is not None
    first, last = datetime.date(SEED_YEAR, 1, 1), datetime.date(SEED_YEAR, 12, 31)
    return int(metric.count([institution.pk], first, last, dims).get(institution.pk, 0))


def test_lines_15_17_22_are_counted_from_the_demos_records(demo: None) -> None:
    for code in ["arnasoy", "dostlik", "zomin"]:
        institution = Institution.tree.get(code=code)
        for number, key, dims in [
            ("15.1", "readers.registrations", {"kind": "new"}),
            ("15.2", "readers.registrations", {"kind": "renewal"}),
            ("22.1", "circulation.borrowers", {"category": "organisation"}),
            ("17", "circulation.loans", {}),
            ("22.2", "circulation.borrowers", {"category": "akm_specialist"}),
            ("22.3", "circulation.borrowers", {"category": "individual"}),
        ]:
            wanted = sum(amount for _day, amount in simulated_entries(institution, SEED_YEAR, number))
            assert _count(key, institution, **dims) == wanted > 0, (code, number)


def test_the_desk_today_is_consistent(demo: None, client: Client) -> None:
    arnasoy = Institution.tree.get(code="arnasoy")
    on_loan = set(
        Copy.objects.filter(institution=arnasoy, status=CopyStatus.ON_LOAN).values_list("pk", flat=True)
    )
    assert on_loan and on_loan == set(
        Loan.objects.filter(OPEN, institution=arnasoy).values_list("copy_id", flat=True)
    )
    assert Hold.objects.filter(institution=arnasoy).exists()
    out = StringIO()
    circulation_demo.load(out)
    card = out.getvalue().split("card ")[1].split(",")[0]
    response = client.post("/my/login/", {"card": card, "password": circulation_demo.DEMO_READER_PASSWORD})
    assert response.status_code == 302
    assert client.get("/my/").status_code == 200


def test_a_second_run_adds_nothing(demo: None) -> None:
    counts = (
        Reader.objects.count(),
        Registration.objects.count(),
        Loan.objects.count(),
        Hold.objects.count(),
    )
    readers_demo.load(StringIO())
    circulation_demo.load(StringIO())
    assert (
        Reader.objects.count(),
        Registration.objects.count(),
        Loan.objects.count(),
        Hold.objects.count(),
    ) == counts


def test_visits_and_interlibrary_requests_link_demo_readers(demo: None) -> None:
    from kutubxona.attendance.models import Visit
    from kutubxona.interlibrary.models import Direction, Request

    for code in ["arnasoy", "dostlik", "zomin"]:
        institution = Institution.tree.get(code=code)
        visits = Visit.objects.filter(institution=institution, day__year=SEED_YEAR)
        linked = visits.filter(reader__isnull=False)
        assert linked.count() > visits.count() // 2, code  # most desk visits name a demo reader
        assert not linked.exclude(reader__institution=institution).exists()
        assert not linked.filter(reader__registered_on__gt=models.F("day")).exists()  # registered by then
        ours = Request.objects.filter(institution=institution, direction=Direction.BORROW)
        assert ours.filter(reader__institution=institution).count() == ours.count() > 0, code
