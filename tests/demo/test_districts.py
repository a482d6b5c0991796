"""The demo's regional roll-up: every district's lines that a domain counts get their facts from
that domain's records, in 2021 and this year, with each district's own people and places."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

from django.utils import timezone

from kutubxona.attendance import demo as attendance_demo
from kutubxona.attendance.models import Headcount, Visit
from kutubxona.catalog.models import Record
from kutubxona.hr.models import StaffMember
from kutubxona.institutions.models import Institution
from kutubxona.interlibrary import demo as interlibrary_demo
from kutubxona.interlibrary.models import Request
from kutubxona.methodology.models import Library
from kutubxona.planning.demo import SEED_YEAR, simulated_entries
from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from kutubxona.planning.rollup import build_rollup

DISTRICTS = ["arnasoy", "dostlik", "zomin"]
# The lines counted by the catalogue, hr, documents, methodology, services, attendance,
# interlibrary, readers and circulation demos (the events, surveys and outreach ones already
# covered every district).
LINES = [
    "1", "2", "3", "4", "5", "6", "11", "12", "13", "14", "16", "19", "23", "24", "28", "29", "37", "38",
    "42.1", "42.2", "15", "15.1", "15.2", "17", "22", "22.1", "22.2", "22.3",
]  # fmt: skip


def test_every_district_has_facts_from_records_in_the_regions_rollup(demo: None) -> None:
    region = Institution.tree.get(code="jizzax")
    for year in sorted({SEED_YEAR, timezone.localdate().year}):
        rollup = build_rollup(region, year, Period.parse(year, "year"))
        assert sorted(p.institution.code for p in rollup.plans) == DISTRICTS
        rows = {line.number: line for line in rollup.lines}
        reports = rollup.reports
        of_plan = {(plan.pk, r.line.number): r for plan in rollup.plans for r in reports[plan.pk].lines}
        arnasoy = next(p for p in rollup.plans if p.institution.code == "arnasoy")
        for number in LINES:
            for plan in rollup.plans:
                row = of_plan[plan.pk, number]
                assert "manual" not in row.source and "adjustments" not in row.source, (year, number)
                if year == SEED_YEAR:  # a full year: wherever there is work to do
                    wanted = row.line.target or of_plan[arnasoy.pk, number].cumulative
                else:  # this year up to today: wherever the simulation has had a day already
                    wanted = Decimal(len(simulated_entries(plan.institution, year, number)))
                if wanted:
                    assert row.cumulative > 0, (year, plan.institution.code, number)
            assert rows[number].cumulative == sum(of_plan[p.pk, number].cumulative for p in rollup.plans)


def test_each_district_has_its_own_staff_libraries_and_newspaper(demo: None) -> None:
    names = {
        code: set(StaffMember.objects.filter(institution__code=code).values_list("full_name", flat=True))
        for code in DISTRICTS
    }
    assert all(len(names[code]) == 13 for code in DISTRICTS)
    assert not (names["arnasoy"] & names["dostlik"] or names["arnasoy"] & names["zomin"])
    assert not names["dostlik"] & names["zomin"]
    for code, newspaper in [("dostlik", "Do'stlik tongi"), ("zomin", "Zomin ovozi")]:
        institution = Institution.tree.get(code=code)
        libraries = Library.objects.filter(institution=institution)
        assert libraries.count() == 15 and not libraries.filter(address__contains="Arnasoy").exists()
        assert institution.latitude is not None and institution.longitude is not None
        for library in libraries:
            assert library.latitude is not None and library.longitude is not None
            assert abs(library.latitude - institution.latitude) < Decimal("0.2")
            assert abs(library.longitude - institution.longitude) < Decimal("0.2")
        hosts = Record.objects.filter(institution=institution, control_number__startswith="demohost-")
        assert hosts.filter(title__startswith=newspaper).exists()
        assert not Record.objects.filter(institution=institution, title__contains="Arnasoy").exists()
        # No showcase classics outside Arnasoy: only the history and the analytics.
        classics = Record.objects.filter(institution=institution, control_number__regex=r"^demo[0-9]{4}$")
        assert not classics.exists()


def test_visits_and_interlibrary_loans_are_the_simulated_amounts_and_load_once(demo: None) -> None:
    for code in DISTRICTS:
        plan = Plan.objects.get(institution__code=code, year=SEED_YEAR)
        report = build_report(plan, Period.parse(SEED_YEAR, "year"))
        for number in ["16", "19"]:
            wanted = sum(n for _day, n in simulated_entries(plan.institution, SEED_YEAR, number))
            assert report.line(number).cumulative == wanted, (code, number)
    assert Headcount.objects.filter(foreign__gt=0).exists()  # some foreign visitors for line 40
    counts = (Visit.objects.count(), Headcount.objects.count(), Request.objects.count())
    attendance_demo.load(StringIO())
    interlibrary_demo.load(StringIO())
    assert (Visit.objects.count(), Headcount.objects.count(), Request.objects.count()) == counts
