"""A search as asked: words per field, filters, sort and page; and the words as the index holds them."""

from __future__ import annotations

from dataclasses import dataclass, field

from kutubxona.catalog.marc.isbn import normalize as normalize_isbn
from kutubxona.core.text import loose_tokens

# The fields a query may name; "any" is every field. ISBN and classification look in `codes`.
FIELDS = ("any", "title", "author", "subject", "isbn", "classification")
INDEX_FIELD = {
    "title": "title",
    "author": "author",
    "subject": "subject",
    "isbn": "codes",
    "classification": "codes",
}
SORTS = ("relevance", "title", "author", "year_desc", "year")
MAX_WORDS = 8  # per field: enough for any title someone types


@dataclass
class Query:
    text: str = ""
    title: str = ""
    author: str = ""
    subject: str = ""
    isbn: str = ""
    classification: str = ""
    # Whose records: None is every institution (the union catalogue).
    institution_ids: list[int] | None = None
    # Only the records a digital collection shows the public (elibrary), or None for no such limit.
    digital_collection: int | None = None
    # Filters (facets).
    institution: int | None = None
    record_type: str = ""
    language: str = ""
    year_from: int | None = None
    year_to: int | None = None
    collection: str = ""
    available: bool = False
    # Staff-only filters.
    copy_status: str = ""
    accession_number: str = ""
    barcode: str = ""
    # "With full text online": records with a file of these access levels (None: any file, staff).
    online: bool = False
    online_access: tuple[str, ...] | None = ("public",)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    facets: bool = True
    suggest: bool = True

    def words(self) -> dict[str, list[str]]:
        """The folded words of each field asked for ("any" for the search box), in index spelling."""
        found: dict[str, list[str]] = {}
        for name in FIELDS:
            raw = self.text if name == "any" else getattr(self, name)
            if not raw.strip():
                continue
            if name == "isbn":
                isbn = normalize_isbn(raw)
                tokens = [isbn] if isbn else loose_tokens(raw)
            else:
                tokens = loose_tokens(raw)
            if tokens:
                found[name] = tokens[:MAX_WORDS]
        return found

    def with_text(self, text: str) -> Query:
        copy = Query(**{name: getattr(self, name) for name in self.__dataclass_fields__})
        copy.text = text
        return copy


@dataclass
class Terms:
    """Words per index field; `any` matches any field. What the backends turn into their query."""

    any: list[str] = field(default_factory=list)
    fielded: list[tuple[str, str]] = field(default_factory=list)  # (index field, word)

    @classmethod
    def of(cls, query: Query) -> Terms:
        words = query.words()
        terms = cls(any=words.get("any", []))
        for name, tokens in words.items():
            if name != "any":
                terms.fielded += [(INDEX_FIELD[name], token) for token in tokens]
        return terms

    def __bool__(self) -> bool:
        return bool(self.any or self.fielded)

    def all_words(self) -> list[str]:
        return [*self.any, *(word for _field, word in self.fielded)]
