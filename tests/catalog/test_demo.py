"""The demo catalogue: Uzbek classics in both scripts, with copies, loaded once."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from kutubxona.catalog.demo import BOOKS, COPIES_PER_BOOK
from kutubxona.catalog.models import AnalyticPurpose, Copy, FullText, Record
from kutubxona.core.models import AuditEntry
from kutubxona.institutions.models import Institution
from kutubxona.planning.demo import simulated_entries
from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report


def test_demo_catalogue_is_idempotent_and_searchable_in_both_scripts(db: None) -> None:
    call_command("demo", stdout=StringIO())
    counts = (
        Record.objects.count(),
        Copy.objects.count(),
        FullText.objects.count(),
        AuditEntry.objects.count(),
    )
    call_command("demo", stdout=StringIO())
    assert (
        Record.objects.count(),
        Copy.objects.count(),
        FullText.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
    classics = Record.objects.filter(control_number__regex=r"^demo[0-9]{4}$")
    # (the desk's demo gives copies to the districts the catalogue demo leaves without)
    classic_copies = Copy.objects.filter(record__in=classics).count()
    assert (classics.count(), classic_copies) == (len(BOOKS), len(BOOKS) * COPIES_PER_BOOK)
    # "Navoiy" finds the Latin and the Cyrillic (Навоий) records by and about Navoiy.
    found = set(Record.objects.filter(search_key__contains="navoiy").values_list("title", flat=True))
    assert {"Xamsa", "Лисон ут-тайр", "Navoiy : roman"} <= found
    assert Record.objects.filter(search_key__startswith="otkan kunlar").count() == 2
    assert not classics.filter(udc="").exists()


def test_demo_articles_and_full_texts_feed_their_plan_lines(db: None) -> None:
    """This year's lines 4, 13, 28, 29 of Arnasoy are counted from the demo's records, in the
    amounts `simulated_entries` asked for; every article sits in a catalogued host issue."""
    call_command("demo", stdout=StringIO())
    arnasoy = Institution.tree.get(code="arnasoy")
    year = timezone.localdate().year
    report = build_report(Plan.objects.get(institution=arnasoy, year=year), Period.parse(year, "year"))
    for line in ("4", "13", "28", "29"):
        wanted = sum(amount for _day, amount in simulated_entries(arnasoy, year, line))
        assert report.line(line).source["metric"].startswith("catalog.")
        assert report.line(line).cumulative == wanted > 0, line
    articles = Record.objects.exclude(analytic_purpose="")
    assert not articles.filter(host__isnull=True).exists()
    assert (
        articles.filter(described_on__year=2021).exists()
        and articles.filter(described_on__year=year).exists()
    )
    assert set(articles.values_list("analytic_purpose", flat=True)) == set(AnalyticPurpose.values)
    assert FullText.objects.filter(uploaded_at__year=2021).exists()
