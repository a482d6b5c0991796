"""Search speed on a million generated records: the first page, with facets, and naive bm25.

1,000,000 records (Uzbek Latin and Cyrillic titles and authors, a Zipf vocabulary whose most
common word is in about two records of three) are written straight into the catalogue and
index tables (no MARC parsing), with a copy for most records. 200 queries of one to three
words, common and rare, typed in Latin or Cyrillic, then run three ways in the same process:

- the engine's first page of 20 (`search.engine.search`, no facets);
- the same with the facet counts;
- the naive query as a baseline: every match ranked by the database (FTS5 bm25 with the field
  weights / PostgreSQL ts_rank), first 20.

Targets (issue 5, SQLite, 2 cores): first page median <= 10 ms, p95 <= 50 ms; with facets
p95 <= 150 ms. Printed, never asserted.

    .venv/bin/python bench/bench_search.py                      # 1,000,000 records, SQLite
    .venv/bin/python bench/bench_search.py --records 50000      # a quick run
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kx5 .venv/bin/python bench/bench_search.py

Runs in a fresh data folder (SQLite) or recreates the database named by DATABASE_URL.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

SYLLABLES_START = ["ba", "da", "ka", "ma", "na", "sa", "ta", "ra", "la", "ya", "zu", "to", "bo", "ku", "mi"]
SYLLABLES = ["ra", "li", "mon", "don", "bek", "jon", "gul", "nur", "sor", "tim", "va", "zor", "lik", "chi"]
SYLLABLES += ["sha", "dor", "mat", "nov", "ri", "lar", "ni", "ro", "sin", "kat", "bi", "yo", "un", "el"]
# The most common words are real ones; the rest are made of syllables.
COMMON = ["va", "kitob", "tarix", "ozbek", "adabiyot", "uchun", "hayot", "yangi", "xalq", "ilm"]
FIRST_NAMES = ["Abdulla", "Alisher", "Erkin", "Zulfiya", "Oybek", "Said", "Gafur", "Odil", "Halima", "Shukur"]
INSTITUTIONS = 15
PAGE = 20
ZIPF_S = 1.0


def setup_django(workdir: str) -> None:
    os.environ["KUTUBXONA_DATA_DIR"] = workdir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kutubxona.settings")
    import django

    django.setup()
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        import psycopg

        db = settings.DATABASES["default"]
        with psycopg.connect(
            host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname="postgres", autocommit=True
        ) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}"')
            admin.execute(f'CREATE DATABASE "{db["NAME"]}"')
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


class Vocabulary:
    """Index-spelled words (as `loose_fold` gives them) with their Cyrillic spelling, Zipf-weighted."""

    def __init__(self, size: int, rng: random.Random) -> None:
        from kutubxona.core.text import loose_fold, to_cyrillic

        words = list(COMMON)
        seen = set(words)
        while len(words) < size:
            word = rng.choice(SYLLABLES_START) + "".join(
                rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))
            )
            if word not in seen and loose_fold(to_cyrillic(word)) == word:
                seen.add(word)
                words.append(word)
        self.words = words
        self.cyrillic = {word: to_cyrillic(word) for word in words}
        self.names = [loose_fold(name) for name in FIRST_NAMES]
        self.cyrillic.update({loose_fold(name): to_cyrillic(name) for name in FIRST_NAMES})
        weights = [1 / (rank**ZIPF_S) for rank in range(1, size + 1)]
        self.cumulative = list(itertools.accumulate(weights))
        self.rng = rng

    def draw(self, count: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def display(self, words: list[str], cyrillic: bool) -> str:
        text = " ".join(self.cyrillic[word] if cyrillic else word for word in words)
        return text[:1].upper() + text[1:]


def generate(
    vocabulary: Vocabulary, count: int, institution_ids: list[int], rng: random.Random
) -> Iterator[Any]:
    """(record row values, search doc values, copy or None) for each record, ids 1..count."""
    surnames = vocabulary.words[200:3200]
    for pk in range(1, count + 1):
        cyrillic = rng.random() < 0.5
        title_words = vocabulary.draw(rng.randint(2, 6))
        author_words = [rng.choice(vocabulary.names), rng.choice(surnames)]
        notes_words = vocabulary.draw(rng.randint(4, 12))
        subject_words = vocabulary.draw(rng.randint(1, 3))
        title = vocabulary.display(title_words, cyrillic)
        author = vocabulary.display(author_words[::-1], cyrillic)
        institution = institution_ids[pk % len(institution_ids)]
        yield (
            (pk, institution, title, author, rng.randint(1950, 2026), "rus" if cyrillic else "uzb", "a"),
            (pk, institution, " ".join(title_words), " ".join(author_words), " ".join(subject_words),
             " ".join(notes_words), ""),
            (pk, institution, pk, f"inv-{pk}", rng.choice(["available", "available", "on_loan", "lost"]))
            if rng.random() < 0.8 else None,
        )  # fmt: skip


def load(count: int, rng: random.Random) -> Vocabulary:
    from django.db import connection, transaction

    from kutubxona.institutions import actions as institution_actions
    from kutubxona.search import indexer, schema

    region = institution_actions.create_institution(
        None, code="bench-region", parent=None, kind="regional", name_uz="Bench"
    )
    institution_ids = [
        institution_actions.create_institution(
            None, code=f"bench-{i}", parent=region, kind="district", name_uz=f"Tuman {i}"
        ).pk
        for i in range(INSTITUTIONS)
    ]
    vocabulary = Vocabulary(50_000, rng)
    now = datetime.datetime.now(datetime.UTC)
    empty_marc = '{"leader": "", "fields": []}'
    record_columns = (
        "id, institution_id, title, author, year, language, record_type, marc, control_number, "
        "control_number_source, responsibility, isbn, isbns, udc, bbk, bibliographic_level, "
        "analytic_purpose, search_key, match_key, source, created_at, updated_at"
    )
    record_constants = (empty_marc, "", "", "", "", "", "", "", "m", "", "", "", "import", now, now)
    doc_columns = "record_id, institution_id, title, author, subject, notes, codes, fulltext"
    copy_columns = (
        "id, institution_id, record_id, accession_number, status, barcode, collection, shelf_location, "
        "notes, created_at, updated_at"
    )
    copy_constants = ("", "main", "", "", now, now)
    tables = [
        ("catalog_record", record_columns, record_constants),
        ("search_searchdoc", doc_columns, ("",)),
        ("catalog_copy", copy_columns, copy_constants),
    ]
    postgres = connection.vendor == "postgresql"
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if postgres:
            cursor.execute("DROP INDEX search_doc_document")
        else:
            for name in schema.SQLITE_TRIGGER_NAMES:
                cursor.execute(f"DROP TRIGGER {name}")
        rows = generate(vocabulary, count, institution_ids, rng)
        while batch := list(itertools.islice(rows, 20_000)):
            for index, (table, columns, constants) in enumerate(tables):
                values = [(*row[index], *constants) for row in batch if row[index] is not None]
                if postgres:  # COPY: the way PostgreSQL takes a million rows
                    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        for value in values:
                            copy.write_row(value)
                else:
                    marks = ", ".join(["%s"] * (columns.count(",") + 1))
                    cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)
        if postgres:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the deferred foreign keys now
            cursor.execute("CREATE INDEX search_doc_document ON search_searchdoc USING gin (document)")
        else:
            indexer.rebuild_sqlite(cursor)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"loaded {count:,} records in {time.perf_counter() - started:.0f} s ({connection.vendor})")
    return vocabulary


def queries(vocabulary: Vocabulary, count: int, records: int, rng: random.Random) -> list[str]:
    """One to three words, in either script. Half are words of a random record's title (they find
    something); half are drawn from the vocabulary, a third of those among the 20 commonest."""
    from django.db import connection

    made = []
    for number in range(count):
        size = rng.choice([1, 1, 2, 2, 3])
        if number % 2:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT title FROM search_searchdoc WHERE record_id = %s", [rng.randint(1, records)]
                )
                title = cursor.fetchone()[0].split()
            start = rng.randint(0, max(0, len(title) - size))
            words = title[start : start + size]
        else:
            words = [
                vocabulary.words[
                    rng.randint(0, 19) if rng.random() < 0.35 else rng.randint(20, len(vocabulary.words) - 1)
                ]
                for _ in range(size)
            ]
        made.append(vocabulary.display(words, cyrillic=rng.random() < 0.5))
    return made


def timings(run: Callable[[str], object], texts: list[str]) -> list[float]:
    times = []
    for text in texts:
        started = time.perf_counter()
        run(text)
        times.append((time.perf_counter() - started) * 1000)
    return times


def naive(text: str) -> list[int]:
    """Every match ranked by the database itself, then the first page."""
    from django.db import connection

    from kutubxona.core.text import loose_tokens

    words = loose_tokens(text)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT record_id FROM search_searchdoc, to_tsquery('simple', %s) q WHERE document @@ q "
                "ORDER BY ts_rank(document, q) DESC LIMIT %s",
                [" & ".join(words), PAGE],
            )
        else:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                "ORDER BY bm25(search_fts, 10.0, 8.0, 4.0, 1.0, 3.0) LIMIT %s",
                [" AND ".join(f'"{word}"' for word in words), PAGE],
            )
        return [row[0] for row in cursor.fetchall()]


def p95(times: list[float]) -> float:
    return sorted(times)[max(0, int(len(times) * 0.95) - 1)]


def report(name: str, times: list[float]) -> None:
    median, worst = statistics.median(times), max(times)
    print(f"{name:<36} median {median:7.1f} ms   p95 {p95(times):7.1f} ms   max {worst:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    options = parser.parse_args()
    setup_django(tempfile.mkdtemp(prefix="kutubxona-search-bench-"))
    from django_scopes import scopes_disabled

    from kutubxona.search.engine import Result, search
    from kutubxona.search.query import Query

    rng = random.Random(5)
    with scopes_disabled():
        vocabulary = load(options.records, rng)
        texts = queries(vocabulary, options.queries, options.records, rng)
        common = vocabulary.words[0]
        found = search(Query(text=common, facets=False, suggest=False))
        print(f"most common word {common!r}: about {found.total:,} records")
        print(f"{len(texts)} queries, e.g. {texts[:4]}")
        for text in texts[:10]:  # warm the caches
            search(Query(text=text))
        results: list[Result] = []

        def first(text: str) -> None:
            results.append(search(Query(text=text, facets=False, suggest=False)))

        first_page = timings(first, texts)
        hitting = sum(result.total > 0 for result in results)
        bounded = sum(not result.exact for result in results)
        print(f"queries finding something: {hitting}; matching more than the candidate bound: {bounded}")
        with_facets = timings(lambda text: search(Query(text=text, facets=True)), texts)
        baseline = timings(naive, texts)
    report("first page (engine)", first_page)
    report("first page with facets (engine)", with_facets)
    report("naive: rank every match, first 20", baseline)
    print(f"first page p95 / naive p95: {p95(first_page) / max(p95(baseline), 0.001):.2f}")


if __name__ == "__main__":
    main()
