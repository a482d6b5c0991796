"""The events demo: as many events as the plan's simulated amounts ask."""

from __future__ import annotations

from django.utils import timezone

from kutubxona.events.models import Event, EventStatus, ExhibitionItem
from kutubxona.institutions.models import Institution
from kutubxona.planning.demo import simulated_entries
from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report


def test_demo_feeds_the_event_lines(demo: str) -> None:
    assert ExhibitionItem.objects.filter(event__institution__code="arnasoy").exists()

    arnasoy = Institution.tree.get(code="arnasoy")
    year = timezone.localdate().year
    report = build_report(Plan.objects.get(institution=arnasoy, year=year), Period(year, "year"))
    for number in ["7", "21", "26"]:
        simulated = sum(amount for _day, amount in simulated_entries(arnasoy, year, number))
        assert report.line(number).cumulative == simulated, number
    assert report.line("18").cumulative >= sum(a for _d, a in simulated_entries(arnasoy, year, "18"))
    assert not Event.objects.filter(status=EventStatus.HELD, date__gt=timezone.localdate()).exists()
    if timezone.localdate().timetuple().tm_yday < 360:  # the rest of the year has days to plan
        assert Event.objects.filter(institution=arnasoy, status=EventStatus.PLANNED, date__year=year).exists()
    assert Event.objects.filter(institution__code="zomin", date__year=2021).exists()
