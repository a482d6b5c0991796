"""The SQL of the full-text index of each database (used by migration 0002 and `reindex`)."""

SQLITE_TOKENIZER = "tokenize='unicode61 remove_diacritics 0', prefix='3'"
SQLITE_TABLES = [
    # Every field: what a query is matched against.
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, author, subject, notes, codes, "
    f"content='search_searchdoc', content_rowid='record_id', {SQLITE_TOKENIZER})",
    # Titles and authors only: a small index probed first for words that are everywhere.
    "CREATE VIRTUAL TABLE search_head USING fts5(title, author, "
    f"content='search_searchdoc', content_rowid='record_id', {SQLITE_TOKENIZER})",
    # How many records hold each word: the planner's document frequencies, and "did you mean".
    "CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row')",
    "CREATE VIRTUAL TABLE search_head_vocab USING fts5vocab(search_head, 'row')",
]
SQLITE_TRIGGERS = [
    """CREATE TRIGGER search_doc_insert AFTER INSERT ON search_searchdoc BEGIN
        INSERT INTO search_fts(rowid, title, author, subject, notes, codes)
            VALUES (new.record_id, new.title, new.author, new.subject, new.notes, new.codes);
        INSERT INTO search_head(rowid, title, author) VALUES (new.record_id, new.title, new.author);
    END""",
    """CREATE TRIGGER search_doc_delete AFTER DELETE ON search_searchdoc BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, author, subject, notes, codes)
            VALUES ('delete', old.record_id, old.title, old.author, old.subject, old.notes, old.codes);
        INSERT INTO search_head(search_head, rowid, title, author)
            VALUES ('delete', old.record_id, old.title, old.author);
    END""",
    """CREATE TRIGGER search_doc_update AFTER UPDATE ON search_searchdoc BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, author, subject, notes, codes)
            VALUES ('delete', old.record_id, old.title, old.author, old.subject, old.notes, old.codes);
        INSERT INTO search_head(search_head, rowid, title, author)
            VALUES ('delete', old.record_id, old.title, old.author);
        INSERT INTO search_fts(rowid, title, author, subject, notes, codes)
            VALUES (new.record_id, new.title, new.author, new.subject, new.notes, new.codes);
        INSERT INTO search_head(rowid, title, author) VALUES (new.record_id, new.title, new.author);
    END""",
]
SQLITE_TRIGGER_NAMES = ["search_doc_update", "search_doc_delete", "search_doc_insert"]
SQLITE = SQLITE_TABLES + SQLITE_TRIGGERS
SQLITE_REVERSE = [
    *(f"DROP TRIGGER {name}" for name in SQLITE_TRIGGER_NAMES),
    "DROP TABLE search_head_vocab",
    "DROP TABLE search_fts_vocab",
    "DROP TABLE search_head",
    "DROP TABLE search_fts",
]
# Weights: A title, B author, C subject, D notes and codes. 'simple': the text is folded already.
POSTGRESQL = [
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
POSTGRESQL_REVERSE = [
    "DROP INDEX search_term_trigrams",
    "DROP INDEX search_doc_document",
    "ALTER TABLE search_searchdoc DROP COLUMN document",
]
