"""One search over the catalogue, on either database: candidates, ranking, facets, "did you mean".

The plan (docs/decisions-search.md): the backend walks the matches newest first and stops at
`CANDIDATES`, whole words first, prefixes only if whole words found too few; when it stopped
early, the small title-and-author index adds its own first matches. Those candidates (never
more than a few thousand, however common the word) are ranked here, in Python, the same way on
both databases (`ranking.py`), and the facets are counted over them. A query whose matches all
fit in the candidate set is exact; a larger one shows its first page from the candidates and an
estimated total.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from kutubxona.catalog.models import CopyStatus
from kutubxona.core.text import sort_key
from kutubxona.search import suggest
from kutubxona.search.backends import SCAN_LIMIT, backend
from kutubxona.search.filters import Filters, online_condition
from kutubxona.search.query import Query, Terms
from kutubxona.search.ranking import fulltext_only, matches, score

CANDIDATES = 600  # more matches than this, and only the first ones are ranked:
COMMON_KEPT = 200  # the newest matches of any field
HEAD_CANDIDATES = 300  # and the newest title/author matches
YEAR_BUCKET = 10
GONE = (CopyStatus.WITHDRAWN.value, CopyStatus.LOST.value)  # copies no longer held


@dataclass
class Hit:
    id: int
    score: float
    title: str
    author: str
    year: int | None
    record_type: str
    language: str
    institution_id: int
    # Words of the search box found only in the record's full-text files ("found in the full text").
    in_fulltext: list[str] = field(default_factory=list)


@dataclass
class Result:
    query: Query
    hits: list[Hit] = field(default_factory=list)  # the page asked for
    total: int = 0
    exact: bool = True  # False: the total is an estimate and the ranking saw the first candidates
    facets: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)
    suggestion: str = ""  # "did you mean" (the query text spelled as the index knows it)
    corrected_from: str = ""  # nothing matched the typed text; these are the results of `suggestion`

    @property
    def ids(self) -> list[int]:
        return [hit.id for hit in self.hits]

    @property
    def pages(self) -> int:
        return max(1, -(-min(self.total, self.ranked) // self.query.per_page))

    ranked: int = 0  # how many hits can be paged through


_ROW_SQL = (
    "SELECT d.record_id, d.title, d.author, d.subject, d.notes, d.codes, r.title, r.author, r.year, "
    "r.record_type, r.language, r.institution_id "
    "FROM search_searchdoc d JOIN catalog_record r ON r.id = d.record_id WHERE d.record_id IN ({})"
)


def _rows(ids: list[int]) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            cursor.execute(_ROW_SQL.format(", ".join(["%s"] * len(chunk))), chunk)
            rows.extend(cursor.fetchall())
    return rows


def _candidates(terms: Terms, filters: Filters) -> tuple[list[int], bool, list[int]]:
    """Matching ids (newest first, whole words before prefixes), whether they are all of them, and
    those of the walk over every field (without the title/author index's)."""
    engine = backend()
    found = engine.candidates(terms, filters, prefix=False, head=False, limit=CANDIDATES)
    if len(found) < CANDIDATES:
        seen = set(found)
        more = engine.candidates(terms, filters, prefix=True, head=False, limit=CANDIDATES)
        found += [pk for pk in more if pk not in seen]
        if len(more) < CANDIDATES:
            # With filters the walk stops after SCAN_LIMIT matches: complete only if there are fewer.
            complete = not filters or not engine.at_least(terms, SCAN_LIMIT + 1)
            return found, complete, found
    walked = found
    if terms.any:  # stopped early: make sure the best-placed (title, author) matches are ranked
        found = found[:COMMON_KEPT]
        seen = set(found)
        head = engine.candidates(terms, filters, prefix=False, head=True, limit=HEAD_CANDIDATES)
        found = found + [pk for pk in head if pk not in seen]
    return found, False, walked


def _browse(filters: Filters, limit: int) -> tuple[list[int], int]:
    """No words: the newest records that pass the filters, and how many pass."""
    join, where, params = filters.sql("d.record_id")
    base = f"FROM search_searchdoc d {join} WHERE 1 = 1 {where}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT d.record_id {base} ORDER BY d.record_id DESC LIMIT %s", [*params, limit])
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT count(*) {base}", params)
        total = cursor.fetchone()[0]
    return ids, total


