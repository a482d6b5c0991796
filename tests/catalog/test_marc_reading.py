"""Reading the real MARC files: counts, encodings, flavours and the text of known records."""

from __future__ import annotations

from pathlib import Path

import pytest

from kutubxona.catalog.marc.extract import extract, subfields
from kutubxona.catalog.marc.json import MarcJson
from kutubxona.catalog.marc.reading import ReadOptions, read
from kutubxona.catalog.marc.results import Failure, Parsed

# file: (records read, records failed, the encoding or flavour every good record was read as)
EXPECTED = {
    "marc21-marc8-french-500.mrc": (500, 0, "marc-8"),
    "marc21-marc8-hebrew-20.mrc": (20, 0, "marc-8"),
    "marc21-marc8-jazz-1000.mrc": (1000, 0, "marc-8"),
    "marc21-utf8-authorities-1066.mrc": (1066, 0, "utf-8"),
    "marc21-utf8-cyrillic-armenian-52.mrc": (52, 0, "utf-8-guessed"),
    "marc21-utf8-nepali-96.mrc": (96, 0, "utf-8"),
    "marc21-utf8-synthetic-2000.mrc": (2000, 0, "utf-8"),
    "marc21-utf8-zdb-292-plus-1-bad.mrc": (292, 1, "utf-8"),
    "unimarc-utf8-periodicals-3064.mrc": (3064, 0, "unimarc"),
    "marcxml-oai-envelope-50.xml": (50, 0, "xml"),
    "rusmarc-1.xml": (1, 0, "unimarc"),
}


def read_all(path: Path, options: ReadOptions | None = None) -> tuple[list[Parsed], list[Failure]]:
    parsed: list[Parsed] = []
    failed: list[Failure] = []
    for item in read(path, options or ReadOptions()):
        if isinstance(item, Failure):
            failed.append(item)
        else:
            parsed.append(item)
    return parsed, failed


def field_values(marc: MarcJson, tag: str, *codes: str) -> list[str]:
    return [value for field in marc["fields"] if tag in field for value in subfields(field[tag], *codes)]


def test_every_shared_file_is_expected(samples: Path) -> None:
    """A new file in the shared folder must be added to EXPECTED (and so to the import tests)."""
    assert {p.name for p in samples.iterdir() if p.suffix != ".md"} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_file_reads_with_the_right_count(samples: Path, name: str) -> None:
    good, bad, kind = EXPECTED[name]
    parsed, failed = read_all(samples / name)
    assert (len(parsed), len(failed)) == (good, bad)
    assert {p.flavour if kind == "unimarc" else p.encoding for p in parsed} <= {kind, "marc-8"}
    assert [p.position for p in parsed] == sorted({p.position for p in parsed})


def test_the_broken_zdb_record_is_reported_with_position_offset_and_reason(samples: Path) -> None:
    path = samples / "marc21-utf8-zdb-292-plus-1-bad.mrc"
    _parsed, failed = read_all(path)
    (failure,) = failed
    assert failure.position == 293
    assert failure.offset == 127785 and failure.end == path.stat().st_size
    assert "cut short" in failure.reason


def test_cyrillic_titles_of_the_fsl_file_read_right(samples: Path) -> None:
    """The file's leader/09 is blank but its bytes are UTF-8: read as MARC-8 they would be garbage."""
    parsed, _failed = read_all(samples / "marc21-utf8-cyrillic-armenian-52.mrc")
    titles = [extract(p.marc).title for p in parsed]
    assert titles[0] == "Люди с чистой совестью : [Воспоминания]"
    assert "Стихотворения и поэмы" in titles
    assert all(p.marc["leader"][9] == "a" for p in parsed)


def test_forcing_marc8_on_the_fsl_file_gives_other_text(samples: Path) -> None:
    parsed, failed = read_all(
        samples / "marc21-utf8-cyrillic-armenian-52.mrc", ReadOptions(encoding="marc-8")
    )
    forced = {extract(p.marc).title for p in parsed}
    assert "Стихотворения и поэмы" not in forced
    assert len(parsed) + len(failed) == 52


