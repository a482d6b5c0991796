"""UNIMARC/RUSMARC in Windows-1251, as IRBIS exports it: detected, or forced, and mapped."""

from __future__ import annotations

from pathlib import Path

from kutubxona.catalog.marc.extract import extract
from kutubxona.catalog.marc.reading import ReadOptions, read
from kutubxona.catalog.marc.results import Failure, Parsed
from kutubxona.institutions.models import User
from tests.catalog.conftest import run_import
from tests.conftest import World

FIELDS = [
    ("001", "IRBIS-77"),
    ("010", "  \x1fa5-17-012345-6"),
    ("101", "0 \x1farus"),
    ("200", "1 \x1faЎткан кунлар\x1feроман\x1ffАбдулла Қодирий"),
    ("210", "  \x1faТошкент\x1fcШарқ\x1fd1994"),
    ("700", " 1\x1faҚодирий\x1fbА."),
]


def iso2709(fields: list[tuple[str, str]], encoding: str) -> bytes:
    """One ISO 2709 record with leader/09 blank, its text in `encoding`."""
    directory, body = b"", b""
    for tag, text in fields:
        data = text.encode(encoding) + b"\x1e"
        directory += tag.encode() + b"%04d%05d" % (len(data), len(body))
        body += data
    base = 24 + len(directory) + 1
    length = base + len(body) + 1
    leader = b"%05dnam  22%05d i 450 " % (length, base)
    return leader + directory + b"\x1e" + body + b"\x1d"


def test_windows_1251_unimarc_is_detected(tmp_path: Path) -> None:
    # Uzbek Cyrillic ў, қ are not in Windows-1251: IRBIS records in Russian are the usual case.
    fields = [(tag, text.replace("Ў", "У").replace("Қ", "К").replace("қ", "к")) for tag, text in FIELDS]
    path = tmp_path / "irbis.iso"
    path.write_bytes(iso2709(fields, "cp1251") * 2)
    items = list(read(path))
    assert all(isinstance(item, Parsed) for item in items) and len(items) == 2
    parsed = items[0]
    assert isinstance(parsed, Parsed)
    assert (parsed.encoding, parsed.flavour) == ("cp1251", "unimarc")
    columns = extract(parsed.marc)
    assert columns.title == "Уткан кунлар : роман"
    assert columns.author == "Кодирий, А."
    assert columns.year == 1994


def test_utf8_unimarc_with_a_blank_leader_is_still_utf8(tmp_path: Path) -> None:
    path = tmp_path / "utf8.iso"
    path.write_bytes(iso2709(FIELDS, "utf-8"))
    (parsed,) = list(read(path))
    assert isinstance(parsed, Parsed) and parsed.encoding == "utf-8-guessed"
    assert extract(parsed.marc).title == "Ўткан кунлар : роман"


def test_bytes_undefined_in_windows_1251_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.iso"
    path.write_bytes(iso2709([("001", "1"), ("200", "1 \x1faX")], "cp1251").replace(b"\x1faX", b"\x1fa\x98"))
    (failure,) = list(read(path, ReadOptions(encoding="cp1251")))
    assert isinstance(failure, Failure) and "cp1251" in failure.reason


def test_import_reports_windows_1251(tmp_path: Path, world: World, dilnoza: User) -> None:
    fields = [(tag, text.replace("Ў", "У").replace("Қ", "К").replace("қ", "к")) for tag, text in FIELDS]
    path = tmp_path / "irbis.iso"
    path.write_bytes(iso2709(fields, "cp1251"))
    result = run_import(dilnoza, world.arnasoy, path)
    assert result["imported"] == 1
    assert result["encodings"] == {"Windows-1251 (UNIMARC/RUSMARC, as IRBIS writes it)": 1}
