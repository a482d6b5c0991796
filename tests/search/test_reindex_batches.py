"""`reindex` commits batch by batch (progress seen, a record saved meanwhile kept), its help is
translated; the collection facet and filter leave out withdrawn and lost copies."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from kutubxona.catalog.models import CopyCollection, CopyStatus
from kutubxona.core.text import loose_tokens
from kutubxona.search import indexer
from kutubxona.search.management.commands.reindex import Command
from kutubxona.search.models import SearchDoc
from tests.search.conftest import MakeRecord, add_copy, find, titles


@pytest.mark.django_db(transaction=True)
def test_reindex_commits_each_batch_and_keeps_what_is_saved_meanwhile(
    make_record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    for title in ("Sarob", "Kecha va kunduz", "Qutlug‘ qon"):
        make_record(title)
    monkeypatch.setattr(indexer, "BATCH", 1)
    seen: list[tuple[bool, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((connection.in_atomic_block, done))
        if done == 1:  # someone saves a record while the rebuild runs
            make_record("Mehrobdan chayon")

    assert indexer.reindex_all(progress) == 4
    assert seen == [(False, 1), (False, 2), (False, 3), (False, 4)]  # each batch committed
    assert titles("mehrobdan") == ["Mehrobdan chayon"] and titles("sarob") == ["Sarob"]
    assert SearchDoc.objects.count() == 4
    make_record("Ufq")  # the triggers are back
    assert titles("ufq") == ["Ufq"]


@pytest.mark.django_db(transaction=True)
def test_a_failed_reindex_puts_the_triggers_back(make_record: MakeRecord) -> None:
    make_record("Sarob")

    def fail(done: int, total: int) -> None:
        raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        indexer.reindex_all(fail)
    make_record("Ufq")
    assert titles("ufq") == ["Ufq"]


@pytest.mark.django_db(transaction=True)
def test_a_reindex_killed_mid_way_is_mended_when_the_worker_starts(make_record: MakeRecord) -> None:
    """A killed reindex leaves no `finally` run: triggers gone, rows written the FTS tables lack."""
    record = make_record("Sarob")
    if connection.vendor != "sqlite":
        assert indexer.repair_sqlite() is False  # PostgreSQL's index is a column of the rows
        return
    with connection.cursor() as cursor:
        for name in indexer.schema.SQLITE_TRIGGER_NAMES[:2]:  # as the reindex left them when killed
            cursor.execute(f"DROP TRIGGER {name}")
    written = " ".join(loose_tokens("Sarob qaytdi"))  # a row written meanwhile
    assert SearchDoc.objects.filter(record_id=record.pk).update(title=written) == 1
    assert titles("qaytdi") == []
    out = StringIO()
    call_command("worker", once=True, stdout=out)
    assert "Search index rebuilt" in out.getvalue()
    assert titles("qaytdi") == ["Sarob"]
    make_record("Ufq")  # the triggers are back
    assert titles("ufq") == ["Ufq"]
    assert indexer.repair_sqlite() is False  # nothing to mend now


def test_the_help_is_translated() -> None:
    with translation.override("ru"):
        assert "Перестроить поисковый индекс" in Command().create_parser("kutubxona", "reindex").format_help()


@pytest.mark.django_db
def test_withdrawn_and_lost_copies_are_not_counted_in_the_facets(make_record: MakeRecord) -> None:
    gone = make_record("Tarix bitigi")
    add_copy(gone, "R-1", collection=CopyCollection.RARE, status=CopyStatus.WITHDRAWN)
    add_copy(gone, "R-2", collection=CopyCollection.RARE, status=CopyStatus.LOST)
    held = make_record("Tarix darsligi")
    add_copy(held, "M-1", collection=CopyCollection.MAIN, status=CopyStatus.AVAILABLE)
    facets = find("tarix").facets
    assert facets["collection"] == [(CopyCollection.MAIN.value, 1)]
    assert facets["available"] == [(True, 1)]
    assert find("tarix", collection=CopyCollection.RARE).ids == []
    assert find("tarix", collection=CopyCollection.MAIN).ids == [held.pk]
