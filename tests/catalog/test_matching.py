"""Match modes: a record already here is found by 001+003, ISBN, or title/author/year, and is
skipped, merged, replaced, or the incoming one added anyway."""

from __future__ import annotations

from pathlib import Path

import pytest
from pymarc import Field, Indicators, Leader, Subfield
from pymarc import Record as MarcRecord

from kutubxona.catalog.marc.writing import Writer
from kutubxona.catalog.models import Record
from kutubxona.institutions.models import User
from tests.catalog.conftest import run_import
from tests.conftest import World


def book(
    title: str,
    *,
    author: str = "Qodiriy, Abdulla",
    year: int = 1926,
    control: tuple[str, str] | None = None,
    isbn: str | None = None,
    subject: str | None = None,
) -> MarcRecord:
    record = MarcRecord()
    record.leader = Leader("00000nam a2200000 i 4500")
    if control:
        record.add_field(Field(tag="001", data=control[0]), Field(tag="003", data=control[1]))
    if isbn:
        record.add_field(Field(tag="020", indicators=Indicators(" ", " "), subfields=[Subfield("a", isbn)]))
    record.add_field(
        Field(tag="100", indicators=Indicators("1", " "), subfields=[Subfield("a", author)]),
        Field(tag="245", indicators=Indicators("1", "0"), subfields=[Subfield("a", title)]),
        Field(tag="264", indicators=Indicators(" ", "1"), subfields=[Subfield("c", str(year))]),
    )
    if subject:
        record.add_field(
            Field(tag="650", indicators=Indicators(" ", "4"), subfields=[Subfield("a", subject)])
        )
    return record


def marc_file(path: Path, *records: MarcRecord) -> Path:
    with path.open("wb") as stream:
        writer = Writer(stream, "iso2709")
        for record in records:
            writer.write(record)
        writer.close()
    return path


@pytest.fixture
def here(world: World, dilnoza: User, tmp_path: Path) -> Record:
    """O'tkan kunlar, catalogued here: 001 'kx1' from 'arnasoy', ISBN-13, a subject."""
    path = marc_file(
        tmp_path / "here.mrc",
        book("O'tkan kunlar", control=("kx1", "arnasoy"), isbn="978-0-306-40615-7", subject="Romanlar"),
    )
    run_import(dilnoza, world.arnasoy, path)
    return Record.objects.get()


def test_skip_by_control_number(here: Record, world: World, dilnoza: User, tmp_path: Path) -> None:
    path = marc_file(tmp_path / "in.mrc", book("Another title", control=("kx1", "arnasoy")))
    result = run_import(dilnoza, world.arnasoy, path, match="skip")
    assert (result["imported"], result["skipped"]) == (0, 1)
    here.refresh_from_db()
    assert here.title == "O'tkan kunlar"


def test_replace_by_isbn_10_of_the_same_book(
    here: Record, world: World, dilnoza: User, tmp_path: Path
) -> None:
    path = marc_file(tmp_path / "in.mrc", book("O'tkan kunlar : roman", isbn="0-306-40615-2"))
    result = run_import(dilnoza, world.arnasoy, path, match="replace")
    assert (result["imported"], result["replaced"]) == (0, 1)
    here.refresh_from_db()
    assert here.title == "O'tkan kunlar : roman"
    assert Record.objects.count() == 1


def test_merge_by_title_author_year_across_scripts(
    here: Record, world: World, dilnoza: User, tmp_path: Path
) -> None:
    """The Cyrillic record of the same book (and the old spelling -tkan/-tgan) is the same record."""
    incoming = book("Ўтган кунлар", author="Қодирий, Абдулла", subject="Tarixiy romanlar")
    result = run_import(dilnoza, world.arnasoy, marc_file(tmp_path / "in.mrc", incoming), match="merge")
    assert (result["imported"], result["merged"]) == (0, 1)
    here.refresh_from_db()
    subjects = [next(iter(f.values())) for f in here.marc["fields"] if "650" in f]
    assert [s["subfields"] for s in subjects] == [[{"a": "Romanlar"}], [{"a": "Tarixiy romanlar"}]]
    assert here.title == "O'tkan kunlar"  # the 245 here is kept
    assert [f for f in here.marc["fields"] if "245" in f] == [
        {"245": {"ind1": "1", "ind2": "0", "subfields": [{"a": "O'tkan kunlar"}]}}
    ]


def test_add_imports_even_a_duplicate(here: Record, world: World, dilnoza: User, tmp_path: Path) -> None:
    path = marc_file(tmp_path / "in.mrc", book("O'tkan kunlar", control=("kx1", "arnasoy")))
    result = run_import(dilnoza, world.arnasoy, path, match="add")
    assert result["imported"] == 1 and Record.objects.count() == 2


def test_a_different_year_or_author_is_another_book(
    here: Record, world: World, dilnoza: User, tmp_path: Path
) -> None:
    path = marc_file(
        tmp_path / "in.mrc",
        book("O'tkan kunlar", year=2019),
        book("O'tkan kunlar", author="Hoshimov, O'tkir"),
    )
    assert run_import(dilnoza, world.arnasoy, path)["imported"] == 2


def test_different_control_numbers_of_one_source_are_different_records(
    here: Record, world: World, dilnoza: User, tmp_path: Path
) -> None:
    """Same title, author, year and even ISBN (volumes of a set), but the source numbers them apart."""
    path = marc_file(
        tmp_path / "in.mrc", book("O'tkan kunlar", control=("kx2", "arnasoy"), isbn="9780306406157")
    )
    assert run_import(dilnoza, world.arnasoy, path)["imported"] == 1


def test_duplicates_within_one_file_and_batch(world: World, dilnoza: User, tmp_path: Path) -> None:
    path = marc_file(
        tmp_path / "in.mrc",
        book("Kecha va kunduz", author="Cho'lpon", year=1936, control=("c1", "x")),
        book("Kecha va kunduz", author="Cho'lpon", year=1936, control=("c1", "x"), subject="Romanlar"),
    )
    result = run_import(dilnoza, world.arnasoy, path, match="merge")
    assert (result["imported"], result["merged"]) == (1, 1)
    record = Record.objects.get()
    assert any("650" in field for field in record.marc["fields"])


def test_matching_stays_within_the_institution(here: Record, world: World, tmp_path: Path) -> None:
    path = marc_file(tmp_path / "in.mrc", book("O'tkan kunlar", control=("kx1", "arnasoy")))
    result = run_import(world.admin, world.dostlik, path)
    assert result["imported"] == 1
    assert Record.objects.filter(institution=world.dostlik).count() == 1
