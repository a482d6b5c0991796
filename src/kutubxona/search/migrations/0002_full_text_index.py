"""The full-text index of each database, made next to `SearchDoc` (see search/models.py)."""

from typing import Any

from django.db import migrations

from kutubxona.search.schema import POSTGRESQL, POSTGRESQL_REVERSE, SQLITE, SQLITE_REVERSE


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
