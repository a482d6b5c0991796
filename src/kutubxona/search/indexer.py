"""Writing the search index: after every catalogue save, per batch of an import, and `reindex`.

The catalogue's actions call `index_records` inside their own transaction, so a record is
searchable as soon as its save commits. Copies are not indexed: availability is read from
`Copy.status` when a search runs, so other apps may change statuses however they like.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django_scopes import scopes_disabled

from kutubxona.catalog.models import AccessLevel, FullText, Record
from kutubxona.search import schema
from kutubxona.search.documents import document, fulltext_words
from kutubxona.search.models import SearchDoc, SearchTerm

BATCH = 2000
TEXT_CHUNK = 20  # records whose files' texts are read in one query
# The files whose words are indexed: all but staff-only ones. There is one index for every
# visitor, so a staff-only file's words would let anyone find the record by them.
INDEXED_ACCESS = [AccessLevel.PUBLIC, AccessLevel.READERS, AccessLevel.PREMISES]
FIELDS = ["record_id", "institution_id", "title", "author", "subject", "notes", "codes", "fulltext"]


def _remember_terms(docs: list[SearchDoc]) -> None:
    """PostgreSQL's "did you mean" looks words up in `SearchTerm` (SQLite reads fts5vocab)."""
    if connection.vendor != "postgresql":
        return
    terms = {word for doc in docs for word in f"{doc.title} {doc.author}".split() if 3 <= len(word) <= 100}
    SearchTerm.objects.bulk_create([SearchTerm(term=term) for term in terms], ignore_conflicts=True)


def texts_of(record_ids: list[int]) -> Iterator[tuple[int, list[str]]]:
    """(record id, the texts of its indexed full-text files: not staff-only, `INDEXED_ACCESS`),
    read TEXT_CHUNK records at a time: a batch's books are never all in memory at once."""
    with scopes_disabled():
        for start in range(0, len(record_ids), TEXT_CHUNK):
            found: dict[int, list[str]] = {}
            rows = (
                FullText.objects.filter(record_id__in=record_ids[start : start + TEXT_CHUNK])
                .filter(access__in=INDEXED_ACCESS)
                .exclude(text="")
                .order_by("uploaded_at", "id")
                .values_list("record_id", "text")
            )
            for record_id, text in rows:
                found.setdefault(record_id, []).append(text)
            yield from found.items()


def _fulltexts(record_ids: list[int], *, read: bool) -> dict[int, str]:
    """Record id → its `SearchDoc.fulltext`: folded anew from the files' texts (`read`), or the
    words the index holds already (a description change does not touch the files)."""
    if read:
        return {record_id: fulltext_words(texts) for record_id, texts in texts_of(record_ids)}
    with scopes_disabled():
        rows = SearchDoc.objects.filter(record_id__in=record_ids).exclude(fulltext="")
        return dict(rows.values_list("record_id", "fulltext"))


def index_records(records: Iterable[Record], *, new: bool = False, texts: bool = False) -> int:
    """(Re)write the index rows of these records (`new`: they have none yet); how many.

    `texts`: read and fold the records' files' texts again (a file was attached, removed, given
    text or another access level; `reindex`); otherwise the full-text words are carried over."""
    records = list(records)
    if not records:
        return 0
    ids = [record.pk for record in records]
    words = _fulltexts(ids, read=texts) if texts or not new else {}
    docs = [SearchDoc(**vars_of(document(record, fulltext=words.get(record.pk, "")))) for record in records]
    with transaction.atomic(), scopes_disabled():
        if not new:
            SearchDoc.objects.filter(record_id__in=ids).delete()
        SearchDoc.objects.bulk_create(docs, batch_size=500)
        _remember_terms(docs)
    return len(docs)


def vars_of(doc: object) -> dict[str, object]:
    return {name: getattr(doc, name) for name in FIELDS}


def index_ids(ids: Iterable[int], *, new: bool = False, texts: bool = False) -> int:
    ids = list(ids)
    done = 0
    with scopes_disabled():
        for start in range(0, len(ids), BATCH):
            chunk = Record.objects.filter(pk__in=ids[start : start + BATCH]).only(*_RECORD_COLUMNS)
            done += index_records(chunk, new=new, texts=texts)
    return done


def index_import_batch(job_id: int, after_id: int) -> int:
    """Index the records an import batch has just inserted (ids above `after_id`, of this job)."""
    with scopes_disabled():
        ids = list(Record.objects.filter(import_job_id=job_id, pk__gt=after_id).values_list("pk", flat=True))
    return index_ids(ids, new=True)


_RECORD_COLUMNS = ("id", "institution_id", "marc", "title", "author", "responsibility", "isbns", "udc", "bbk")


def reindex_all(on_progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index, in batches of record ids; `on_progress(done, total)` after each.

    Each batch commits on its own (its rows replaced), so the progress is seen as it goes, the
    web process is not locked out, and a record saved meanwhile keeps the row its save wrote.
    On SQLite the triggers are set aside while the rows are written and the FTS tables built in
    one pass at the end ('rebuild', which reads every row, those saved meanwhile too): many times
    faster than row by row. Until then searches answer from the index as it was."""
    sqlite = connection.vendor == "sqlite"
    with scopes_disabled():
        with transaction.atomic(), connection.cursor() as cursor:
            if sqlite:
                for name in schema.SQLITE_TRIGGER_NAMES:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            else:
                cursor.execute("DELETE FROM search_searchterm")
        try:
            total = Record.objects.count()
            done, last = 0, 0
            while True:
                ids = list(
                    Record.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH]
                )
                if not ids:
                    break
                with transaction.atomic():
                    done += index_ids(ids, texts=True)
                last = ids[-1]
                if on_progress is not None:
                    on_progress(done, total)
        finally:
            if sqlite:  # also after a failure: the triggers must come back
                with transaction.atomic(), connection.cursor() as cursor:
                    rebuild_sqlite(cursor)
    return done


def rebuild_sqlite(cursor: CursorWrapper) -> None:
    """Build SQLite's FTS tables from `search_searchdoc` in one pass, and put the triggers back
    (those still there are remade: `repair_sqlite` may have restored them meanwhile)."""
    for table in ("search_fts", "search_head"):
        cursor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
    for name in schema.SQLITE_TRIGGER_NAMES:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in schema.SQLITE_TRIGGERS:
        cursor.execute(statement)


def repair_sqlite() -> bool:
    """After a `reindex` killed mid-way (its triggers set aside, the FTS tables behind the rows):
    build the FTS tables again and put the triggers back. Run when `serve` and `worker` start;
    True if it had to. Nothing to do on PostgreSQL (its index is a column of the rows)."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
        if present.issuperset(schema.SQLITE_TRIGGER_NAMES):
            return False
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'search_fts'")
        if not cursor.fetchone()[0]:
            return False  # not migrated yet: `migrate` makes them
    with transaction.atomic(), connection.cursor() as cursor:
        rebuild_sqlite(cursor)
    return True
