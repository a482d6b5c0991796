"""Demo outreach records for the demo districts, in 2021 and this year up to today: news posts
as many as `simulated_entries` gives for plan line 33 (thousands: inserted in bulk, one audit
entry per district and year), media appearances (41), the Telegram channel's members month by
month, an agreement with a foreign library (39) and foreign delegations (40). Idempotent:
each register is filled only for a district and year that has none of its rows yet."""

from __future__ import annotations

import datetime
import random
from typing import TextIO

from django.utils import timezone

from kutubxona.institutions.models import Institution, User
from kutubxona.outreach import actions
from kutubxona.outreach.models import (
    RESOURCE_EXCHANGE,
    Agreement,
    Channel,
    ForeignVisit,
    MediaAppearance,
    MediaKind,
    MemberCount,
    Post,
)
from kutubxona.planning.demo import SEED_YEAR, simulated_entries

DISTRICTS = ["arnasoy", "dostlik", "zomin"]
CHANNEL_WEIGHTS = {
    Channel.TELEGRAM: 40,
    Channel.INSTAGRAM: 20,
    Channel.FACEBOOK: 20,
    Channel.WEBSITE: 10,
    Channel.YOUTUBE: 5,
    Channel.X: 5,
}
TOPICS = [
    "Yangi kelgan kitoblar taqdimoti",
    "Kitobxonlar klubining navbatdagi yig'ilishi",
    "«O'tkan kunlar» romani muhokamasi",
    "Alisher Navoiy tavalludiga bag'ishlangan adabiy kecha",
    "Maktab o'quvchilari bilan «Kitob — bilim manbai» suhbati",
    "Mahallada sayyor kutubxona tadbiri",
    "«Eng faol kitobxon» tanlovi g'oliblari",
    "Elektron kutubxonadan foydalanish bo'yicha qo'llanma",
    "Hafta kitobi: Abdulla Qahhor hikoyalari",
    "Yoshlar bilan «Kitobxon millat» loyihasi doirasida uchrashuv",
    "O'lkashunoslik burchagi yangilandi",
    "Kutubxona ish tartibi haqida e'lon",
    "Shoir va yozuvchilar bilan ijodiy uchrashuv",
    "Bolalar uchun ertak kechasi",
    "Mustaqillik kuniga bag'ishlangan kitob ko'rgazmasi",
    "Xotira va qadrlash kuni munosabati bilan tadbir",
    "Kitobxonlik bo'yicha so'rovnoma natijalari",
    "Internet zalida kompyuter savodxonligi darslari",
]
OUTLETS = [
    (MediaKind.TV, "Jizzax viloyat teleradiokompaniyasi"),
    (MediaKind.RADIO, "Jizzax radiosi"),
    (MediaKind.PRESS, "«Jizzax haqiqati» gazetasi"),
    (MediaKind.PRESS, "Tuman «Arnasoy tongi» gazetasi"),
    (MediaKind.ONLINE, "jizzax.uz axborot portali"),
]
COUNTRIES = [
    ("Qozog'iston", "Chimkent viloyat universal kutubxonasi"),
    ("Qirg'iziston", "Bishkek shahar kutubxonalari tizimi"),
    ("Turkiya", "Anqara universiteti"),
    ("Rossiya", "Rossiya davlat yoshlar kutubxonasi"),
    ("Tojikiston", "Xo'jand shahar kutubxonasi"),
    ("Koreya Respublikasi", "KOICA ko'ngillilari"),
]


def _url(channel: str, code: str, number: int, rng: random.Random) -> str:
    handle = f"{code}akm"
    return {
        Channel.WEBSITE: f"https://{code}-akm.uz/news/{number}",
        Channel.TELEGRAM: f"https://t.me/{handle}/{number}",
        Channel.FACEBOOK: f"https://www.facebook.com/{handle}/posts/{10**9 + number}",
        Channel.INSTAGRAM: f"https://www.instagram.com/p/{rng.getrandbits(40):x}/",
        Channel.YOUTUBE: f"https://www.youtube.com/watch?v={rng.getrandbits(40):x}",
        Channel.X: f"https://x.com/{handle}/status/{10**12 + number}",
    }[Channel(channel)]


