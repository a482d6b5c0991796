"""The demo catalogue: Uzbek classics in both scripts, with copies, loaded once."""

from io import StringIO

from django.core.management import call_command

from kutubxona.catalog.demo import BOOKS, COPIES_PER_BOOK
from kutubxona.catalog.models import Copy, Record
from kutubxona.core.models import AuditEntry


def test_demo_catalogue_is_idempotent_and_searchable_in_both_scripts(db: None) -> None:
    call_command("demo", stdout=StringIO())
    counts = (Record.objects.count(), Copy.objects.count(), AuditEntry.objects.count())
    call_command("demo", stdout=StringIO())
    assert (Record.objects.count(), Copy.objects.count(), AuditEntry.objects.count()) == counts
    showcase = Record.objects.filter(control_number__startswith="demo")
    assert (showcase.count(), Copy.objects.count()) == (len(BOOKS), len(BOOKS) * COPIES_PER_BOOK)
    # "Navoiy" finds the Latin and the Cyrillic (Навоий) records by and about Navoiy.
    found = set(Record.objects.filter(search_key__contains="navoiy").values_list("title", flat=True))
    assert {"Xamsa", "Лисон ут-тайр", "Navoiy : roman"} <= found
    assert Record.objects.filter(search_key__startswith="otkan kunlar").count() == 2
    assert not showcase.filter(udc="").exists()
