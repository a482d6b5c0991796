"""Desk visits from the lending desk's `reader_served` signal (see core/signals.py).

The desk sends it inside its own transaction for every reader it serves; the visit is stored
with the same commit (or rolled back with it), once per institution, sector, reader and day:
`INSERT ... ON CONFLICT DO NOTHING` against the unique constraint, so two desks serving the
same reader at the same moment, or one desk serving them twice, leave one row. It writes no
audit entry of its own: the desk's action (the loan, the return) is the audited change.

`move_merged_visits` answers the readers' `readers_merged` signal: the duplicate's visits become
the kept reader's, one per institution, sector and day (a visit both made the same day at the
same sector is kept once, as the unique rule wants, foreign if either was); the merge's audit
entry lists the counts.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django_scopes import scopes_disabled

from kutubxona.attendance.models import Visit
from kutubxona.institutions.models import Institution, Sector


def desk_sector(institution: Institution) -> Sector | None:
    """Where a reader served without a named sector counts: the first sector with a desk (the
    lending sector of the seed's list), else the institution's first sector."""
    sectors = Sector.objects.filter(institution=institution).order_by("-has_desk", "order", "code")
    return sectors.first()


def record_visit(
    institution: Institution,
    sector: Sector | None,
    reader_id: int,
    when: datetime.datetime,
    foreign: bool = False,
) -> None:
    """Store the reader's visit of that day at that sector, unless it is stored already."""
    with scopes_disabled():
        if sector is None:
            sector = desk_sector(institution)
            if sector is None:
                return  # an institution without sectors counts no visits
        elif sector.institution_id != institution.pk:
            raise ValueError(f"sector {sector.pk} is not a sector of institution {institution.pk}")
        day = timezone.localdate(when)
        visit = Visit(
            institution=institution,
            sector=sector,
            day=day,
            reader_id=reader_id,
            foreign=foreign,
            served_at=when,
        )
        Visit.objects.bulk_create([visit], ignore_conflicts=True)


def count_desk_visit(sender: Any, **kwargs: Any) -> None:
    """The receiver of `reader_served`."""
    record_visit(
        kwargs["institution"],
        kwargs.get("sector"),
        kwargs["reader_id"],
        kwargs.get("when") or timezone.now(),
        bool(kwargs.get("foreign", False)),
    )


def _visits_of(visits: QuerySet[Visit], reader_id: int) -> list[Visit]:
    return list(visits.filter(reader_id=reader_id).order_by("pk"))


def move_merged_visits(
    sender: Any, *, institution: Institution, keep_id: int, duplicate_id: int, **kwargs: Any
) -> dict[str, int]:
    """The receiver of `readers_merged`: move the duplicate's visits to the kept reader.

    Each of the duplicate's visits is inserted for the kept reader unless the kept reader has one
    that sector and day (`ON CONFLICT DO NOTHING`, so a visit the desk stores meanwhile is no
    conflict either); a kept visit becomes foreign if either was (line 40 keeps it); then the
    duplicate's visits go."""
    with scopes_disabled():
        visits = Visit.objects.filter(institution=institution)
        duplicates = _visits_of(visits, duplicate_id)
        if not duplicates:
            return {"visits": 0, "visits_dropped": 0}
        kept = visits.filter(reader_id=keep_id)
        had = set(kept.filter(day__in={v.day for v in duplicates}).values_list("sector_id", "day"))
        Visit.objects.bulk_create(
            [
                Visit(
                    institution=institution,
                    sector_id=visit.sector_id,
                    day=visit.day,
                    reader_id=keep_id,
                    foreign=visit.foreign,
                    served_at=visit.served_at,
                )
                for visit in duplicates
            ],
            ignore_conflicts=True,
        )
        foreign = visits.filter(
            reader_id=duplicate_id, foreign=True, sector_id=OuterRef("sector_id"), day=OuterRef("day")
        )
        kept.filter(Exists(foreign), foreign=False).update(foreign=True)
        visits.filter(pk__in=[visit.pk for visit in duplicates]).delete()
    moved = sum(1 for visit in duplicates if (visit.sector_id, visit.day) not in had)
    return {"visits": moved, "visits_dropped": len(duplicates) - moved}
