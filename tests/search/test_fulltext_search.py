"""The words of a record's files are searched: found, ranked below the description, removed with
the file, kept by `reindex`, across scripts; the fielded check of PostgreSQL keeps them."""

from __future__ import annotations

import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kutubxona.catalog import actions, fulltext
from kutubxona.catalog.models import AccessLevel, FullText, Record, RecordSource
from kutubxona.search import indexer
from kutubxona.search.documents import MAX_FULLTEXT, fulltext_words
from kutubxona.search.engine import CANDIDATES
from kutubxona.search.indexer import index_records
from kutubxona.search.models import SearchDoc
from tests.catalog.test_fulltext import pdf_bytes
from tests.conftest import World
from tests.search.conftest import MakeRecord, find, marc, titles

pytestmark = pytest.mark.django_db

PAGES = "Birinchi sahifa so‘zlari.\fIkkinchi sahifada Zarafshon vohasi haqida.\fUchinchi sahifa."


def link(record: Record, text: str, access: str = AccessLevel.PUBLIC) -> FullText:
    return fulltext.attach(
        None, record, io.BytesIO(pdf_bytes()), name="kitob.pdf", access=access, text=text, pages=3
    )


def test_a_word_only_in_a_file_finds_the_record(make_record: MakeRecord) -> None:
    record = make_record("Vohaning tarixi", "Karimov, Anvar")
    assert titles("zarafshon") == []
    link(record, PAGES)
    result = find("zarafshon")
    assert result.ids == [record.pk]
    assert result.hits[0].in_fulltext == ["zarafshon"]
    assert find("vohaning").hits[0].in_fulltext == []  # found in the title: not "in the full text"


def test_a_full_text_match_ranks_below_a_title_and_a_notes_match(make_record: MakeRecord) -> None:
    inside = make_record("Vohaning tarixi")
    link(inside, PAGES)
    in_title = make_record("Zarafshon")
    in_notes = make_record("Daryolar", notes=["Zarafshon haqida"])
    result = find("zarafshon")
    assert result.ids == [in_title.pk, in_notes.pk, inside.pk]
    assert result.hits[1].score > result.hits[2].score > 0


def test_removing_the_file_removes_the_match(make_record: MakeRecord) -> None:
    record = make_record("Vohaning tarixi")
    item = link(record, PAGES)
    assert find("zarafshon").ids == [record.pk]
    fulltext.remove(None, item)
    assert find("zarafshon").ids == []


def test_set_text_makes_a_file_searchable(make_record: MakeRecord) -> None:
    record = make_record("Vohaning tarixi")
    item = link(record, "")
    assert find("zarafshon").ids == []
    fulltext.set_text(None, item, PAGES, pages=3)
    assert find("zarafshon").ids == [record.pk]


def test_reindex_keeps_the_full_text(make_record: MakeRecord) -> None:
    record = make_record("Vohaning tarixi")
    link(record, PAGES)
    SearchDoc.objects.all().delete()
    call_command("reindex", stdout=StringIO(), stderr=StringIO())
    assert find("zarafshon").ids == [record.pk]


def test_cyrillic_and_latin_find_each_other_in_the_full_text(make_record: MakeRecord) -> None:
    latin = make_record("Birinchi kitob")
    link(latin, "Qadimiy Samarqand shahri")
    cyrillic = make_record("Иккинчи китоб")
    link(cyrillic, "Ўрта асрларда Бухоро")
    assert find("Самарқанд").ids == [latin.pk]
    assert find("Самарканд").ids == [latin.pk]  # the Russian keyboard's spelling too
    assert find("buxoro").ids == [cyrillic.pk]


def test_a_fielded_word_is_not_taken_from_the_full_text(make_record: MakeRecord) -> None:
    record = make_record("Vohaning tarixi", subjects=["Tarix"])
    link(record, "Zarafshon 978-9943-01-234-5")
    assert find("zarafshon", subject="tarix").ids == [record.pk]  # box word in the full text
    assert find(title="zarafshon").ids == []  # a title word must be in the title


def test_the_full_text_is_capped_and_keeps_each_word_once() -> None:
    assert fulltext_words(["bir ikki bir", "Ikki uch"]) == "bir ikki uch"
    many = " ".join(f"soz{number}" for number in range(100_000))
    kept = fulltext_words([many])
    assert len(kept) <= MAX_FULLTEXT and kept.startswith("soz0 soz1 ")


def test_a_word_found_in_a_file_is_not_corrected_to_a_title_word(make_record: MakeRecord) -> None:
    make_record("Zarafshan")  # a title word one letter away
    inside = make_record("Vohaning tarixi")
    link(inside, "Zarafshon vohasi")
    result = find("zarafshon")
    assert result.ids == [inside.pk] and result.suggestion == ""


def test_the_indexer_reads_a_batch_s_texts_a_few_records_at_a_time(
    make_record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    def queries(count: int) -> int:
        records = [make_record(f"Kitob {number}") for number in range(count)]
        for record in records:
            link(record, f"Matn {record.pk}")
        with CaptureQueriesContext(connection) as context:
            index_records(records, texts=True)
        return sum("catalog_fulltext" in query["sql"] for query in context.captured_queries)

    assert queries(2) == queries(6) == 1
    monkeypatch.setattr(indexer, "TEXT_CHUNK", 2)
    assert queries(5) == 3


def test_changing_a_description_carries_the_full_text_words_over(make_record: MakeRecord) -> None:
    """A record's save does not read and fold its files' texts again: the index keeps their words."""
    record = make_record("Vohaning tarixi")
    link(record, PAGES)
    with CaptureQueriesContext(connection) as context:
        actions.update_record(None, record, marc("Voha tarixi", subjects=["Tarix"]))
    assert not [query for query in context.captured_queries if "catalog_fulltext" in query["sql"]]
    assert find("zarafshon").ids == find("tarix").ids == [record.pk]
    assert titles("zarafshon") == ["Voha tarixi"]


def test_full_text_matches_do_not_crowd_out_an_older_description_match(
    world: World, make_record: MakeRecord
) -> None:
    """More newer full-text-only matches than the engine ranks (CANDIDATES): the older record with
    the word in its subject is still found, first (both databases match the description first)."""
    in_subject = make_record("Daryolar", subjects=["Zarafshon"])
    books = Record.objects.bulk_create(
        [
            Record(institution=world.arnasoy, title=f"Kitob {n}", marc={}, source=RecordSource.MANUAL)
            for n in range(CANDIDATES + 50)
        ]
    )
    index_records(books, new=True)
    SearchDoc.objects.filter(record_id__in=[book.pk for book in books]).update(fulltext="vohasi zarafshon")
    result = find("zarafshon")
    assert result.ids[0] == in_subject.pk and result.hits[0].in_fulltext == []
    assert not result.exact  # more matches than were ranked
