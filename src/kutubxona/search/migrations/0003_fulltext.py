"""The words of records' full-text files in the search index (`SearchDoc.fulltext`).

SQLite: the FTS5 tables and triggers are set aside, the column added and filled from the files'
texts (only records that have any), then the tables made again with the new column and built in
one pass. PostgreSQL: a generated `tsvector` of the full text beside `document`, GIN-indexed.
"""

from typing import Any

from django.db import migrations, models

from kutubxona.search.documents import fulltext_words
from kutubxona.search.schema import (
    POSTGRESQL_0003,
    POSTGRESQL_0003_REVERSE,
    SQLITE_0002,
    SQLITE_0003,
    SQLITE_REVERSE,
)


def _run(statements: dict[str, list[str]], rebuild: bool = False) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, []):
            schema_editor.execute(statement)
        if rebuild and vendor == "sqlite":
            for table in ("search_fts", "search_head"):
                schema_editor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")

    return run


def fill(apps: Any, schema_editor: Any) -> None:
    """The full-text words of every record that has a file with text (staff-only files are not
    indexed), read 20 records at a time: never every book in memory at once."""
    FullText = apps.get_model("catalog", "FullText")
    SearchDoc = apps.get_model("search", "SearchDoc")
    indexed = FullText.objects.exclude(text="").exclude(access="staff")
    record_ids = sorted(set(indexed.values_list("record_id", flat=True)))
    for start in range(0, len(record_ids), 20):
        texts: dict[int, list[str]] = {}
        rows = indexed.filter(record_id__in=record_ids[start : start + 20]).order_by("uploaded_at", "id")
        for record_id, text in rows.values_list("record_id", "text"):
            texts.setdefault(record_id, []).append(text)
        for record_id, found in texts.items():
            SearchDoc.objects.filter(record_id=record_id).update(fulltext=fulltext_words(found))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_full_text_index"),
        ("catalog", "0005_fulltext_text_premises"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_REVERSE}),
            _run({"sqlite": SQLITE_0002}, rebuild=True),
        ),
        migrations.AddField(
            model_name="searchdoc",
            name="fulltext",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": SQLITE_0003, "postgresql": POSTGRESQL_0003}, rebuild=True),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_0003_REVERSE}),
        ),
    ]
