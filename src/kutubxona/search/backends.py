"""The two full-text backends, chosen by the database vendor: SQLite FTS5 and PostgreSQL tsvector.

Each answers the same three questions, in its own SQL:
- `candidates`: ids of matching records, newest first, at most `limit` (the query stops there);
- `estimate`: about how many records match (for a result too large to count quickly);
- `similar`: index words close in spelling to a word ("did you mean").
Filters arrive as SQL over `catalog_record r` (`filters.Filters`).
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from django.db import connection, transaction

from kutubxona.search import schema
from kutubxona.search.filters import Filters
from kutubxona.search.query import Terms

# PostgreSQL weights of `document` (migration 0002): title A, author B, subject C, notes and codes D;
# the full text is a tsvector of its own (migration 0003).
PG_WEIGHT = {"title": "A", "author": "B", "subject": "C", "notes": "D", "codes": "D"}
# With filters, at most this many of the newest matches are looked at: a filter that few of a
# common word's matches pass ("rare collection") must not walk all of them. The engine then
# knows the walk may have stopped short (`capped`) and says the total is an estimate.
SCAN_LIMIT = 20_000
# SQLite: the FTS5 column filter of the description (every column of `search_fts` but the full text).
DESCRIPTION = "{" + " ".join(name for name in schema.COLUMNS if name != "fulltext") + "}"


class Backend(Protocol):
    def candidates(
        self, terms: Terms, filters: Filters, *, prefix: bool, head: bool, limit: int
    ) -> list[int]: ...

    def estimate(self, terms: Terms, filters: Filters, sample: list[int]) -> int: ...

    def similar(self, word: str) -> list[tuple[str, int]]: ...

    def at_least(self, terms: Terms, count: int) -> bool: ...


def _ids(sql: str, params: list[Any]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


class SqliteBackend:
    """FTS5: `search_fts` (every field) and `search_head` (title and author), rowid = record id.

    The FTS5 table walks its matches in rowid order (here descending) and stops at LIMIT, so a
    word in most records costs no more than a rare one: no ranking function runs in SQL."""

    @staticmethod
    def _phrase(word: str, prefix: bool) -> str:
        return f'"{word}"*' if prefix and len(word) >= 3 else f'"{word}"'

    def match_expression(self, terms: Terms, *, prefix: bool, head: bool, fulltext: bool = True) -> str:
        """`fulltext=False`: the box words are matched in the description columns only."""
        phrases = [self._phrase(word, prefix) for word in terms.any]
        parts = phrases if fulltext or head else [f"{DESCRIPTION} : {phrase}" for phrase in phrases]
        if not head:
            parts += [f"{name} : {self._phrase(word, prefix)}" for name, word in terms.fielded]
        return " AND ".join(parts)

    @staticmethod
    def _walk(table: str, match: str, filters: Filters, limit: int) -> list[int]:
        if not filters:
            sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s ORDER BY rowid DESC LIMIT %s"
            return _ids(sql, [match, limit])
        join, where, params = filters.sql("f.rowid")
        sql = (
            f"SELECT f.rowid FROM (SELECT rowid FROM {table} WHERE {table} MATCH %s "
            f"ORDER BY rowid DESC LIMIT {SCAN_LIMIT}) f {join} WHERE 1 = 1 {where} "
            "ORDER BY f.rowid DESC LIMIT %s"
        )
        return _ids(sql, [match, *params, limit])

    def candidates(
        self, terms: Terms, filters: Filters, *, prefix: bool, head: bool, limit: int
    ) -> list[int]:
        """As PostgreSQL: the description fields first, then (only when they found fewer than
        `limit`) with the full text, so newer full-text matches do not crowd out an older record
        with the words in its description (they rank below it anyway)."""
        if head:
            return self._walk(
                "search_head", self.match_expression(terms, prefix=prefix, head=True), filters, limit
            )
        described = self.match_expression(terms, prefix=prefix, head=False, fulltext=False)
        found = self._walk("search_fts", described, filters, limit)
        if not terms.any or len(found) >= limit:
            return found
        more = self._walk(
            "search_fts", self.match_expression(terms, prefix=prefix, head=False), filters, limit
        )
        seen = set(found)
        return found + [pk for pk in more if pk not in seen][: limit - len(found)]

    def estimate(self, terms: Terms, filters: Filters, sample: list[int]) -> int:
        """The records holding the rarest word (fts5vocab: exact for one word), and with filters that
        many times the share of the walked matches that passed them (`sample`, newest first)."""
        words = terms.all_words()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT min(doc) FROM search_fts_vocab WHERE term IN (SELECT value FROM json_each(%s))",
                [json.dumps(words)],
            )
            row = cursor.fetchone()
            frequency = int(row[0] or 0) if row else 0
            if not filters:
                return frequency
            if not sample:
                return 0
            cursor.execute(
                "SELECT count(*) FROM (SELECT rowid FROM search_fts "
                f"WHERE search_fts MATCH %s AND rowid >= %s LIMIT {SCAN_LIMIT})",
                [self.match_expression(terms, prefix=False, head=False), min(sample)],
            )
            walked = cursor.fetchone()[0]
        return round(frequency * len(sample) / max(walked, 1))

    def at_least(self, terms: Terms, count: int) -> bool:
        """Whether `count` records or more match (unfiltered; reads at most `count` rowids)."""
        sql = "SELECT count(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s)"
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match_expression(terms, prefix=True, head=False), count])
            return bool(cursor.fetchone()[0] >= count)

    def similar(self, word: str) -> list[tuple[str, int]]:
        """Title and author words sharing the first three letters (two for a short word): the
        vocabulary is read as a range of its sorted terms."""
        start = word[:2] if len(word) <= 4 else word[:3]
        end = start[:-1] + chr(ord(start[-1]) + 1)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term, doc FROM search_head_vocab WHERE term >= %s AND term < %s "
                "AND length(term) BETWEEN %s AND %s",
                [start, end, len(word) - 2, len(word) + 2],
            )
            return [(term, doc) for term, doc in cursor.fetchall()]


class PostgresBackend:
    """A weighted `tsvector` with a GIN index; PostgreSQL's planner chooses between the index
    (rare words) and walking the primary key backwards with the match as a filter (common words).

    The full text (`fulltext_document`, migration 0003) is matched in a second step, only when
    the description fields found fewer than `limit`, and always through the GIN indexes
    (bitmap scans): a walk or a sequential scan would unpack a book's TOASTed tsvector per row,
    which the planner does not count (0.25 ms a row: 600 ms for 20,000 records). Matches of the
    full text rank below the description's, so those cut off by `limit` would rank last anyway."""

    @staticmethod
    def _lexeme(word: str, prefix: bool, weights: str = "") -> str:
        star = "*" if prefix and len(word) >= 3 else ""
        label = f":{star}{weights}" if star or weights else ""
        return f"'{word}'{label}"

    def tsquery(self, terms: Terms, *, prefix: bool, head: bool) -> str:
        parts = [self._lexeme(word, prefix, "AB" if head else "") for word in terms.any]
        if not head:
            parts += [self._lexeme(word, prefix, PG_WEIGHT[name]) for name, word in terms.fielded]
        return " & ".join(parts)

    def _with_fulltext(self, terms: Terms, *, prefix: bool, alias: str = "") -> tuple[str, list[str]]:
        """(SQL condition, params): each box word in `document` or in the full text, the fielded
        words in their weights of `document`."""
        document, full = f"{alias}document", f"{alias}fulltext_document"
        parts: list[str] = []
        params: list[str] = []
        for word in terms.any:
            lexeme = self._lexeme(word, prefix)
            parts.append(f"({document} @@ to_tsquery('simple', %s) OR {full} @@ to_tsquery('simple', %s))")
            params += [lexeme, lexeme]
        if terms.fielded:
            parts.append(f"{document} @@ to_tsquery('simple', %s)")
            params.append(
                " & ".join(self._lexeme(word, prefix, PG_WEIGHT[name]) for name, word in terms.fielded)
            )
        return " AND ".join(parts), params

    def _fulltext_select(self, terms: Terms, *, prefix: bool) -> tuple[str, list[str]]:
        """A SELECT of the record ids matching with the full text: those with a box word in it,
        each box word in the description or the full text, the fielded words in their fields.
        Each part is one index lookup (a bitmap, never a row's tsvector unpacked); INTERSECT joins
        them."""
        parts = ["SELECT record_id FROM search_searchdoc WHERE fulltext_document @@ to_tsquery('simple', %s)"]
        params = [" | ".join(self._lexeme(word, prefix) for word in terms.any)]
        for word in terms.any:
            parts.append(
                "SELECT record_id FROM search_searchdoc WHERE document @@ to_tsquery('simple', %s) "
                "OR fulltext_document @@ to_tsquery('simple', %s)"
            )
            params += [self._lexeme(word, prefix)] * 2
        if terms.fielded:
            parts.append("SELECT record_id FROM search_searchdoc WHERE document @@ to_tsquery('simple', %s)")
            params.append(
                " & ".join(self._lexeme(word, prefix, PG_WEIGHT[name]) for name, word in terms.fielded)
            )
        return f"SELECT record_id FROM ({' INTERSECT '.join(parts)}) m", params

    @staticmethod
    def _by_index(sql: str, params: list[Any]) -> list[int]:
        """Run a query over the full text through the GIN indexes only (see the class)."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def candidates(
        self, terms: Terms, filters: Filters, *, prefix: bool, head: bool, limit: int
    ) -> list[int]:
        join, where, params = filters.sql("f.record_id")
        sql = "{select} ORDER BY record_id DESC LIMIT %s"
        if filters:
            sql = (
                f"SELECT f.record_id FROM ({{select}} ORDER BY record_id DESC LIMIT {SCAN_LIMIT}) f "
                f"{join} WHERE 1 = 1 {where} ORDER BY f.record_id DESC LIMIT %s"
            )
        select = "SELECT record_id FROM search_searchdoc WHERE document @@ to_tsquery('simple', %s)"
        query = self.tsquery(terms, prefix=prefix, head=head)
        found = _ids(sql.format(select=select), [query, *params, limit])
        if head or not terms.any or len(found) >= limit:
            return found
        select, select_params = self._fulltext_select(terms, prefix=prefix)
        more = self._by_index(sql.format(select=select), [*select_params, *params, limit])
        seen = set(found)
        return found + [pk for pk in more if pk not in seen][: limit - len(found)]

    def estimate(self, terms: Terms, filters: Filters, sample: list[int]) -> int:
        """The planner's estimate of the matching rows (EXPLAIN reads the index statistics, not the rows)."""
        join, where, params = filters.sql("f.record_id")
        match, match_params = self._with_fulltext(terms, prefix=False, alias="f.")
        sql = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_searchdoc f {join} WHERE {match} {where}"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*match_params, *params])
            plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return int(plan[0]["Plan"]["Plan Rows"])

    def at_least(self, terms: Terms, count: int) -> bool:
        sql = "SELECT count(*) FROM ({select} LIMIT %s) found"
        select = "SELECT record_id FROM search_searchdoc WHERE document @@ to_tsquery('simple', %s)"
        query = self.tsquery(terms, prefix=True, head=False)
        with connection.cursor() as cursor:
            cursor.execute(sql.format(select=select), [query, count])
            enough = bool(cursor.fetchone()[0] >= count)
        if enough or not terms.any:
            return enough
        fulltext, fulltext_params = self._fulltext_select(terms, prefix=True)
        both = f"SELECT record_id FROM ({select} UNION {fulltext}) b"
        return self._by_index(sql.format(select=both), [query, *fulltext_params, count])[0] >= count

    def similar(self, word: str) -> list[tuple[str, int]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM search_searchterm WHERE term %% %s "
                "ORDER BY similarity(term, %s) DESC LIMIT 20",
                [word, word],
            )
            return [(term, 0) for (term,) in cursor.fetchall()]


def backend() -> Backend:
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
