"""The SQL of the full-text index of each database (used by the migrations and `reindex`).

Migration 0002 made the index over title, author, subject, notes and codes (`*_0002` below, kept
as they were so that migration still means what it did); migration 0003 added the words of the
record's full-text files (`fulltext`): SQLite's FTS tables remade with the column
(`SQLITE_0003`, frozen literal SQL), PostgreSQL a tsvector of its own (`POSTGRESQL_0003`).
`SQLITE_TRIGGERS` (and `SQLITE`) are the live schema `reindex` and `repair_sqlite` put back.
"""

SQLITE_TOKENIZER = "tokenize='unicode61 remove_diacritics 0', prefix='3'"
HEAD_COLUMNS = ["title", "author"]
COLUMNS_0002 = ["title", "author", "subject", "notes", "codes"]
COLUMNS = [*COLUMNS_0002, "fulltext"]


def _sqlite_tables(columns: list[str]) -> list[str]:
    return [
        # Every field: what a query is matched against.
        f"CREATE VIRTUAL TABLE search_fts USING fts5({', '.join(columns)}, "
        f"content='search_searchdoc', content_rowid='record_id', {SQLITE_TOKENIZER})",
        # Titles and authors only: a small index probed first for words that are everywhere.
        f"CREATE VIRTUAL TABLE search_head USING fts5({', '.join(HEAD_COLUMNS)}, "
        f"content='search_searchdoc', content_rowid='record_id', {SQLITE_TOKENIZER})",
        # How many records hold each word: the planner's document frequencies, and "did you mean".
        "CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row')",
        "CREATE VIRTUAL TABLE search_head_vocab USING fts5vocab(search_head, 'row')",
    ]


def _fts_row(table: str, columns: list[str], row: str, delete: bool = False) -> str:
    names = ", ".join(columns)
    values = ", ".join(f"{row}.{name}" for name in columns)
    if delete:
        return f"INSERT INTO {table}({table}, rowid, {names}) VALUES ('delete', {row}.record_id, {values});"
    return f"INSERT INTO {table}(rowid, {names}) VALUES ({row}.record_id, {values});"


def _sqlite_triggers(columns: list[str]) -> list[str]:
    def both(row: str, delete: bool = False) -> str:
        return f"{_fts_row('search_fts', columns, row, delete)}\n        " + _fts_row(
            "search_head", HEAD_COLUMNS, row, delete
        )

    return [
        "CREATE TRIGGER search_doc_insert AFTER INSERT ON search_searchdoc BEGIN\n        "
        f"{both('new')}\n    END",
        "CREATE TRIGGER search_doc_delete AFTER DELETE ON search_searchdoc BEGIN\n        "
        f"{both('old', delete=True)}\n    END",
        "CREATE TRIGGER search_doc_update AFTER UPDATE ON search_searchdoc BEGIN\n        "
        f"{both('old', delete=True)}\n        {both('new')}\n    END",
    ]


SQLITE_TRIGGER_NAMES = ["search_doc_update", "search_doc_delete", "search_doc_insert"]
# Frozen (migrations 0002 and 0003 run it backwards): what those migrations made, dropped.
SQLITE_REVERSE = [
    "DROP TRIGGER search_doc_update",
    "DROP TRIGGER search_doc_delete",
    "DROP TRIGGER search_doc_insert",
    "DROP TABLE search_head_vocab",
    "DROP TABLE search_fts_vocab",
    "DROP TABLE search_head",
    "DROP TABLE search_fts",
]
SQLITE_TABLES = _sqlite_tables(COLUMNS)
SQLITE_TRIGGERS = _sqlite_triggers(COLUMNS)
SQLITE = SQLITE_TABLES + SQLITE_TRIGGERS
SQLITE_0002 = _sqlite_tables(COLUMNS_0002) + _sqlite_triggers(COLUMNS_0002)
# Migration 0003's statements, frozen as literal SQL as it ran: a later change of the columns or
# of the helpers above (with a migration of its own) must not change what a fresh `migrate` does.
SQLITE_0003 = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(title, author, subject, notes, codes, fulltext,
        content='search_searchdoc', content_rowid='record_id',
        tokenize='unicode61 remove_diacritics 0', prefix='3')""",
    """CREATE VIRTUAL TABLE search_head USING fts5(title, author,
        content='search_searchdoc', content_rowid='record_id',
        tokenize='unicode61 remove_diacritics 0', prefix='3')""",
    "CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row')",
    "CREATE VIRTUAL TABLE search_head_vocab USING fts5vocab(search_head, 'row')",
    """CREATE TRIGGER search_doc_insert AFTER INSERT ON search_searchdoc BEGIN
        INSERT INTO search_fts(rowid, title, author, subject, notes, codes, fulltext)
            VALUES (new.record_id, new.title, new.author, new.subject, new.notes, new.codes, new.fulltext);
        INSERT INTO search_head(rowid, title, author) VALUES (new.record_id, new.title, new.author);
    END""",
    """CREATE TRIGGER search_doc_delete AFTER DELETE ON search_searchdoc BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, author, subject, notes, codes, fulltext)
            VALUES ('delete', old.record_id, old.title, old.author, old.subject, old.notes, old.codes,
                    old.fulltext);
        INSERT INTO search_head(search_head, rowid, title, author)
            VALUES ('delete', old.record_id, old.title, old.author);
    END""",
    """CREATE TRIGGER search_doc_update AFTER UPDATE ON search_searchdoc BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, author, subject, notes, codes, fulltext)
            VALUES ('delete', old.record_id, old.title, old.author, old.subject, old.notes, old.codes,
                    old.fulltext);
        INSERT INTO search_head(search_head, rowid, title, author)
            VALUES ('delete', old.record_id, old.title, old.author);
        INSERT INTO search_fts(rowid, title, author, subject, notes, codes, fulltext)
            VALUES (new.record_id, new.title, new.author, new.subject, new.notes, new.codes, new.fulltext);
        INSERT INTO search_head(rowid, title, author) VALUES (new.record_id, new.title, new.author);
    END""",
]


# Weights: A title, B author, C subject, D notes and codes. 'simple': the text is folded already.
# The full text has a tsvector of its own (migration 0003): folded into `document`, a book's
# words would make every row of a walk over common words large to read (TOAST), title matches too.
POSTGRESQL_0002 = [
    """ALTER TABLE search_searchdoc ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, author), 'B')
        || setweight(to_tsvector('simple'::regconfig, subject), 'C')
        || setweight(to_tsvector('simple'::regconfig, notes || ' ' || codes), 'D')
    ) STORED""",
    "CREATE INDEX search_doc_document ON search_searchdoc USING gin (document)",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_term_trigrams ON search_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRESQL_0002_REVERSE = [
    "DROP INDEX search_term_trigrams",
    "DROP INDEX search_doc_document",
    "ALTER TABLE search_searchdoc DROP COLUMN document",
]
POSTGRESQL_0003 = [
    """ALTER TABLE search_searchdoc ADD COLUMN fulltext_document tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, fulltext)
    ) STORED""",
    "CREATE INDEX search_doc_fulltext ON search_searchdoc USING gin (fulltext_document)",
]
POSTGRESQL_0003_REVERSE = [
    "DROP INDEX search_doc_fulltext",
    "ALTER TABLE search_searchdoc DROP COLUMN fulltext_document",
]
