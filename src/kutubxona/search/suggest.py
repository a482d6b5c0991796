""" "Did you mean": a query word that finds little, replaced by a close index word that is common.

The backend lists index words near in spelling (SQLite: the title/author vocabulary of fts5vocab
with the same first two letters; PostgreSQL: pg_trgm similarity); the edit distance
(Damerau-Levenshtein: a swap of two letters counts as one) picks among them.
"""

from __future__ import annotations

from kutubxona.search.backends import backend

FEW = 3  # fewer results than this, and a better spelling is offered


def distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _allowed(word: str) -> int:
    return 1 if len(word) <= 4 else 2


def closest(word: str) -> str:
    """The index word nearest `word` (most common among the nearest), or "" if none is near."""
    if len(word) < 3 or word.isdigit():
        return ""
    best: tuple[int, int, str] | None = None
    for term, docs in backend().similar(word):
        if term == word:
            return ""  # the word is in the index: nothing to correct
        found = distance(word, term)
        if found <= _allowed(word) and (best is None or (found, -docs) < best[:2]):
            best = (found, -docs, term)
    return best[2] if best else ""


def spelling(text: str, words: list[str]) -> str:
    """The query with each word the index does not know replaced by its nearest; "" if none changed."""
    corrected = [closest(word) or word for word in words]
    return " ".join(corrected) if corrected != words else ""
