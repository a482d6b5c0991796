"""Relevance, worked out the same way on both databases over a bounded set of candidates.

A word found as a whole word in a field scores that field's weight, found as a prefix half of
it; each word counts once, in its best field. All the words in a row (the phrase) in the title
or author add a bonus, and a title that is exactly the query another. So a title match ranks
above a notes match, a phrase above scattered words, a whole word above a prefix.
"""

from __future__ import annotations

from kutubxona.search.query import Terms

WEIGHTS = {"title": 10.0, "author": 8.0, "subject": 4.0, "codes": 3.0, "notes": 1.0}
PREFIX = 0.5


def _word_score(word: str, words_by_field: dict[str, list[str]], only: str | None = None) -> float:
    best = 0.0
    for name, words in words_by_field.items():
        if only is not None and name != only:
            continue
        weight = WEIGHTS[name]
        if weight <= best:
            continue
        if word in words:
            best = weight
        elif weight * PREFIX > best and any(candidate.startswith(word) for candidate in words):
            best = weight * PREFIX
    return best


def matches(terms: Terms, fields: dict[str, str]) -> bool:
    """Whether every word is in the document (the fielded ones in their field), whole or as a prefix."""
    words_by_field = {name: text.split() for name, text in fields.items()}
    every = [word for words in words_by_field.values() for word in words]
    for word in terms.any:
        if not any(candidate.startswith(word) for candidate in every):
            return False
    for name, word in terms.fielded:
        if not any(candidate.startswith(word) for candidate in words_by_field.get(name, [])):
            return False
    return True


def score(terms: Terms, fields: dict[str, str]) -> float:
    words_by_field = {name: text.split() for name, text in fields.items()}
    total = sum(_word_score(word, words_by_field) for word in terms.any)
    total += sum(_word_score(word, words_by_field, only=name) for name, word in terms.fielded)
    if terms.any:
        phrase = " ".join(terms.any)
        for name in ("title", "author"):
            if len(terms.any) > 1 and f" {phrase} " in f" {fields[name]} ":
                total += WEIGHTS[name] * len(terms.any)
        if fields["title"] == phrase:
            total += WEIGHTS["title"]
    return total
