"""MARC import speed, end to end (read, map, extract, fold, match, write), against pymarc's
parse-only rate on the same file in the same run; and peak memory while streaming a big file.

    .venv/bin/python bench/bench_marc_import.py                  # the shared files, SQLite
    .venv/bin/python bench/bench_marc_import.py --records 1000000  # + a generated 1M-record file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kutubxona_catalog_bench .venv/bin/python bench/...

Runs in a fresh data folder (SQLite) or a fresh database named by DATABASE_URL (created and
dropped here). The generated file repeats the shared UTF-8 files with new control numbers and
is deleted at the end.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SAMPLES = Path(
    os.environ.get("KUTUBXONA_MARC_SAMPLES", Path(__file__).resolve().parents[2] / "shared/data/marc")
)
UTF8_FILE = "marc21-utf8-synthetic-2000.mrc"
MARC8_FILE = "marc21-marc8-jazz-1000.mrc"
ROUNDS = 3
REPEATED = [
    "marc21-utf8-synthetic-2000.mrc",
    "marc21-utf8-nepali-96.mrc",
    "marc21-utf8-cyrillic-armenian-52.mrc",
]


def setup_django(workdir: Path) -> None:
    os.environ["KUTUBXONA_DATA_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kutubxona.settings")
    if url := os.environ.get("DATABASE_URL"):
        # A database of our own, so the benchmark never touches real data.
        os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/kutubxona_catalog_bench"
    import django

    django.setup()
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        _recreate_postgres_database()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _recreate_postgres_database() -> None:
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}"')
        connection.execute(f'CREATE DATABASE "{db["NAME"]}"')


def pymarc_parse_rate(path: Path, force_utf8: bool) -> float:
    import pymarc

    started = time.perf_counter()
    with path.open("rb") as stream:
        count = sum(
            1 for _record in pymarc.MARCReader(stream, force_utf8=force_utf8, hide_utf8_warnings=True)
        )
    return count / (time.perf_counter() - started)


def import_rate(path: Path, code: str, match: str = "skip") -> tuple[float, dict[str, Any]]:
    """Records per second of a whole import into a new institution (the job, as the command runs it)."""
    from django_scopes import scopes_disabled

    from kutubxona.catalog import actions
    from kutubxona.catalog.importing import import_file
    from kutubxona.institutions import actions as institution_actions

    with scopes_disabled():
        institution = institution_actions.create_institution(
            None, code=code, parent=None, kind="district", name_uz=code, with_defaults=False
        )
        job = actions.start_import(None, institution, path=str(path), options={"match": match})
        started = time.perf_counter()
        result = import_file(job)
        seconds = time.perf_counter() - started
    return result["read"] / seconds, result


def _renumbered(records: list[bytes], copies: int) -> Iterator[bytes]:
    """The records again and again, each time with a new 001 (the directory length stays the same)."""
    number = 0
    for _round in range(copies):
        for data in records:
            number += 1
            yield _with_control_number(data, f"b{number:09d}")


def _with_control_number(data: bytes, number: str) -> bytes:
    """The record with its 001 replaced by (or, without one, given) `number`: directory rebuilt."""
    base = int(data[12:17])
    directory = data[24 : base - 1]
    fields: list[tuple[bytes, bytes]] = []
    for i in range(0, len(directory), 12):
        tag, length, offset = (
            directory[i : i + 3],
            int(directory[i + 3 : i + 7]),
            int(directory[i + 7 : i + 12]),
        )
        fields.append((tag, data[base + offset : base + offset + length]))
    fields = [(tag, body) for tag, body in fields if tag != b"001"]
    fields.insert(0, (b"001", number.encode() + b"\x1e"))
    new_directory = b""
    offset = 0
    for tag, body in fields:
        new_directory += tag + b"%04d%05d" % (len(body), offset)
        offset += len(body)
    new_base = 24 + len(new_directory) + 1
    body = b"".join(body for _tag, body in fields) + b"\x1d"
    leader = b"%05d" % (new_base + len(body)) + data[5:12] + b"%05d" % new_base + data[17:24]
    return leader + new_directory + b"\x1e" + body


def generate(path: Path, records: int) -> None:
    pool: list[bytes] = []
    for name in REPEATED:
        pool += [chunk + b"\x1d" for chunk in (SAMPLES / name).read_bytes().split(b"\x1d") if chunk.strip()]
    with path.open("wb") as out:
        for i, data in enumerate(_renumbered(pool, records // len(pool) + 1)):
            if i >= records:
                break
            out.write(data)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--records", type=int, default=0, help="also stream a generated file of this many records"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kutubxona-bench-") as folder:
        workdir = Path(folder)
        setup_django(workdir)
        from django.conf import settings

        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        print(f"database: {engine}; samples: {SAMPLES}")
        for label, name, force in (("UTF-8", UTF8_FILE, True), ("MARC-8", MARC8_FILE, False)):
            path = SAMPLES / name
            # Best of ROUNDS, alternating, so a noisy neighbour on the machine skews neither side.
            parse, rate, result = 0.0, 0.0, dict[str, Any]()
            for round_number in range(ROUNDS):
                parse = max(parse, pymarc_parse_rate(path, force))
                this_rate, result = import_rate(path, f"bench-{label.lower()}-{round_number}")
                rate = max(rate, this_rate)
            print(
                f"{label:<7} {name}: import {rate:>7,.0f} records/s end to end; pymarc parse only "
                f"{parse:>7,.0f} records/s; ratio {rate / parse:.0%}  (imported {result['imported']}; "
                f"best of {ROUNDS})"
            )
        if args.records:
            big = workdir / "big.mrc"
            started = time.perf_counter()
            generate(big, args.records)
            megabytes, seconds = big.stat().st_size / 1e6, time.perf_counter() - started
            print(f"generated {args.records:,} records ({megabytes:,.0f} MB) in {seconds:.0f} s")
            before = peak_rss_mb()
            # "add": the copies share titles, so matching would compare each with all before it.
            rate, result = import_rate(big, "bench-big", match="add")
            print(
                f"big file: {rate:,.0f} records/s, imported {result['imported']:,}, "
                f"failed {result['failed']}; peak RSS {peak_rss_mb():,.0f} MB "
                f"(before the import: {before:,.0f} MB)"
            )
        sys.stdout.flush()
        if engine == "postgresql":
            from django.db import connections

            connections.close_all()


if __name__ == "__main__":
    main()