def _hits(terms: Terms, ids: list[int]) -> list[Hit]:
    # PostgreSQL's weight D holds notes and codes together: a fielded ISBN or class is checked here.
    check = bool(terms.fielded) and connection.vendor == "postgresql"
    hits = []
    for row in _rows(ids):
        fields = dict(zip(("title", "author", "subject", "notes", "codes"), row[1:6], strict=True))
        if check and not matches(terms, fields):
            continue
        hit = Hit(row[0], score(terms, fields) if terms else 0.0, *row[6:12])
        hit.in_fulltext = fulltext_only(terms, fields) if terms.any else []
        hits.append(hit)
    return hits


def _sort(hits: list[Hit], order: str) -> None:
    hits.sort(key=lambda hit: -hit.id)  # newest first among equals
    if order == "title":
        hits.sort(key=lambda hit: sort_key(hit.title))
    elif order == "author":
        hits.sort(key=lambda hit: (not hit.author, sort_key(hit.author)))
    elif order == "year":
        hits.sort(key=lambda hit: (hit.year is None, hit.year or 0))
    elif order == "year_desc":
        hits.sort(key=lambda hit: (hit.year is None, -(hit.year or 0)))
    else:
        hits.sort(key=lambda hit: -hit.score)


def _facets(hits: list[Hit], online_access: tuple[str, ...] | None) -> dict[str, list[tuple[Any, int]]]:
    """Counts of the candidates by type, language, decade, institution, collection, availability
    and full text online."""
    facets: dict[str, list[tuple[Any, int]]] = {
        "record_type": Counter(hit.record_type for hit in hits if hit.record_type).most_common(),
        "language": Counter(hit.language for hit in hits if hit.language).most_common(12),
        "institution": Counter(hit.institution_id for hit in hits).most_common(),
        "decade": sorted(
            Counter(hit.year // YEAR_BUCKET * YEAR_BUCKET for hit in hits if hit.year).items(), reverse=True
        ),
    }
    collections: Counter[str] = Counter()
    available: set[int] = set()
    ids = [hit.id for hit in hits]
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(  # withdrawn and lost copies are not held (as on the record page)
                "SELECT DISTINCT record_id, collection, status = %s "
                f"FROM catalog_copy WHERE record_id IN ({marks}) AND status NOT IN (%s, %s)",
                [CopyStatus.AVAILABLE.value, *chunk, *GONE],
            )
            seen: set[tuple[int, str]] = set()
            for record_id, collection, on_shelf in cursor.fetchall():
                if (record_id, collection) not in seen:
                    seen.add((record_id, collection))
                    collections[collection] += 1
                if on_shelf:
                    available.add(record_id)
    facets["collection"] = collections.most_common()
    facets["available"] = [(True, len(available))]
    facets["online"] = [(True, _online_count(ids, online_access))]
    return facets


def _online_count(ids: list[int], access: tuple[str, ...] | None) -> int:
    """How many of the records have a full-text file the search's readers may open."""
    count = 0
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            condition, *params = online_condition("r.id", access)
            cursor.execute(
                f"SELECT count(*) FROM catalog_record r WHERE r.id IN ({', '.join(['%s'] * len(chunk))}) "
                f"AND {condition}",
                [*chunk, *params],
            )
            count += cursor.fetchone()[0]
    return count


def search(query: Query) -> Result:
    terms = Terms.of(query)
    filters = Filters.of(query)
    result = Result(query=query)
    total = 0
    walked: list[int] = []
    if terms:
        ids, exact, walked = _candidates(terms, filters)
    else:
        ids, total = _browse(filters, CANDIDATES)
        exact = total <= CANDIDATES
    hits = _hits(terms, ids)
    _sort(hits, query.sort)
    result.exact = exact
    result.ranked = len(hits)
    if exact:
        result.total = len(hits)
    else:
        result.total = max(len(hits), backend().estimate(terms, filters, walked) if terms else total)
        if not hits:  # none of the newest matches passed the filters: say so, not "about N"
            result.exact, result.total = True, 0
    start = (max(query.page, 1) - 1) * query.per_page
    result.hits = hits[start : start + query.per_page]
    if query.facets:
        result.facets = _facets(hits, query.online_access)
    # Words found in a file's text are real words, though "did you mean" knows titles and authors only.
    found_in_text = any(hit.in_fulltext for hit in hits)
    if query.suggest and terms.any and result.total < suggest.FEW and not found_in_text:
        result.suggestion = suggest.spelling(query.text, terms.any)
        if result.suggestion and not hits:
            corrected = search(_without_suggestion(query.with_text(result.suggestion)))
            corrected.corrected_from = query.text
            corrected.suggestion = result.suggestion
            return corrected
    return result


def _without_suggestion(query: Query) -> Query:
    query.suggest = False
    return query
