"""Demo events of the districts: 2021 and this year up to today, as many as the work plan's
simulated amounts for lines 7, 18, 20, 21 and 26 ask (`planning.demo.simulated_entries`),
a few cancelled ones, and the events planned for the rest of this year. Idempotent."""

from __future__ import annotations

import calendar
import datetime
import random
from collections.abc import Sequence
from typing import Any, TextIO

from django.utils import timezone

from kutubxona.catalog.models import Copy
from kutubxona.events import actions
from kutubxona.events.models import Event, EventKind, EventStatus, PlaceKind
from kutubxona.institutions.models import Institution, Sector, User
from kutubxona.institutions.roles import Role
from kutubxona.planning.demo import SEED_YEAR, simulated_entries

DISTRICTS = ["arnasoy", "dostlik", "zomin"]
LINES = {"7": EventKind.PROJECT, "20": EventKind.MOBILE, "21": EventKind.CLUB}
ANY = frozenset(range(1, 13))
# (title, the months it belongs to); "{navoiy}" is the anniversary of Navoiy's birth (1441).
TITLES: dict[str, list[tuple[str, frozenset[int]]]] = {
    EventKind.EVENT: [
        ("Alisher Navoiy tavalludining {navoiy} yilligiga bag'ishlangan adabiy kecha", frozenset({2})),
        ("Zahiriddin Muhammad Bobur tavalludiga bag'ishlangan she'riyat kechasi", frozenset({2})),
        ("Navro'z bayrami: «Bahor keldi, yangi kun keldi» ma'naviy-ma'rifiy tadbiri", frozenset({3})),
        ("Xalqaro xotin-qizlar kuniga bag'ishlangan «Onajonim» kechasi", frozenset({3})),
        ("Xotira va qadrlash kuniga bag'ishlangan «Xotira muqaddas» tadbiri", frozenset({5})),
        ("Bolalarni himoya qilish kuniga bag'ishlangan «Bolajonlar bayrami»", frozenset({6})),
        ("Mustaqillik kuniga bag'ishlangan «Vatanim — faxrim» kechasi", frozenset({8, 9})),
        ("Ustoz va murabbiylar kuniga bag'ishlangan «Ustozim — faxrim» uchrashuvi", frozenset({9, 10})),
        ("O'zbek tili bayrami kuniga bag'ishlangan «Ona tilim — jonu dilim» tadbiri", frozenset({10})),
        ("Konstitutsiya kuniga bag'ishlangan huquqiy savodxonlik soati", frozenset({11, 12})),
        ("«Kitobxon oila» tanlovi", ANY),
        ("«Yosh kitobxon» tanlovining tuman bosqichi", ANY),
        ("Abdulla Qodiriy ijodiga bag'ishlangan adabiy-musiqiy kecha", ANY),
        ("Tuman shoir va yozuvchilari bilan ijodiy uchrashuv", ANY),
        ("«Kitob — aql chirog'i» mavzusida davra suhbati", ANY),
    ],
    EventKind.EXHIBITION: [
        ("«Navoiy — buyuk mutafakkir» kitob ko'rgazmasi", frozenset({2})),
        ("«Navro'z — bahor bayrami» kitob ko'rgazmasi", frozenset({3})),
        ("«Mustaqillik — oliy ne'mat» kitob ko'rgazmasi", frozenset({8, 9})),
        ("«Ona tilim — jonu dilim» kitob ko'rgazmasi", frozenset({10})),
        ("«Yangi adabiyotlar» ko'rgazmasi", ANY),
        ("«O'zbek adabiyoti durdonalari» ko'rgazmasi", ANY),
        ("«Qodiriy merosi» kitob ko'rgazmasi", ANY),
        ("«Bolalar adabiyoti olami» ko'rgazmasi", ANY),
    ],
    EventKind.MOBILE: [
        ("«Kitob — bilim manbai» sayyor tadbiri", ANY),
        ("O'quvchilar uchun «Kutubxonaga marhamat» sayyor tadbiri va videorolik namoyishi", ANY),
        ("Mahallada «Kitobxon oila» sayyor kutubxonasi", ANY),
        ("«Eng zukko kitobxon» sayyor viktorinasi", ANY),
    ],
    EventKind.CLUB: [
        ("«Yosh kitobxonlar» klubi: «O'tkan kunlar» romani muhokamasi", ANY),
        ("«Yosh kitobxonlar» klubi: «Shum bola» qissasi bo'yicha viktorina", ANY),
        ("«Kitobsevarlar» klubi: Erkin Vohidov she'riyati", ANY),
        ("«Kitobsevarlar» klubi: «Dunyoning ishlari» qissasi muhokamasi", ANY),
        ("Kitobxonlar klubining oylik yig'ilishi", ANY),
    ],
    EventKind.PROJECT: [
        ("«Haftaning kitobi» Telegram loyihasi", ANY),
        ("«Bir kun — bir kitob» aksiyasi", ANY),
        ("«Kitob sovg'a qil» aksiyasi", ANY),
        ("«Audiokitob» innovatsion loyihasi", ANY),
        ("«QR-kod orqali kitob o'qing» loyihasi", ANY),
        ("«#KitobxonArnasoy» ijtimoiy tarmoq aksiyasi", ANY),
    ],
}
OUTSIDE = [
    (PlaceKind.SCHOOL, "{n}-umumta'lim maktabi"),
    (PlaceKind.MAHALLA, "Navbahor mahalla fuqarolar yig'ini"),
    (PlaceKind.MAHALLA, "Do'stlik mahalla fuqarolar yig'ini"),
    (PlaceKind.COLLEGE, "Tuman kasb-hunar maktabi"),
    (PlaceKind.PARK, "Mustaqillik bog'i"),
]
PARTNERS = [
    "",
    "",
    "Tuman maktabgacha va maktab ta'limi bo'limi",
    "Yoshlar ishlari agentligi tuman bo'limi",
    "Tuman madaniyat bo'limi",
    "Mahalla fuqarolar yig'ini",
    "«Ma'naviyat va ma'rifat» markazi tuman bo'limi",
]
REPORTS = [
    "Tadbirda {n} nafar ishtirokchi qatnashdi. Kitob ko'rgazmasi namoyish etildi, she'rlar o'qildi.",
    "{n} nafar kitobxon ishtirok etdi; faol ishtirokchilar kutubxona esdalik sovg'alari bilan taqdirlandi.",
    "Tadbir yuqori saviyada o'tdi ({n} nafar). Ishtirokchilarga yangi adabiyotlar tanishtirildi.",
    "Jami {n} nafar qatnashdi. Tadbir yuzasidan ijtimoiy tarmoqlarda xabar joylandi.",
]


