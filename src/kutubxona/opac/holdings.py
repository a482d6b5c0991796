"""Where a record's copies are and how many are on the shelf, read from `Copy.status` each time.

Other apps change statuses with `.update()` (lending, withdrawal, stock-taking) and never tell
the search app, so availability is never indexed: it is counted here, for the page shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kutubxona.catalog.models import Copy, CopyStatus, Record
from kutubxona.institutions.models import Institution

# Copies that no longer count as held.
GONE = (CopyStatus.WITHDRAWN, CopyStatus.LOST)


@dataclass
class Holding:
    """The copies of one record at one place (institution and sector)."""

    institution: Institution
    sector: str
    total: int = 0
    available: int = 0
    copies: list[Copy] = field(default_factory=list)


def holdings(record_ids: list[int], *, with_copies: bool = False) -> dict[int, list[Holding]]:
    """Record id → its holdings (withdrawn and lost copies left out), in institution and sector order."""
    found: dict[int, dict[tuple[int, int | None], Holding]] = {}
    copies = (
        Copy.objects.filter(record_id__in=record_ids)
        .exclude(status__in=GONE)
        .select_related("institution", "sector")
        .order_by("institution__pk", "sector__order", "accession_number")
    )
    for copy in copies:
        places = found.setdefault(copy.record_id, {})
        key = (copy.institution_id, copy.sector_id)
        if key not in places:
            places[key] = Holding(copy.institution, copy.sector.name if copy.sector else "")
        holding = places[key]
        holding.total += 1
        holding.available += copy.status == CopyStatus.AVAILABLE
        if with_copies:
            holding.copies.append(copy)
    return {pk: list(places.values()) for pk, places in found.items()}


def same_book_elsewhere(record: Record) -> list[Record]:
    """Records of the same book (title, first author, year folded: the match key) in other libraries."""
    if not record.match_key:
        return []
    return list(
        Record.objects.filter(match_key=record.match_key)
        .exclude(institution_id=record.institution_id)
        .select_related("institution")
        .order_by("institution__pk")[:50]
    )


def held_elsewhere(records: list[Record], institution_ids: list[int] | None) -> dict[int, list[Institution]]:
    """Record id → the other libraries (of `institution_ids`, None: all) holding the same book."""
    keys = {record.match_key for record in records if record.match_key}
    if not keys:
        return {}
    others = (
        Record.objects.filter(match_key__in=keys).select_related("institution").order_by("institution__path")
    )
    if institution_ids is not None:
        others = others.filter(institution_id__in=institution_ids)
    by_key: dict[str, list[Record]] = {}
    for other in others[:500]:
        by_key.setdefault(other.match_key, []).append(other)
    found: dict[int, list[Institution]] = {}
    for record in records:
        places = {
            other.institution_id: other.institution
            for other in by_key.get(record.match_key, [])
            if other.institution_id != record.institution_id
        }
        if places:
            found[record.pk] = list(places.values())
    return found
