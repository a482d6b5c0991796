"""Plan lines 11, 12 and 14: records created, classified, sent to the union catalogue."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.utils import timezone

from kutubxona.catalog import metrics
from kutubxona.catalog.exporting import export_records
from kutubxona.catalog.marc import json as marc_json
from kutubxona.catalog.models import MarcExport, Record
from kutubxona.institutions.models import User
from tests.catalog.conftest import run_import
from tests.catalog.test_matching import book, marc_file
from tests.conftest import World

MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_records_created(tmp_path: Path, world: World, dilnoza: User) -> None:
    path = marc_file(tmp_path / "in.mrc", *(book(f"Kitob {i}") for i in range(5)))
    run_import(dilnoza, world.arnasoy, path)
    run_import(world.admin, world.dostlik, path)
    records = list(Record.objects.filter(institution=world.arnasoy).order_by("id"))
    for record, day in zip(records, [1, 15, 31, 28, 1], strict=True):
        month = 2 if record is records[3] else (4 if record is records[4] else 3)
        Record.objects.filter(pk=record.pk).update(created_at=at(datetime.date(2026, month, day)))
    # The last minutes of 31 March in Tashkent are still March.
    Record.objects.filter(pk=records[2].pk).update(created_at=at(datetime.date(2026, 3, 31), 23))
    ids = [world.arnasoy.pk]
    assert metrics.records_created(ids, *MARCH) == 3
    assert set(metrics.records_created_records(ids, *MARCH)) == set(records[:3])
    assert metrics.records_created([world.arnasoy.pk, world.dostlik.pk], *MARCH) == 3
    today = timezone.localdate()
    assert metrics.records_created([world.dostlik.pk], today, today) == 5


def test_records_classified(tmp_path: Path, world: World, dilnoza: User) -> None:
    classified = book("Tasniflangan")
    classified.add_ordered_field(
        *marc_json.from_json(
            {
                "leader": " " * 24,
                "fields": [{"080": {"ind1": " ", "ind2": " ", "subfields": [{"a": "821.512.133"}]}}],
            }
        ).fields
    )
    run_import(dilnoza, world.arnasoy, marc_file(tmp_path / "in.mrc", classified, book("Tasniflanmagan")))
    today = timezone.localdate()
    ids = [world.arnasoy.pk]
    assert metrics.records_classified(ids, today, today) == 1
    (record,) = metrics.records_classified_records(ids, today, today)
    assert record.udc == "821.512.133"
    assert metrics.records_classified(ids, *MARCH) == 0


def test_records_sent_to_the_union_catalogue(tmp_path: Path, world: World, dilnoza: User) -> None:
    run_import(
        dilnoza, world.arnasoy, marc_file(tmp_path / "in.mrc", *(book(f"Kitob {i}") for i in range(4)))
    )
    export_records(dilnoza, world.arnasoy, tmp_path / "march.mrc")
    export_records(dilnoza, world.arnasoy, tmp_path / "again.mrc")  # the same records again
    export_records(dilnoza, world.arnasoy, tmp_path / "backup.mrc", for_union_catalogue=False)
    MarcExport.objects.update(created_at=at(datetime.date(2026, 3, 10)))
    ids = [world.arnasoy.pk]
    assert metrics.records_sent(ids, *MARCH) == 4
    assert metrics.records_sent_records(ids, *MARCH).count() == 4
    assert metrics.records_sent(ids, datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)) == 0
    assert metrics.records_sent([world.dostlik.pk], *MARCH) == 0


def test_imported_authority_records_are_not_records_created(
    samples: Path, world: World, dilnoza: User, tmp_path: Path
) -> None:
    """The authority file imports (1,066 records kept) but names are not resources: line 11 stays 0."""
    result = run_import(dilnoza, world.arnasoy, samples / "marc21-utf8-authorities-1066.mrc")
    assert result["imported"] == 1066
    today = timezone.localdate()
    assert metrics.records_created([world.arnasoy.pk], today, today) == 0
    run_import(dilnoza, world.arnasoy, marc_file(tmp_path / "b.mrc", book("Kitob")))
    assert metrics.records_created([world.arnasoy.pk], today, today) == 1
