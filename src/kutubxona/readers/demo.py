"""Demo readers: in each district, for 2021 and this year, the new registrations (line 15.1)
and re-registrations (15.2) `planning.demo.simulated_entries` gives, on its days, inserted in
bulk (thousands of rows, one audit entry per district and year); and one organisation under
contract per district. Idempotent: a year already registered is skipped."""

from __future__ import annotations

import datetime
import random
from functools import cache
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from kutubxona.core import audit
from kutubxona.core.text import fold
from kutubxona.institutions.models import Institution
from kutubxona.outreach.bulk import insert_rows
from kutubxona.planning.demo import SEED_YEAR, simulated_entries
from kutubxona.readers.models import Organisation, Reader, ReaderCategory, Registration, RegistrationKind

DISTRICTS = ["arnasoy", "dostlik", "zomin"]
MEN = (
    ["Aziz", "Sherzod", "Jasur", "Otabek", "Bekzod", "Sardor", "Ulug'bek", "Jahongir"],
    ["Karimov", "Rahimov", "Toshmatov", "Qodirov", "Nazarov", "Yo'ldoshev", "Xolmatov", "Ergashev"],
)
WOMEN = (
    ["Dilnoza", "Malika", "Gulnora", "Nodira", "Zuhra", "Madina", "Shahnoza", "Oygul"],
    ["Karimova", "Rahimova", "Yusupova", "Saidova", "Ergasheva", "Nazarova", "Qo'chqorova", "Aliyeva"],
)
# Reader categories of a district AKM's readers, by share.
CATEGORIES = {
    ReaderCategory.PUPIL: 40,
    ReaderCategory.STUDENT: 20,
    ReaderCategory.TEACHER: 10,
    ReaderCategory.SPECIALIST: 12,
    ReaderCategory.PENSIONER: 8,
    ReaderCategory.AKM_SPECIALIST: 2,
    ReaderCategory.OTHER: 8,
}
AGES: dict[str, tuple[int, int]] = {
    ReaderCategory.PUPIL: (8, 17),
    ReaderCategory.STUDENT: (18, 24),
    ReaderCategory.PENSIONER: (60, 80),
}
WORKPLACES: dict[str, str] = {
    ReaderCategory.PUPIL: "{n}-maktab",
    ReaderCategory.STUDENT: "Jizzax politexnika instituti",
    ReaderCategory.TEACHER: "{n}-maktab",
    ReaderCategory.SPECIALIST: "Tuman tibbiyot birlashmasi",
    ReaderCategory.AKM_SPECIALIST: "{district} AKM",
}
COLUMNS = [
    "institution",
    "card",
    "last_name",
    "first_name",
    "birth_year",
    "category",
    "workplace",
    "phone",
    "consent",
    "foreign",
    "name_key",
    "registered_on",
    "last_active_on",
    "middle_name",
    "email",
    "address",
    "pin_hash",
    "language",
]
# The language of a demo reader's notices, by their place in the list: mostly Uzbek (Latin),
# some Russian and Uzbek (Cyrillic); not drawn, so the other draws stay as they were.
LANGUAGES = ["uz"] * 8 + ["ru", "uz-cyrl"]


@cache
def _fold(text: str) -> str:
    return fold(text)


def _person(rng: random.Random, year: int, category: str, district: str) -> tuple[str, str, int, str]:
    first, last = MEN if rng.random() < 0.45 else WOMEN
    age = rng.randint(*AGES.get(category, (23, 59)))
    place = WORKPLACES.get(category, "").format(n=rng.randint(1, 40), district=district.capitalize())
    return rng.choice(last), rng.choice(first), year - age, place


