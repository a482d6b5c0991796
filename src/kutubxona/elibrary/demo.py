"""Demo digital collections and QR boards of the districts, 2021 and this year up to today.

Each district gets one collection per purpose; on the days and in the amounts the work plan's
simulation gives (`planning.demo.simulated_entries`) for lines 25 (rare), 30 (local history) and
31 (earlier guides), records of the district's catalogue with a full text (made by the catalogue's
demo, line 13) are added, and what line 34 wants beyond those three goes to an "other" collection.
Line 36's amounts become QR boards put up on those days with that many e-books (files open to
everyone), and a few scans each. Through the actions; the scans' day counts are inserted.
Idempotent: a district and year with items is left alone.
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Iterator
from typing import TextIO

from django.db.models import Sum
from django.utils import timezone

from kutubxona.catalog.models import AccessLevel, FullText, Record
from kutubxona.elibrary import actions
from kutubxona.elibrary.models import CollectionItem, FullTextCollection, Purpose, QrBoard, ScanDay, ShortLink
from kutubxona.institutions.models import Institution
from kutubxona.outreach.bulk import insert_rows
from kutubxona.planning.demo import SEED_YEAR, simulated_entries

DISTRICTS = {"arnasoy": "Arnasoy", "dostlik": "Do'stlik", "zomin": "Zomin"}
LINES = {Purpose.RARE: "25", Purpose.LOCAL_HISTORY: "30", Purpose.RETRO_GUIDES: "31"}
COLLECTIONS = {
    Purpose.RARE: ("Noyob kitoblar", "Noyob va alohida qiymatga ega nashrlarning elektron nusxalari."),
    Purpose.LOCAL_HISTORY: (
        "{name} o'lkashunosligi",
        "{name} tumani tarixi, tabiati, obidalari va korxonalari; o'lkaning mashhur kishilari "
        "haqida biobibliografik ko'rsatkichlar.",
    ),
    Purpose.RETRO_GUIDES: (
        "AKM bibliografik qo'llanmalari",
        "Markaz avvalgi yillarda chop etgan bibliografik qo'llanmalarning PDF nusxalari.",
    ),
    Purpose.OTHER: ("Elektron kitoblar", "Boshqa to'liq matnli resurslar."),
}
POOL = 300  # records looked at per district and year (the plan asks for a few dozen)
PLACES = {
    "arnasoy": ["Aydar-Arnasoy ko'llari dam olish maskani", "Arnasoy tumani mehmonxonasi"],
    "dostlik": ["Do'stlik temir yo'l vokzali", "Do'stlik shahar mehmonxonasi"],
    "zomin": ["Zomin milliy bog'i", "Zomin sanatoriyasi", "Zomin mehmonxonasi"],
}


def _collection(institution: Institution, purpose: Purpose) -> FullTextCollection:
    name, description = (text.format(name=DISTRICTS[institution.code]) for text in COLLECTIONS[purpose])
    found = FullTextCollection.objects.filter(institution=institution, purpose=purpose, name=name).first()
    return found or actions.create_collection(
        None, institution, name=name, description=description, purpose=purpose, is_public=True
    )


def _records(institution: Institution, year: int, purpose: str) -> Iterator[Record]:
    """Records of the district not yet in a collection: for local history first the articles
    described for the local-history card index that year; then records with a file linked that
    year, oldest first; then other articles (items that are catalogue records)."""
    taken = CollectionItem.objects.filter(institution=institution).values("record_id")
    records = Record.objects.filter(institution=institution).exclude(pk__in=taken)
    if purpose == Purpose.LOCAL_HISTORY:
        local = records.filter(analytic_purpose="local_history", described_on__year=year)
        yield from list(local.order_by("described_on", "pk")[:POOL])
    with_file = records.filter(fulltexts__uploaded_at__year=year).distinct().order_by("pk")
    yield from list(with_file[:POOL])
    yield from list(records.filter(fulltexts__isnull=True).exclude(analytic_purpose="").order_by("pk")[:POOL])


def _items(institution: Institution, year: int) -> int:
    added = 0
    for purpose, number in LINES.items():
        collection = _collection(institution, purpose)
        pool = _records(institution, year, purpose)
        for day, amount in simulated_entries(institution, year, number):
            for record in itertools.islice(pool, amount):
                actions.add_item(None, collection, record, added_at=day)
                added += 1
    # Line 34 counts every collection: what it wants beyond lines 25, 30 and 31, latest days first.
    rest = sum(amount for _day, amount in simulated_entries(institution, year, "34")) - added
    other = _collection(institution, Purpose.OTHER)
    pool = _records(institution, year, Purpose.OTHER)
    for day, amount in reversed(simulated_entries(institution, year, "34")):
        for record in itertools.islice(pool, min(amount, max(rest, 0))):
            actions.add_item(None, other, record, added_at=day)
            added += 1
            rest -= 1
    return added


def _boards(institution: Institution, year: int, rng: random.Random) -> int:
    public = list(
        Record.objects.filter(institution=institution, fulltexts__access=AccessLevel.PUBLIC)
        .distinct()
        .order_by("pk")[:40]
    )
    if not public:
        return 0
    today = timezone.localdate()
    placed = 0
    for number, (day, amount) in enumerate(simulated_entries(institution, year, "36"), start=1):
        place = PLACES[institution.code][number % len(PLACES[institution.code])]
        board = actions.create_board(
            None,
            institution,
            title=f"Telefoningizda o'qing! {year}-yil, {number}-tablo",
            place=place,
            placed_on=day,
        )
        for record in rng.sample(public, min(amount, len(public))):
            item = actions.add_board_item(None, board, record, added_on=day)
            _scans(item.link, day, today, rng)
            placed += 1
    return placed


def _scans(link: ShortLink, placed_on: datetime.date, today: datetime.date, rng: random.Random) -> None:
    span = (today - placed_on).days
    if span <= 0:
        return
    days = sorted({placed_on + datetime.timedelta(days=rng.randint(1, span)) for _ in range(3)})
    insert_rows(ScanDay, ["link", "day", "scans"], [(link.pk, day, rng.randint(1, 12)) for day in days])
    total = ScanDay.objects.filter(link=link).aggregate(n=Sum("scans"))["n"]
    last = timezone.make_aware(datetime.datetime.combine(days[-1], datetime.time(12)))
    ShortLink.objects.filter(pk=link.pk).update(scans=total, last_scanned_at=last)


def load(out: TextIO) -> None:
    items = boards = 0
    for code in DISTRICTS:
        institution = Institution.tree.filter(code=code).first()
        if institution is None:
            continue
        for year in sorted({SEED_YEAR, timezone.localdate().year}):
            if not FullText.objects.filter(institution=institution).exists():
                continue  # the catalogue's demo has not run: nothing to show
            if not CollectionItem.objects.filter(institution=institution, added_at__year=year).exists():
                items += _items(institution, year)
            if not QrBoard.objects.filter(institution=institution, placed_on__year=year).exists():
                boards += _boards(institution, year, random.Random(f"elibrary-{code}-{year}"))
    out.write(f"Digital collections: {items} items; QR boards: {boards} e-books.\n")
