"""The index follows the catalogue: a save, an edit, an import batch, and `kutubxona reindex`."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from kutubxona.catalog import actions
from kutubxona.catalog.models import Record
from kutubxona.core import progress
from kutubxona.core.models import Job, JobStatus
from kutubxona.search.models import SearchDoc
from tests.catalog.conftest import run_import
from tests.conftest import World
from tests.search.conftest import MakeRecord, find, marc, titles

pytestmark = pytest.mark.django_db


def test_a_saved_record_is_found_at_once_and_an_edit_moves_it(make_record: MakeRecord) -> None:
    record = make_record("Yulduzli tunlar", "Qodiriy, Pirimqul")
    assert titles("yulduzli") == ["Yulduzli tunlar"]
    actions.update_record(None, record, marc("Avlodlar dovoni", "Qodiriy, Pirimqul"))
    assert titles("yulduzli") == []
    assert titles("dovoni") == ["Avlodlar dovoni"]


def test_an_import_is_searchable_batch_by_batch(world: World, samples: Path) -> None:
    run_import(None, world.arnasoy, samples / "marc21-utf8-cyrillic-armenian-52.mrc", batch_size=10)
    records = Record.objects.filter(import_job__isnull=False)
    assert records.count() == 52
    assert SearchDoc.objects.filter(record__in=records).count() == 52
    for record in records.order_by("pk")[:5]:
        assert record.pk in find(title=record.title, per_page=100).ids


def test_reindex_rebuilds_everything(make_record: MakeRecord) -> None:
    make_record("Kecha va kunduz", "Cho‘lpon")
    make_record("Sarob", "Qahhor, Abdulla")
    SearchDoc.objects.all().delete()
    assert titles("sarob") == []
    out, err = StringIO(), StringIO()
    call_command("reindex", stdout=out, stderr=err)
    assert "2 records indexed" in out.getvalue()
    assert progress.terminal_bar(2, 2, "2 of 2 records") in err.getvalue()  # the shared bar
    assert titles("sarob") == ["Sarob"]
    assert titles("Чўлпон") == ["Kecha va kunduz"]
    assert Job.objects.get(kind="search.reindex").status == JobStatus.DONE
    make_record("Qutlug‘ qon", "Oybek")  # the triggers are back after the rebuild
    assert titles("qutlug") == ["Qutlug‘ qon"]
