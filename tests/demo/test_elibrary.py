"""The digital collections and QR boards demo: the plan's simulated amounts of lines 25, 30, 31,
34 and 36, public pages that show them, short links that lead to the e-books."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kutubxona.catalog.models import AccessLevel, FullText
from kutubxona.elibrary.models import FullTextCollection, QrBoardItem, ShortLink
from kutubxona.institutions.models import Institution
from kutubxona.planning.demo import SEED_YEAR, simulated_entries
from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report


def test_demo_feeds_the_lines_of_the_full_text_database_and_the_boards(demo: str) -> None:
    for code in ("arnasoy", "dostlik", "zomin"):
        institution = Institution.tree.get(code=code)
        for year in (SEED_YEAR, timezone.localdate().year):
            report = build_report(Plan.objects.get(institution=institution, year=year), Period(year, "year"))

            def simulated(number: str, year: int = year, institution: Institution = institution) -> int:
                return sum(amount for _day, amount in simulated_entries(institution, year, number))

            for number in ("25", "30", "31", "36"):
                assert report.line(number).cumulative == simulated(number), (code, year, number)
            three = simulated("25") + simulated("30") + simulated("31")
            assert report.line("34").cumulative == max(simulated("34"), three), (code, year)


def test_demo_collections_and_boards_are_seen_in_public(demo: str) -> None:
    client = Client()
    collection = FullTextCollection.objects.filter(institution__code="zomin", purpose="local_history").get()
    html = client.get(reverse("collections:library", args=["zomin"])).content.decode()
    assert "Zomin o&#x27;lkashunosligi" in html
    page = client.get(reverse("collections:collection", args=["zomin", collection.pk]))
    assert page.status_code == 200 and "opac-card" in page.content.decode()
    item = QrBoardItem.objects.select_related("record").first()
    assert item is not None
    assert FullText.objects.filter(record=item.record, access=AccessLevel.PUBLIC).exists()
    response = client.get(f"/q/{item.link.code}")
    assert response.status_code == 302
    assert response["Location"] == reverse("opac:record", args=[item.record_id])
    assert ShortLink.objects.filter(scans__gt=0).exists()  # some scans already
