"""Importing the real files into the database: counts, columns, audit, permission."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from kutubxona.catalog.models import Record, RecordSource
from kutubxona.core.models import AuditEntry
from kutubxona.institutions.models import User
from tests.catalog.conftest import run_import
from tests.catalog.test_marc_reading import EXPECTED
from tests.conftest import World


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_shared_file_imports_with_the_right_count(
    samples: Path, name: str, world: World, dilnoza: User
) -> None:
    good, bad, _kind = EXPECTED[name]
    result = run_import(dilnoza, world.arnasoy, samples / name, match="add")
    assert (result["read"], result["imported"], result["failed"]) == (good + bad, good, bad)
    assert Record.objects.filter(institution=world.arnasoy).count() == good
    assert len(result["failures"]) == bad
    if bad:
        assert result["failures"] == [
            {
                "position": 293,
                "offset": 127785,
                "reason": "The record is cut short: the file ends before the record does.",
            }
        ]


def test_zdb_file_with_default_matching_then_again(samples: Path, world: World, dilnoza: User) -> None:
    path = samples / "marc21-utf8-zdb-292-plus-1-bad.mrc"
    first = run_import(dilnoza, world.arnasoy, path)
    assert (first["imported"], first["skipped"], first["failed"]) == (292, 0, 1)
    again = run_import(dilnoza, world.arnasoy, path)
    assert (again["imported"], again["skipped"], again["failed"]) == (0, 292, 1)
    assert Record.objects.count() == 292


def test_the_report_says_which_encoding_was_chosen(samples: Path, world: World, dilnoza: User) -> None:
    result = run_import(dilnoza, world.arnasoy, samples / "marc21-utf8-cyrillic-armenian-52.mrc")
    assert result["encodings"] == {"UTF-8 (leader/09 blank, but the bytes are valid UTF-8)": 52}


def test_extracted_columns(samples: Path, world: World, dilnoza: User) -> None:
    run_import(dilnoza, world.arnasoy, samples / "rusmarc-1.xml")
    record = Record.objects.get()
    assert record.title == "Сучасна соціальна філософія"
    assert record.responsibility == "Андрущенко В.П., Михальченко М.І."
    assert record.author == "Андрущенко, В.П."
    assert (record.year, record.language, record.udc, record.isbn) == (1996, "ukr", "1", "9789665040255")
    assert (record.record_type, record.bibliographic_level) == ("a", "m")
    assert record.search_key.startswith("suchasna sotsialna filosofiya")
    assert record.source == RecordSource.IMPORT and record.created_by == dilnoza
    assert record.classified_at is not None
    assert record.import_job is not None and record.import_job.status == "queued"  # run here, not by a runner


def test_one_audit_entry_per_batch(samples: Path, world: World, dilnoza: User) -> None:
    run_import(dilnoza, world.arnasoy, samples / "marc21-utf8-nepali-96.mrc", batch_size=40)
    batches = AuditEntry.objects.filter(action="catalog.import.batch").order_by("id")
    assert [entry.changes["positions"] for entry in batches] == [[1, 40], [41, 80], [81, 96]]
    assert sum(entry.changes["imported"] for entry in batches) == 96
    assert {entry.actor for entry in batches} == {dilnoza}
    assert AuditEntry.objects.filter(action="catalog.import.start").count() == 1


@pytest.mark.parametrize("persona", ["alice", "bob", "charlie"])
def test_only_cataloguers_of_the_institution_may_import(samples: Path, world: World, persona: str) -> None:
    """Alice directs Arnasoy and Bob lends there: neither catalogues; Charlie is elsewhere."""
    with pytest.raises(PermissionDenied):
        run_import(getattr(world, persona), world.arnasoy, samples / "rusmarc-1.xml")
    assert not Record.objects.exists()