def test_marc8_diacritics_decode_to_precomposed_unicode(samples: Path) -> None:
    parsed, _failed = read_all(samples / "marc21-marc8-french-500.mrc")
    titles = [extract(p.marc).title for p in parsed]
    assert titles[1] == "Le divin : expériences et hypothèses : études psychologiques"
    assert titles[7] == "Quarante hymnes du Rig-Véda"
    assert not any("\u0301" in title for title in titles), "combining marks must be composed (NFC)"


def test_hebrew_marc8_is_hebrew(samples: Path) -> None:
    parsed, _failed = read_all(samples / "marc21-marc8-hebrew-20.mrc")
    text = " ".join(value for p in parsed for value in field_values(p.marc, "880", "a"))
    assert any("\u05d0" <= char <= "\u05ea" for char in text)


def test_unimarc_periodicals_get_their_titles_in_245(samples: Path) -> None:
    parsed, _failed = read_all(samples / "unimarc-utf8-periodicals-3064.mrc")
    assert len(parsed) == 3064
    assert all(field_values(p.marc, "245", "a") for p in parsed)
    assert all(not field_values(p.marc, "200", "a") for p in parsed)
    first = parsed[0].marc
    assert field_values(first, "245", "a") == [
        "Combined statement of receipts, outlays, and balances of the United States government"
    ]
    assert field_values(first, "264", "b") == ["USGPO"]
    assert field_values(first, "650", "a", "z") == ["Finances publiques", "Etats-Unis"]
    assert first["leader"][6:8] == "ms"  # UNIMARC 'l' (electronic resource) is MARC 21 'm'


def test_rusmarc_xml_maps_the_main_fields(samples: Path) -> None:
    (parsed,), _failed = read_all(samples / "rusmarc-1.xml")
    marc = parsed.marc
    assert parsed.flavour == "unimarc"
    assert field_values(marc, "245", "a") == ["Сучасна соціальна філософія /"]
    assert field_values(marc, "245", "c") == ["Андрущенко В.П., Михальченко М.І."]
    assert field_values(marc, "100", "a") == ["Андрущенко, В.П."]
    assert field_values(marc, "700", "a") == ["Михальченко, М.І."]
    assert field_values(marc, "020", "a") == ["966-504-025-1"]
    assert field_values(marc, "264", "a", "b", "c") == ["К.", "Генеза", "1996"]
    assert field_values(marc, "041", "a") == ["ukr"]
    assert field_values(marc, "080", "a") == ["1"]
    columns = extract(marc)
    assert (columns.year, columns.language, columns.isbn) == (1996, "ukr", "9789665040255")


def test_marcxml_in_an_oai_envelope(samples: Path) -> None:
    parsed, _failed = read_all(samples / "marcxml-oai-envelope-50.xml")
    first = parsed[0]
    assert first.marc["fields"][0] == {"001": "1024796043"}
    assert first.offset > 0 and first.end > first.offset
    assert extract(first.marc).control_number_source == "DE-101"


def test_flavour_can_be_forced(samples: Path) -> None:
    parsed, _failed = read_all(samples / "rusmarc-1.xml", ReadOptions(flavour="marc21"))
    assert parsed[0].flavour == "marc21" and field_values(parsed[0].marc, "200", "a")


def test_reading_resumes_at_an_offset(samples: Path) -> None:
    path = samples / "marc21-utf8-nepali-96.mrc"
    parsed, _failed = read_all(path)
    resumed = list(read(path, offset=parsed[9].end, position=10))
    assert [item.position for item in resumed] == list(range(11, 97))
    assert isinstance(resumed[0], Parsed) and resumed[0].marc == parsed[10].marc


def test_xml_reading_resumes_after_a_position(samples: Path) -> None:
    path = samples / "marcxml-oai-envelope-50.xml"
    resumed = list(read(path, position=45))
    assert [item.position for item in resumed] == [46, 47, 48, 49, 50]