def _title(kind: str, day: datetime.date, rng: random.Random) -> str:
    fitting = [t for t, months in TITLES[kind] if day.month in months and months != ANY]
    generic = [t for t, months in TITLES[kind] if months == ANY]
    title = rng.choice(fitting if fitting and rng.random() < 0.7 else generic or fitting)
    return title.format(navoiy=day.year - 1441)


def _place(kind: str, sectors: Sequence[Sector], rng: random.Random) -> dict[str, Any]:
    if kind == EventKind.MOBILE or (kind == EventKind.EVENT and rng.random() < 0.25):
        place_kind, address = rng.choice(OUTSIDE)
        return {"place_kind": place_kind, "address": address.format(n=rng.randint(1, 24))}
    return {"place_kind": PlaceKind.LIBRARY, "sector": rng.choice(sectors) if sectors else None}


def _audience(kind: str, rng: random.Random) -> dict[str, Any]:
    total = rng.randint(10, 25) if kind == EventKind.CLUB else rng.randint(18, 95)
    children = int(total * rng.uniform(0.2, 0.6))
    youth = int((total - children) * rng.uniform(0.3, 0.7))
    specialists = rng.randint(0, 4)
    adults = total - children - youth - specialists
    return {
        "attendees": total,
        "children": children,
        "youth": youth,
        "adults": max(adults, 0),
        "specialists": specialists if adults >= 0 else 0,
        "report": rng.choice(REPORTS).format(n=total),
    }


