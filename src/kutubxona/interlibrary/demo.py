"""Demo interlibrary requests of the districts, 2021 and this year up to today: as many
fulfilled as the work plan's simulated amounts for line 19 (`simulated_entries`), ours
received and theirs sent on those days, returned two to three weeks later when that is past,
and one refused request a year (not counted). Ours are for the library's demo readers
registered by then (linked; a typed name if there are none yet); readers are told of the
arrivals of the last two weeks only (older ones are history). Through the actions (a few a
year). Idempotent: a district and year with requests is left alone."""

from __future__ import annotations

import datetime
import random
from typing import Any, TextIO

from django.utils import timezone

from kutubxona.institutions.models import Institution
from kutubxona.interlibrary import actions
from kutubxona.interlibrary.models import Direction, Request, Status
from kutubxona.planning.demo import SEED_YEAR, simulated_entries
from kutubxona.readers.models import Reader

# Arrivals this recent tell the reader (a notice queued); older ones are the demo's history.
TELL_WITHIN = datetime.timedelta(days=14)

DISTRICTS = ["arnasoy", "dostlik", "zomin"]
LIBRARIES = [
    "Alisher Navoiy nomidagi O'zbekiston Milliy kutubxonasi",
    "Samarqand viloyat axborot-kutubxona markazi",
    "Jizzax davlat pedagogika universiteti axborot-resurs markazi",
]
BOOKS = [
    "Qodiriy A. O'tkan kunlar. — Toshkent, 1926",
    "Cho'lpon. Kecha va kunduz. — Toshkent, 1936",
    "Oybek. Navoiy. — Toshkent, 1944",
    "Jizzax viloyati tarixi. — Jizzax, 2005",
    "Mirzacho'l o'zlashtirilishi tarixi. — Toshkent, 1979",
    "Fitrat A. Tanlangan asarlar. 1-jild. — Toshkent, 2000",
]
READERS = ["Aziza Karimova", "Jasur Ergashev", "Dilnoza Rahimova", "Sardor Tursunov", "Malika Yo'ldosheva"]


def _request(
    institution: Institution, day: datetime.date, rng: random.Random, others: list[Institution]
) -> Request:
    direction = Direction.BORROW if rng.random() < 0.6 else Direction.LEND
    partner = rng.choice(others) if others and rng.random() < 0.5 else None
    fields: dict[str, Any] = {
        "direction": direction,
        "partner": partner,
        "partner_name": "" if partner else rng.choice(LIBRARIES),
        "item": rng.choice(BOOKS),
        "requested_on": max(day.replace(month=1, day=1), day - datetime.timedelta(days=rng.randint(3, 10))),
    }
    if direction == Direction.BORROW:
        registered = Reader.objects.filter(institution=institution, registered_on__lte=fields["requested_on"])
        count = registered.count()
        who = registered.order_by("pk")[rng.randrange(count)] if count else None
        if who is None:
            fields |= {"reader_name": rng.choice(READERS), "reader_card": f"{rng.randint(1, 3000):05d}"}
        else:
            fields |= {"reader": who, "reader_name": who.full_name, "reader_card": who.card}
    return actions.create_request(None, institution, **fields)


def _fulfil(request: Request, day: datetime.date, today: datetime.date) -> None:
    if request.direction == Direction.BORROW:
        sent = max(request.requested_on, day - datetime.timedelta(days=2))
        request = actions.change_status(None, request, Status.SENT, sent)
        tell = today - day <= TELL_WITHIN
        request = actions.change_status(None, request, Status.RECEIVED, day, tell_reader=tell)
    else:
        request = actions.change_status(None, request, Status.SENT, day)
    back = day + datetime.timedelta(days=18)
    if back <= today:
        actions.change_status(None, request, Status.RETURNED, back)


def load(out: TextIO) -> None:
    today = timezone.localdate()
    made = 0
    districts = [i for i in (Institution.tree.filter(code=c).first() for c in DISTRICTS) if i is not None]
    for institution in districts:
        others = [i for i in districts if i.pk != institution.pk]
        for year in sorted({SEED_YEAR, today.year}):
            if Request.objects.filter(institution=institution, requested_on__year=year).exists():
                continue
            rng = random.Random(f"interlibrary-{institution.code}-{year}")
            for day, amount in simulated_entries(institution, year, "19"):
                for _ in range(amount):
                    _fulfil(_request(institution, day, rng, others), day, today)
                    made += 1
            entries = simulated_entries(institution, year, "19")
            if entries:
                refused = _request(institution, entries[0][0], rng, others)
                actions.change_status(None, refused, Status.REFUSED, entries[0][0])
                made += 1
    out.write(f"Interlibrary requests: {made}.\n")
