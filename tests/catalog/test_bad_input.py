"""Broken files as people bring them: each broken record is reported (position, byte offset,
reason) and skipped, the rest imported; a file that is not MARC gets one clear message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kutubxona.catalog.importing import ImportRefused
from kutubxona.catalog.marc.reading import ReadOptions, read
from kutubxona.catalog.marc.results import Failure, NotMarc
from kutubxona.catalog.models import Record
from kutubxona.institutions.models import User
from tests.catalog.conftest import run_import
from tests.conftest import World

NEPALI = "marc21-utf8-nepali-96.mrc"  # UTF-8, leader/09 'a'
FRENCH = "marc21-marc8-french-500.mrc"  # MARC-8


def records_of(path: Path) -> list[bytes]:
    return [chunk + b"\x1d" for chunk in path.read_bytes().split(b"\x1d")[:-1]]


def write(path: Path, records: list[bytes]) -> Path:
    path.write_bytes(b"".join(records))
    return path


def failures(path: Path, options: ReadOptions | None = None) -> tuple[int, list[Failure]]:
    good, bad = 0, []
    for item in read(path, options or ReadOptions()):
        if isinstance(item, Failure):
            bad.append(item)
        else:
            good += 1
    return good, bad


def test_wrong_record_length(samples: Path, tmp_path: Path) -> None:
    records = records_of(samples / NEPALI)[:5]
    records[2] = b"%05d" % (len(records[2]) + 7) + records[2][5:]
    good, (failure,) = failures(write(tmp_path / "f.mrc", records))
    assert good == 4
    assert failure.position == 3 and failure.offset == len(records[0]) + len(records[1])
    assert "Wrong record length" in failure.reason


def test_bad_leader(samples: Path, tmp_path: Path) -> None:
    records = records_of(samples / NEPALI)[:5]
    records[1] = b"0x2A9" + records[1][5:]
    good, (failure,) = failures(write(tmp_path / "f.mrc", records))
    assert (good, failure.position, failure.offset) == (4, 2, len(records[0]))
    assert "Bad leader" in failure.reason


def test_broken_directory(samples: Path, tmp_path: Path) -> None:
    records = records_of(samples / NEPALI)[:3]
    records[1] = records[1][:30] + b"X" + records[1][31:]
    good, (failure,) = failures(write(tmp_path / "f.mrc", records))
    assert (good, failure.position) == (2, 2)
    assert "directory" in failure.reason


def test_truncated_file(samples: Path, tmp_path: Path) -> None:
    data = (samples / NEPALI).read_bytes()
    path = tmp_path / "cut.mrc"
    path.write_bytes(data[: len(data) // 2])
    good, (failure,) = failures(path)
    assert failure.position == good + 1
    assert "cut short" in failure.reason


def test_bytes_invalid_in_declared_utf8(samples: Path, tmp_path: Path) -> None:
    records = records_of(samples / NEPALI)[:4]
    broken = bytearray(records[3])
    broken[-10] = 0xFF
    records[3] = bytes(broken)
    good, (failure,) = failures(write(tmp_path / "f.mrc", records))
    assert (good, failure.position) == (3, 4)
    assert "not valid in UTF-8" in failure.reason


def test_unmappable_marc8_escape(samples: Path, tmp_path: Path) -> None:
    records = records_of(samples / FRENCH)[:3]
    # An escape to a character set that does not exist ("ESC ( X") over the last bytes of the
    # last field's data (same length, so the directory stays right).
    assert b"\x1f" not in records[0][-5:-2]
    records[0] = records[0][:-5] + b"\x1b(X" + records[0][-2:]
    good, (failure,) = failures(write(tmp_path / "f.mrc", records))
    assert (good, failure.position, failure.offset) == (2, 1, 0)
    assert "MARC-8" in failure.reason and "character set" in failure.reason


def test_nul_bytes_are_dropped_from_the_text(samples: Path, tmp_path: Path) -> None:
    records = records_of(samples / NEPALI)[:2]
    assert b"\x1f" not in records[1][-5:-2]
    records[1] = records[1][:-4] + b"\x00" + records[1][-3:]
    parsed = [item for item in read(write(tmp_path / "f.mrc", records)) if not isinstance(item, Failure)]
    assert len(parsed) == 2 and "\\u0000" not in json.dumps(parsed[1].marc)


def test_forced_utf8_on_marc8_bytes_is_reported_per_record(samples: Path) -> None:
    good, bad = failures(samples / FRENCH, ReadOptions(encoding="utf-8"))
    assert bad and good + len(bad) == 500
    assert all("UTF-8" in failure.reason for failure in bad)


def test_broken_xml_keeps_what_came_before(samples: Path, tmp_path: Path) -> None:
    text = (samples / "marcxml-oai-envelope-50.xml").read_bytes()
    cut = text.index(b"<slim:record", text.index(b"1024796043") + 20000)
    path = tmp_path / "broken.xml"
    path.write_bytes(text[:cut] + b"<slim:record><slim:leader>oops</slim:datafield>" + text[cut:])
    good, (failure,) = failures(path)
    assert failure.position == good + 1 and failure.offset >= cut
    assert "Broken XML" in failure.reason


@pytest.mark.parametrize(
    "content",
    [b"", b"%PDF-1.4 not a catalogue", b"Kitoblar ro'yxati\n1. O'tkan kunlar\n", b"\x00" * 100],
)
def test_a_file_that_is_not_marc_gets_one_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "upload.mrc"
    path.write_bytes(content)
    with pytest.raises(NotMarc):
        list(read(path))


def test_xml_without_marc_records(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("<?xml version='1.0'?><rss><channel><title>News</title></channel></rss>")
    with pytest.raises(NotMarc, match="no MARC records"):
        list(read(path))


def test_import_skips_the_broken_records_and_keeps_the_rest(
    samples: Path, tmp_path: Path, world: World, dilnoza: User
) -> None:
    records = records_of(samples / NEPALI)[:20]
    records[4] = b"%05d" % (len(records[4]) - 1) + records[4][5:]
    records[11] = b"xxxxx" + records[11][5:]
    path = write(tmp_path / "f.mrc", records)
    result = run_import(dilnoza, world.arnasoy, path, batch_size=7)
    assert (result["imported"], result["failed"]) == (18, 2)
    assert [(f["position"], f["offset"]) for f in result["failures"]] == [
        (5, sum(map(len, records[:4]))),
        (12, sum(map(len, records[:11]))),
    ]
    assert Record.objects.filter(institution=world.arnasoy).count() == 18


def test_import_of_a_non_marc_file_is_refused_with_nothing_written(
    tmp_path: Path, world: World, dilnoza: User
) -> None:
    path = tmp_path / "list.mrc"
    path.write_text("not MARC at all\n")
    with pytest.raises(ImportRefused, match="not MARC"):
        run_import(dilnoza, world.arnasoy, path)
    assert not Record.objects.exists()
