"""Full text in the search index: folding a book's words, reading a PDF's text layer, and the
search's first page with and without the full-text column filled.

1. `documents.fulltext_words` over a generated book of about a million characters (Uzbek Latin
   and Cyrillic), next to plain `loose_tokens` over the same text (the baseline: the fold itself);
2. `catalog.fulltext.text_layer` (pypdfium2) over a reportlab PDF of 200 pages, in pages/s;
3. the engine's first page (with facets) for the same queries over N generated records
   (bench_search's generator), before and after a tenth of them get a book's words as full
   text, and for words found only in the full texts.

    .venv/bin/python bench/bench_fulltext.py                  # 20,000 records, SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kxb9 .venv/bin/python bench/bench_fulltext.py

Printed, never asserted. Runs in a fresh data folder (SQLite) or recreates DATABASE_URL's database.
"""

from __future__ import annotations

import argparse
import io
import random
import tempfile
import time

from bench_search import load, p95, queries, report, setup_django, timings

BOOK_WORDS = 130_000  # about a million characters
PDF_PAGES = 200


def book(words: list[str], rng: random.Random, count: int) -> str:
    from kutubxona.core.text import to_cyrillic

    text = " ".join(rng.choices(words, k=count))
    half = len(text) // 2
    return text[:half] + " " + to_cyrillic(text[half:])  # half Latin, half Cyrillic


def fold_figures(words: list[str], rng: random.Random) -> None:
    from kutubxona.core.text import loose_tokens
    from kutubxona.search.documents import fulltext_words

    text = book(words, rng, BOOK_WORDS)
    started = time.perf_counter()
    loose_tokens(text)
    base = time.perf_counter() - started
    started = time.perf_counter()
    kept = fulltext_words([text])
    spent = time.perf_counter() - started
    print(
        f"book of {len(text):,} characters: fulltext_words {spent:.2f} s ({len(kept):,} characters of "
        f"distinct words kept), loose_tokens alone {base:.2f} s, ratio {spent / base:.2f}"
    )


def pdf_figures(words: list[str], rng: random.Random) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from kutubxona.catalog.fulltext import text_layer

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for _ in range(PDF_PAGES):
        for line in range(40):
            canvas.drawString(50, 800 - line * 18, " ".join(rng.choices(words, k=12)))
        canvas.showPage()
    canvas.save()
    started = time.perf_counter()
    pages = text_layer(io.BytesIO(buffer.getvalue()))
    spent = time.perf_counter() - started
    characters = sum(len(page) for page in pages)
    print(
        f"text layer of a {PDF_PAGES}-page PDF ({len(buffer.getvalue()) // 1024} KB, {characters:,} "
        f"characters): {spent:.2f} s, {len(pages) / spent:.0f} pages/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--book-words", type=int, default=3_000, help="words of each record's full text")
    options = parser.parse_args()
    setup_django(tempfile.mkdtemp(prefix="kutubxona-fulltext-bench-"))
    from django.db import connection, transaction
    from django_scopes import scopes_disabled

    from kutubxona.search.documents import fulltext_words
    from kutubxona.search.engine import search
    from kutubxona.search.models import SearchDoc
    from kutubxona.search.query import Query

    rng = random.Random(9)
    with scopes_disabled():
        vocabulary = load(options.records, rng)
        fold_figures(vocabulary.words, rng)
        pdf_figures(vocabulary.words, rng)
        texts = queries(vocabulary, options.queries, options.records, rng)

        def run(text: str) -> None:
            search(Query(text=text, facets=True, suggest=False))

        for text in texts[:10]:
            run(text)
        before = timings(run, texts)
        # A tenth of the records get a book's words; the rarest words go only into full texts.
        only_inside = [f"ichkari{number}" for number in range(50)]
        every = SearchDoc.objects.order_by("?").values_list("record_id", flat=True)
        chosen = list(every[: options.records // 10])
        started = time.perf_counter()
        with transaction.atomic():
            for record_id in chosen:
                words = [*rng.choices(vocabulary.words, k=options.book_words), rng.choice(only_inside)]
                kept = fulltext_words([" ".join(words)])
                SearchDoc.objects.filter(record_id=record_id).update(fulltext=kept)
        filled = time.perf_counter() - started
        with connection.cursor() as cursor:  # as autovacuum would after a tenth of the rows changed
            cursor.execute("ANALYZE search_searchdoc" if connection.vendor == "postgresql" else "ANALYZE")
        print(f"{len(chosen):,} records given full text of {options.book_words:,} words: {filled:.1f} s")
        for text in texts[:10]:
            run(text)
        after = timings(run, texts)
        inside = timings(run, only_inside)
    report("first page + facets, no full text", before)
    report("first page + facets, with full text", after)
    report("words only in the full texts", inside)
    print(f"p95 with full text / without: {p95(after) / max(p95(before), 0.001):.2f}")


if __name__ == "__main__":
    main()
