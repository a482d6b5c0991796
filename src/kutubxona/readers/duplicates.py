"""Readers registered twice: the same folded name and year of birth, or the same phone."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from kutubxona.institutions.models import Institution
from kutubxona.readers.models import Reader


def phone_key(phone: str) -> str:
    """The last nine digits (the number without +998 or a leading 8)."""
    digits = re.sub(r"\D", "", phone)
    return digits[-9:] if len(digits) >= 7 else ""


def _groups(readers: Iterable[Reader]) -> list[list[Reader]]:
    by_key: dict[tuple[str, str], list[Reader]] = defaultdict(list)
    for reader in readers:
        if reader.name_key:
            by_key[("name", f"{reader.name_key}|{reader.birth_year or ''}")].append(reader)
        if phone := phone_key(reader.phone):
            by_key[("phone", phone)].append(reader)
    seen: set[frozenset[int]] = set()
    groups = []
    for members in by_key.values():
        ids = frozenset(r.pk for r in members)
        if len(ids) > 1 and ids not in seen:
            seen.add(ids)
            groups.append(sorted(members, key=lambda r: r.pk))
    return sorted(groups, key=lambda g: g[0].name_key)


def duplicate_groups(institution: Institution) -> list[list[Reader]]:
    """Groups of the library's readers that look like one person (oldest registration first)."""
    readers = Reader.objects.filter(institution=institution, anonymised_on__isnull=True).only(
        "id",
        "name_key",
        "birth_year",
        "phone",
        "last_name",
        "first_name",
        "middle_name",
        "card",
        "institution",
    )
    return _groups(readers)
