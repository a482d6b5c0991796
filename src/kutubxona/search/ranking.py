"""Relevance, worked out the same way on both databases over a bounded set of candidates.

A word found as a whole word in a field scores that field's weight, found as a prefix half of
it; each word counts once, in its best field. All the words in a row (the phrase) in the title
or author add a bonus, and a title that is exactly the query another. So a title match ranks
above a notes match, a phrase above scattered words, a whole word above a prefix.
Substring tests on space-padded text (done in C) keep this at a few microseconds a record.

The full text of a record's files is never loaded to rank (600 candidates, a book each): a
query word found in none of the loaded fields matched the full text (the backend found the
record with every word), and scores FULLTEXT, less than a word in the notes.
"""

from __future__ import annotations

from kutubxona.search.query import Terms

WEIGHTS = {"title": 10.0, "author": 8.0, "subject": 4.0, "codes": 3.0, "notes": 1.0}
BY_WEIGHT = sorted(WEIGHTS, key=WEIGHTS.__getitem__, reverse=True)
PREFIX = 0.5
FULLTEXT = 0.4  # a word found only in the record's full-text files


def padded(fields: dict[str, str]) -> dict[str, str]:
    """Each field with a space before and after, so " word " finds a whole word and " word" a prefix."""
    return {name: f" {text} " for name, text in fields.items()}


def _word_score(word: str, text_by_field: dict[str, str], only: str | None = None) -> float:
    whole, start, best = f" {word} ", f" {word}", 0.0
    for name in (only,) if only else BY_WEIGHT:
        weight = WEIGHTS[name]
        if weight <= best:
            break
        text = text_by_field[name]
        if whole in text:
            return max(best, weight)
        if best < weight * PREFIX and start in text:
            best = weight * PREFIX
    return best


def matches(terms: Terms, fields: dict[str, str]) -> bool:
    """Whether the fielded words are in their field, whole or as a prefix (PostgreSQL's weight D
    holds notes and codes together). The words of the search box need no check: the backend
    matched each somewhere, perhaps in the full text, which is not loaded here."""
    text_by_field = padded(fields)
    return all(f" {word}" in text_by_field[name] for name, word in terms.fielded)


def fulltext_only(terms: Terms, fields: dict[str, str]) -> list[str]:
    """The words of the search box found in none of the loaded fields: found in the full text."""
    everything = "".join(padded(fields).values())
    return [word for word in terms.any if f" {word}" not in everything]


def score(terms: Terms, fields: dict[str, str]) -> float:
    text_by_field = padded(fields)
    total = sum(_word_score(word, text_by_field) or FULLTEXT for word in terms.any)
    total += sum(_word_score(word, text_by_field, only=name) for name, word in terms.fielded)
    if terms.any:
        phrase = " ".join(terms.any)
        if len(terms.any) > 1:
            for name in ("title", "author"):
                if f" {phrase} " in text_by_field[name]:
                    total += WEIGHTS[name] * len(terms.any)
        if fields["title"] == phrase:
            total += WEIGHTS["title"]
    return total
