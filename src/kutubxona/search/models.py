"""The search index's own table: one row per record with its folded text by field.

The full-text index proper lives next to it, made by the database (migrations 0002 and 0003):
on SQLite two FTS5 tables over this one (kept in step by triggers), on PostgreSQL a weighted
`tsvector` column with a GIN index and a pg_trgm index on `SearchTerm` (typos).
The rows are written only by `search/indexer.py`; this app adds no catalogue migration.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from kutubxona.core.tenancy import institution_scoped


class SearchDoc(models.Model):
    record = models.OneToOneField(
        "catalog.Record", primary_key=True, on_delete=models.CASCADE, related_name="search_doc"
    )
    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # Each field is loose_fold()ed words separated by single spaces.
    title = models.TextField(blank=True)
    author = models.TextField(blank=True)
    subject = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    codes = models.TextField(blank=True)  # ISBNs, UDC and BBK notations
    # The distinct words of the record's full-text files (`documents.fulltext_words`).
    fulltext = models.TextField(blank=True, default="")

    objects: ClassVar[models.Manager[SearchDoc]] = institution_scoped()

    def __str__(self) -> str:
        return self.title


class SearchTerm(models.Model):
    """The words of titles and authors, for "did you mean" on PostgreSQL (SQLite reads fts5vocab)."""

    term = models.CharField(max_length=100, primary_key=True)

    def __str__(self) -> str:
        return self.term
