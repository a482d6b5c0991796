"""Export: ISO 2709 UTF-8 and MARCXML that read back to the same fields, checked by yaz too,
and each export logged (plan line 14)."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from kutubxona.catalog.exporting import export_records
from kutubxona.catalog.models import ExportedRecord, MarcExport, Record
from kutubxona.institutions.models import Institution, User
from tests.catalog.conftest import run_import
from tests.conftest import World

ROUND_TRIP_FILES = [
    "marc21-utf8-cyrillic-armenian-52.mrc",
    "marc21-marc8-hebrew-20.mrc",
    "marc21-utf8-nepali-96.mrc",
    "marcxml-oai-envelope-50.xml",
    "rusmarc-1.xml",
]


def fields_by_record(institution: Institution) -> list[list[dict[str, object]]]:
    """The fields of each record (in import order), without 001/003 that an export may add."""
    return [
        [field for field in marc["fields"] if not {"001", "003"} & set(field)]
        for marc in Record.objects.filter(institution=institution)
        .order_by("id")
        .values_list("marc", flat=True)
    ]


@pytest.mark.parametrize("file_format", ["iso2709", "marcxml"])
@pytest.mark.parametrize("name", ROUND_TRIP_FILES)
def test_import_export_import_gives_the_same_fields(
    samples: Path, tmp_path: Path, world: World, dilnoza: User, name: str, file_format: str
) -> None:
    run_import(dilnoza, world.arnasoy, samples / name, match="add")
    out = tmp_path / f"out.{file_format}"
    export = export_records(dilnoza, world.arnasoy, out, file_format=file_format)
    result = run_import(world.admin, world.dostlik, out, match="add")
    assert (
        result["imported"] == export.record_count == Record.objects.filter(institution=world.arnasoy).count()
    )
    assert result["failed"] == 0
    assert fields_by_record(world.dostlik) == fields_by_record(world.arnasoy)
    leaders = Record.objects.filter(institution=world.dostlik).values_list("marc__leader", flat=True)
    assert {leader[9] for leader in leaders} == {"a"}


def test_records_without_001_get_their_id_and_institution(
    samples: Path, tmp_path: Path, world: World, dilnoza: User
) -> None:
    run_import(dilnoza, world.arnasoy, samples / "marc21-utf8-nepali-96.mrc")
    out = tmp_path / "out.mrc"
    export_records(dilnoza, world.arnasoy, out)
    run_import(world.admin, world.dostlik, out)
    first_here = Record.objects.filter(institution=world.arnasoy).order_by("id").first()
    assert first_here is not None
    copy = Record.objects.get(institution=world.dostlik, control_number=str(first_here.pk))
    assert copy.control_number_source == "arnasoy"


@pytest.mark.skipif(
    shutil.which("yaz-marcdump") is None, reason="yaz-marcdump (Debian package yaz) is not installed"
)
@pytest.mark.parametrize("file_format", ["iso2709", "marcxml"])
def test_yaz_reads_the_exports_without_complaint(
    samples: Path, tmp_path: Path, world: World, dilnoza: User, file_format: str
) -> None:
    for name in ("marc21-utf8-authorities-1066.mrc", "unimarc-utf8-periodicals-3064.mrc", "rusmarc-1.xml"):
        run_import(dilnoza, world.arnasoy, samples / name, match="add")
    out = tmp_path / "out"
    export = export_records(dilnoza, world.arnasoy, out, file_format=file_format)
    if file_format == "marcxml":  # yaz converts the XML to ISO 2709; then the same check
        converted = subprocess.run(
            ["yaz-marcdump", "-i", "marcxml", "-o", "marc", str(out)],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert converted.returncode == 0 and converted.stderr == b"", converted.stderr[:2000]
        out = tmp_path / "converted.mrc"
        out.write_bytes(converted.stdout)
    # -n: parse only; -p: a comment line per record. Anything else printed is a complaint.
    done = subprocess.run(
        ["yaz-marcdump", "-n", "-p", str(out)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = (done.stdout + done.stderr).splitlines()
    assert [line for line in lines if not line.startswith("<!-- Record ")] == []
    assert len(lines) == export.record_count == 4131


def test_each_export_is_logged_with_its_records(
    samples: Path, tmp_path: Path, world: World, dilnoza: User
) -> None:
    run_import(dilnoza, world.arnasoy, samples / "marc21-utf8-nepali-96.mrc")
    export = export_records(dilnoza, world.arnasoy, tmp_path / "a.mrc")
    assert (export.record_count, export.for_union_catalogue, export.created_by) == (96, True, dilnoza)
    assert ExportedRecord.objects.filter(export=export).count() == 96


def test_since_exports_only_records_changed_since(
    samples: Path, tmp_path: Path, world: World, dilnoza: User
) -> None:
    run_import(dilnoza, world.arnasoy, samples / "marc21-utf8-nepali-96.mrc")
    Record.objects.filter(pk__in=Record.objects.order_by("id").values("pk")[:90]).update(
        updated_at=timezone.now() - datetime.timedelta(days=40)
    )
    since = timezone.localdate() - datetime.timedelta(days=30)
    assert export_records(dilnoza, world.arnasoy, tmp_path / "a.mrc", since=since).record_count == 6


def test_only_catalogue_staff_of_the_institution_may_export(tmp_path: Path, world: World) -> None:
    with pytest.raises(PermissionDenied):
        export_records(world.charlie, world.arnasoy, tmp_path / "a.mrc")
    assert not MarcExport.objects.exists()


def test_the_commands(samples: Path, tmp_path: Path, world: World) -> None:
    out = StringIO()
    call_command(
        "import_marc",
        str(samples / "marc21-utf8-zdb-292-plus-1-bad.mrc"),
        institution="arnasoy",
        stdout=out,
        stderr=StringIO(),
    )
    assert "imported 292" in out.getvalue() and "Record 293 (byte 127785)" in out.getvalue()
    target = tmp_path / "union.xml"
    out = StringIO()
    call_command("export_marc", institution="arnasoy", format="marcxml", output=str(target), stdout=out)
    assert "292 records" in out.getvalue()
    assert target.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert MarcExport.objects.get().file_format == "marcxml"
