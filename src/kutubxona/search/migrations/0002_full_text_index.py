"""The full-text index of each database, made next to `SearchDoc` (see search/models.py)."""

from typing import Any

from django.db import migrations

from kutubxona.search.schema import POSTGRESQL_0002, POSTGRESQL_0002_REVERSE, SQLITE_0002, SQLITE_REVERSE


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_0002, "postgresql": POSTGRESQL_0002}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_0002_REVERSE}),
        )
    ]