def _posts(institution: Institution, year: int, rng: random.Random) -> int:
    today = timezone.localdate()
    channels, weights = list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values())
    rows: list[tuple[str, datetime.date, str, str]] = []
    for day, amount in simulated_entries(institution, year, "33"):
        # The month's posts spread over its days (not after today).
        last = min(28, today.day if (day.year, day.month) == (today.year, today.month) else 28)
        for _ in range(amount):
            channel = rng.choices(channels, weights)[0]
            on = day.replace(day=rng.randint(1, last))
            rows.append(
                (channel, on, rng.choice(TOPICS), _url(channel, institution.code, len(rows) + 1, rng))
            )
    return actions.import_posts(None, institution, rows) if rows else 0


def _media(institution: Institution, year: int, rng: random.Random, staff: list[User]) -> int:
    created = 0
    for day, amount in simulated_entries(institution, year, "41"):
        for _ in range(amount):
            kind, outlet = rng.choice(OUTLETS)
            actions.create_entry(
                None,
                MediaAppearance,
                institution,
                kind=kind,
                outlet=outlet,
                appeared_on=day,
                topic=rng.choice(TOPICS),
                staff=rng.sample(staff, min(len(staff), 1)),
            )
            created += 1
    return created


def _members(institution: Institution, rng: random.Random) -> None:
    today = timezone.localdate()
    members = rng.randint(600, 900)
    day = datetime.date(SEED_YEAR, 1, 1)
    rows: list[tuple[object, ...]] = []
    while day <= today:
        rows.append((Channel.TELEGRAM.value, day, members))
        members += rng.randint(20, 90)
        day = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    actions.import_entries(None, MemberCount, institution, ["channel", "counted_on", "members"], rows)


def _international(institution: Institution, year: int, rng: random.Random) -> int:
    if institution.code == "arnasoy" and not Agreement.objects.filter(institution=institution).exists():
        actions.create_entry(
            None,
            Agreement,
            institution,
            partner="Chimkent viloyat universal kutubxonasi",
            country="Qozog'iston",
            subject=RESOURCE_EXCHANGE,
            signed_on=datetime.date(SEED_YEAR, 6, 15),
            valid_until=datetime.date(SEED_YEAR + 5, 6, 14),
        )
    people = 0
    for day, amount in simulated_entries(institution, year, "40"):
        country, organisation = rng.choice(COUNTRIES)
        actions.create_entry(
            None,
            ForeignVisit,
            institution,
            visited_on=day,
            country=country,
            organisation=organisation,
            people=amount,
            purpose="Kutubxona faoliyati bilan tanishish, kitob sovg'a qilish",
        )
        people += amount
    return people


def load(out: TextIO) -> None:
    today = timezone.localdate()
    posts = media = people = 0
    for code in DISTRICTS:
        institution = Institution.tree.filter(code=code).first()
        if institution is None:
            continue
        staff = list(User.objects.filter(institution=institution, is_active=True)[:5])
        if not MemberCount.objects.filter(institution=institution).exists():
            _members(institution, random.Random(f"members-{code}"))
        for year in sorted({SEED_YEAR, today.year}):
            rng = random.Random(f"outreach-{code}-{year}")
            if not Post.objects.filter(institution=institution, published_on__year=year).exists():
                posts += _posts(institution, year, rng)
            if not MediaAppearance.objects.filter(institution=institution, appeared_on__year=year).exists():
                media += _media(institution, year, rng, staff)
            if not ForeignVisit.objects.filter(institution=institution, visited_on__year=year).exists():
                people += _international(institution, year, rng)
    out.write(f"Outreach: {posts} posts, {media} media appearances, {people} foreign visitors.\n")