def _register(institution: Institution, year: int, index: int) -> int:
    """The year's new readers and re-registrations, as the plan's lines 15.1 and 15.2 expect."""
    rng = random.Random(f"readers-{institution.code}-{year}")
    categories, weights = list(CATEGORIES), list(CATEGORIES.values())
    rows: list[tuple[object, ...]] = []
    new_days: list[datetime.date] = []
    for day, amount in simulated_entries(institution, year, "15.1"):
        last = (
            min(28, timezone.localdate().day)
            if (day.year, day.month) == timezone.localdate().timetuple()[:2]
            else 28
        )
        for _ in range(amount):
            category = rng.choices(categories, weights)[0]
            last_name, first_name, born, place = _person(rng, year, category, institution.code)
            on = day.replace(day=rng.randint(1, last))
            card = f"D{index}{year % 100:02d}{len(rows) + 1:05d}"
            phone = f"+998 9{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            name_key = _fold(f"{last_name} {first_name}")
            foreign = rng.random() < 0.003
            rows.append(
                (
                    institution.pk,
                    card,
                    last_name,
                    first_name,
                    born,
                    category,
                    place,
                    phone,
                    True,
                    foreign,
                    name_key,
                    on,
                    on,
                    "",
                    "",
                    "",
                    "",
                    LANGUAGES[len(rows) % len(LANGUAGES)],
                )
            )
            new_days.append(on)
    if rows:
        insert_rows(Reader, COLUMNS, rows)
    ids = dict(
        Reader.objects.filter(institution=institution, card__in=[r[1] for r in rows]).values_list(
            "card", "pk"
        )
    )
    registrations = [
        (institution.pk, ids[str(row[1])], RegistrationKind.NEW, year, on)
        for row, on in zip(rows, new_days, strict=True)
    ]
    # Re-registrations (15.2): earlier years' readers registered again for this year; readers
    # from before the system (no registration row of their first year) where there are too few.
    renewing = simulated_entries(institution, year, "15.2")
    earlier = list(
        Reader.objects.filter(
            institution=institution, registered_on__year__lt=year, organisation__isnull=True
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    short = sum(amount for _day, amount in renewing) - len(earlier)
    if short > 0:
        old = []
        for n in range(short):
            category = rng.choices(categories, weights)[0]
            last_name, first_name, born, place = _person(rng, year, category, institution.code)
            since = datetime.date(year - rng.randint(1, 6), rng.randint(1, 12), rng.randint(1, 28))
            card = f"E{index}{year % 100:02d}{n + 1:05d}"
            old.append((institution.pk, card, last_name, first_name, born, category, place, "", True, False,
                        _fold(f"{last_name} {first_name}"), since, since, "", "", "", "",
                        LANGUAGES[n % len(LANGUAGES)]))  # fmt: skip
        insert_rows(Reader, COLUMNS, old)
        earlier += list(
            Reader.objects.filter(institution=institution, card__in=[r[1] for r in old]).values_list(
                "pk", flat=True
            )
        )
    renewals = []
    for day, amount in renewing:
        picked = rng.sample(earlier, min(amount, len(earlier)))
        earlier = [pk for pk in earlier if pk not in set(picked)]
        renewals += [(institution.pk, pk, RegistrationKind.RENEWAL, year, day) for pk in picked]
    insert_rows(Registration, ["institution", "reader", "kind", "year", "date"], registrations + renewals)
    audit.record(
        None,
        "readers.demo",
        None,
        institution=institution,
        changes={"year": year, "new": len(registrations), "renewed": len(renewals)},
    )
    return len(registrations) + len(renewals)


ORGANISATIONS = [
    ("tuman markaziy shifoxonasi", "Bosh hamshira"),
    ("tuman hokimligi", "Devonxona mudiri"),
    ("agrar kolleji", "Kutubxonachi"),
    ("tuman xalq ta'limi bo'limi", "Metodist"),
    ("tuman sud binosi", "Kotiba"),
    ("Yoshlar ishlari agentligi bo'limi", "Yetakchi"),
    ("tuman soliq inspeksiyasi", "Kadrlar bo'limi"),
    ("tuman prokuraturasi", "Kotib"),
    ("\"Mahalla\" jamg'armasi bo'limi", "Rais"),
    ("tuman tibbiyot kolleji", "Kutubxonachi"),
    ("tuman qishloq xo'jaligi bo'limi", "Mutaxassis"),
    ("harbiy qism", "Ma'naviyat bo'yicha o'rinbosar"),
]


def _organisations(institution: Institution, year: int) -> None:
    """The organisations under contract for the year, as many as line 22.1 expects, each with
    its card (the contract registers the organisation: not a person's registration, line 15)."""
    if Organisation.objects.filter(institution=institution, contract_from__year=year).exists():
        return
    wanted = sum(amount for _day, amount in simulated_entries(institution, year, "22.1")) or 1
    for number, (name, contact) in enumerate(ORGANISATIONS[:wanted], start=1):
        organisation = Organisation.objects.create(
            institution=institution,
            name=f"{institution.code.capitalize()} {name}",
            contract_number=f"{year}/{number}",
            contract_from=datetime.date(year, 1, 10),
            contract_to=datetime.date(year, 12, 31),
            contact=contact,
        )
        Reader.objects.create(
            institution=institution,
            card=f"O{organisation.pk:07d}",
            last_name=organisation.name,
            first_name="",
            category=ReaderCategory.OTHER,
            consent=True,
            organisation=organisation,
            registered_on=organisation.contract_from,
            last_active_on=organisation.contract_from,
        )
    audit.record(None, "readers.organisations.demo", None, institution=institution, changes={"year": year})


@transaction.atomic
def load(out: TextIO) -> None:
    years = sorted({SEED_YEAR, timezone.localdate().year})
    for index, code in enumerate(DISTRICTS, start=1):
        institution = Institution.tree.get(code=code)
        created = 0
        for year in years:
            _organisations(institution, year)
            if not Registration.objects.filter(institution=institution, year=year).exists():
                created += _register(institution, year, index)
        out.write(f"Readers of {code}: {created} registrations made now.\n")
