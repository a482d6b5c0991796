"""Numbers without gaps per institution: accession numbers, receipts and withdrawal acts of a year.

The counter row's UPDATE locks it until the numbering transaction commits (PostgreSQL row
lock; on SQLite the IMMEDIATE transaction holds the database's write lock) and rolls back
with a failed receipt, so a number is never skipped nor given twice (as services' receipts).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import F
from django_scopes import scopes_disabled

from kutubxona.acquisitions.models import Counter
from kutubxona.catalog.models import Copy
from kutubxona.institutions.models import Institution

ACCESSION = "accession"


def reserve(institution: Institution, name: str, count: int = 1, start: Callable[[], int] = lambda: 0) -> int:
    """Reserve `count` numbers of the sequence `name`; returns the first. `start` gives the last
    number already used when the sequence is first asked for."""
    with scopes_disabled():  # the institution is named explicitly; the counter is internal
        counter = Counter.objects.filter(institution=institution, name=name)
        if not counter.update(last=F("last") + count):
            try:
                with transaction.atomic():
                    first = start() + 1
                    Counter.objects.create(institution=institution, name=name, last=first + count - 1)
                return first
            except IntegrityError:  # another desk made the counter first
                counter.update(last=F("last") + count)
        return counter.values_list("last", flat=True).get() - count + 1


def _highest_plain_accession(institution: Institution) -> int:
    """The highest all-digit accession number of the catalogue's copies (those typed in by hand
    or imported before the register was kept here): the sequence continues after it."""
    with scopes_disabled():
        numbers = Copy.objects.filter(institution=institution).values_list("accession_number", flat=True)
        return max((int(n) for n in numbers if n.isdigit() and len(n) < 10), default=0)


def accession_numbers(institution: Institution, count: int) -> list[int]:
    """`count` new accession numbers, skipping any a copy typed in by hand already has."""
    numbers: list[int] = []
    while len(numbers) < count:
        wanted = count - len(numbers)
        first = reserve(institution, ACCESSION, wanted, lambda: _highest_plain_accession(institution))
        block = [str(n) for n in range(first, first + wanted)]
        with scopes_disabled():
            taken = set(
                Copy.objects.filter(institution=institution, accession_number__in=block).values_list(
                    "accession_number", flat=True
                )
            )
        numbers += [int(n) for n in block if n not in taken]
    return numbers
