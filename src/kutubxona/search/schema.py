"""The SQL of the full-text index of each database (used by the migrations and `reindex`).

Migration 0002 made the index over title, author, subject, notes and codes (`*_0002` below, kept
as they were so that migration still means what it did); migration 0003 remade it with the
words of the record's full-text files too (`fulltext`, the current statements).
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
SQLITE_REVERSE = [
    *(f"DROP TRIGGER {name}" for name in SQLITE_TRIGGER_NAMES),
    "DROP TABLE search_head_vocab",
    "DROP TABLE search_fts_vocab",
    "DROP TABLE search_head",
    "DROP TABLE search_fts",
]
SQLITE_TABLES = _sqlite_tables(COLUMNS)
SQLITE_TRIGGERS = _sqlite_triggers(COLUMNS)
SQLITE = SQLITE_TABLES + SQLITE_TRIGGERS
SQLITE_0002 = _sqlite_tables(COLUMNS_0002) + _sqlite_triggers(COLUMNS_0002)


# Weights: A title, B author, C subject, D notes, codes and the full text (the fields that rank
# lowest; `ranking.matches` tells them apart where a query names a field).
# 'simple': the text is folded already.
def _document(with_fulltext: bool) -> str:
    rest = "notes || ' ' || codes" + (" || ' ' || fulltext" if with_fulltext else "")
    return f"""ALTER TABLE search_searchdoc ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, author), 'B')
        || setweight(to_tsvector('simple'::regconfig, subject), 'C')
        || setweight(to_tsvector('simple'::regconfig, {rest}), 'D')
    ) STORED"""


_DOCUMENT_INDEX = "CREATE INDEX search_doc_document ON search_searchdoc USING gin (document)"
_DROP_DOCUMENT = ["DROP INDEX search_doc_document", "ALTER TABLE search_searchdoc DROP COLUMN document"]
POSTGRESQL_0002 = [
    _document(with_fulltext=False),
    _DOCUMENT_INDEX,
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_term_trigrams ON search_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRESQL_0002_REVERSE = ["DROP INDEX search_term_trigrams", *_DROP_DOCUMENT]
# Migration 0003: the generated column made again with the full text.
POSTGRESQL_FULLTEXT = [*_DROP_DOCUMENT, _document(with_fulltext=True), _DOCUMENT_INDEX]
POSTGRESQL_FULLTEXT_REVERSE = [*_DROP_DOCUMENT, _document(with_fulltext=False), _DOCUMENT_INDEX]
SQLITE_FULLTEXT = SQLITE_REVERSE + SQLITE
SQLITE_FULLTEXT_REVERSE = SQLITE_REVERSE + SQLITE_0002
