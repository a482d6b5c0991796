"""Migration 0003 runs the SQL it was written with, whatever the live schema becomes later."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from kutubxona.search import schema

MIGRATION = "kutubxona.search.migrations.0003_fulltext"


class Recorder:
    def __init__(self, vendor: str) -> None:
        self.connection = type("Connection", (), {"vendor": vendor})()
        self.statements: list[str] = []

    def execute(self, sql: str) -> None:
        self.statements.append(sql)


def _statements(module: Any, vendor: str) -> list[str]:
    """What the migration's last step (the index made again) runs forward on `vendor`."""
    recorder = Recorder(vendor)
    module.Migration.operations[-1].code(None, recorder)
    return recorder.statements


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_migration_0003_does_not_follow_later_changes_of_the_live_schema(
    monkeypatch: pytest.MonkeyPatch, vendor: str
) -> None:
    later = "CREATE VIRTUAL TABLE search_fts USING fts5(title, later_column)"
    monkeypatch.setattr(schema, "SQLITE", [later])
    monkeypatch.setattr(schema, "SQLITE_TABLES", [later])
    monkeypatch.setattr(schema, "COLUMNS", [*schema.COLUMNS, "later_column"])
    try:
        statements = _statements(importlib.reload(importlib.import_module(MIGRATION)), vendor)
    finally:
        monkeypatch.undo()
        importlib.reload(importlib.import_module(MIGRATION))
    assert not [sql for sql in statements if "later_column" in sql]
    if vendor == "sqlite":
        assert statements[: len(schema.SQLITE_0003)] == schema.SQLITE_0003
        assert any("fulltext" in sql for sql in statements)
    else:
        assert statements == schema.POSTGRESQL_0003