class _Maker:
    """Creates one institution's events of one year through the actions, as the system."""

    def __init__(self, institution: Institution, year: int) -> None:
        self.institution = institution
        self.rng = random.Random(f"events-{institution.code}-{year}")
        self.today = timezone.localdate()
        self.sectors = list(
            Sector.objects.filter(
                institution=institution, code__in=["youth", "reading-rooms", "local-history"]
            )
        )
        self.staff = list(
            User.objects.filter(institution=institution, role__in=[Role.LENDING, Role.BIBLIOGRAPHER])
        )
        self.made = 0

    def day(self, day: datetime.date, shift: int) -> datetime.date:
        """Spread a day's several events over the following days of its month, not past today."""
        last = datetime.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        return max(day, min(day + datetime.timedelta(days=shift), last, self.today))

    def event(self, kind: str, day: datetime.date, status: str = EventStatus.HELD) -> Event:
        rng = self.rng
        start = datetime.time(rng.choice([10, 11, 14, 15, 16]), rng.choice([0, 30]))
        event = actions.create_event(
            None,
            self.institution,
            organisers=rng.sample(self.staff, k=min(len(self.staff), rng.randint(1, 2))),
            kind=kind,
            title=_title(kind, day, rng),
            date=day,
            start_time=start,
            end_time=start.replace(hour=start.hour + rng.randint(1, 2)),
            in_plan=rng.random() < 0.9,
            partner=rng.choice(PARTNERS),
            **_place(kind, self.sectors, rng),
        )
        if status == EventStatus.HELD:
            actions.mark_held(None, event, **_audience(kind, rng))
        elif status == EventStatus.CANCELLED:
            actions.set_status(None, event, status, "Ob-havo sababli qoldirildi")
        self.made += 1
        return event

    def exhibitions(self, entries: list[tuple[datetime.date, int]], copies: list[Copy]) -> int:
        """Exhibitions showing the line's copies; a small catalogue's copies are shown again later."""
        shown, offset = 0, 0
        for day, amount in entries:
            shift = 0
            while amount > 0 and copies:
                size = min(amount, len(copies))
                chosen = [copies[(offset + i) % len(copies)] for i in range(size)]
                offset += size
                exhibition = self.event(EventKind.EXHIBITION, self.day(day, shift))
                actions.add_copies(None, exhibition, chosen)
                amount -= size
                shift += 3
                shown += 1
        return shown

    def planned_ahead(self, count: int) -> None:
        """The events planned for the rest of the year, not held yet."""
        end = datetime.date(self.today.year, 12, 31)
        days = (end - self.today).days
        for i in range(min(count, days)):
            day = self.today + datetime.timedelta(days=1 + i * days // count)
            self.event(
                self.rng.choice([EventKind.EVENT, EventKind.CLUB, EventKind.MOBILE]), day, EventStatus.PLANNED
            )


def load_year(institution: Institution, year: int) -> int:
    maker = _Maker(institution, year)
    for number, kind in LINES.items():
        for day, amount in simulated_entries(institution, year, number):
            for i in range(amount):
                maker.event(kind, maker.day(day, 2 * i))
    copies = list(Copy.objects.filter(institution=institution).order_by("accession_number"))
    exhibitions = maker.exhibitions(simulated_entries(institution, year, "26"), copies)
    # Line 18 counts events and exhibitions: the exhibitions above are part of its amount, but
    # at least half of what its entries ask are events proper (literary evenings, contests...).
    entries = simulated_entries(institution, year, "18")
    skip = min(exhibitions, sum(amount for _day, amount in entries) // 2)
    for day, amount in entries:
        taken = min(amount, skip)
        skip -= taken
        for i in range(amount - taken):
            maker.event(EventKind.EVENT, maker.day(day, 2 * i))
    past_days = [d for d, _n in simulated_entries(institution, year, "21")][:2]
    for day in past_days:  # planned, then cancelled
        maker.event(EventKind.EVENT, maker.day(day, 1), EventStatus.CANCELLED)
    if year == maker.today.year:
        maker.planned_ahead(5)
    return maker.made


def load(out: TextIO) -> None:
    today = timezone.localdate()
    made = 0
    for code in DISTRICTS:
        institution = Institution.tree.filter(code=code).first()
        if institution is None:
            continue
        for year in sorted({SEED_YEAR, today.year}):
            if Event.objects.filter(institution=institution, date__year=year).exists():
                continue  # this year's demo events were made before
            made += load_year(institution, year)
    out.write(f"Events: {made} demo events and exhibitions created now.\n")
