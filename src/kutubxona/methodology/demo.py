"""Demo directory of Arnasoy district's libraries, the help given to them (plan line 5) and the
directory issued as a document (line 3), on the simulated days."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import TextIO

from django.utils import timezone

from kutubxona.hr.models import StaffMember
from kutubxona.institutions.models import Institution
from kutubxona.methodology import actions
from kutubxona.methodology.models import HelpForm, Library, LibraryType
from kutubxona.planning.demo import SEED_YEAR, simulated_entries

T = LibraryType
# name, type, address, contact person, phone, collection, readers
LIBRARIES: list[tuple[str, str, str, str, str, int, int]] = [
    (
        "1-umumiy o'rta ta'lim maktabi kutubxonasi",
        T.SCHOOL,
        "G'oliblar shaharchasi, Mustaqillik ko'chasi, 12",
        "Aliyeva Munisa",
        "+998 72 512-10-01",
        6200,
        540,
    ),
    (
        "3-umumiy o'rta ta'lim maktabi kutubxonasi",
        T.SCHOOL,
        "Navbahor qishlog'i",
        "Sobirova Kamola",
        "+998 72 512-10-03",
        4800,
        410,
    ),
    (
        "5-umumiy o'rta ta'lim maktabi kutubxonasi",
        T.SCHOOL,
        "Ittifoq qishlog'i",
        "Jo'rayeva Dilfuza",
        "+998 72 512-10-05",
        5100,
        455,
    ),
    (
        "8-umumiy o'rta ta'lim maktabi kutubxonasi",
        T.SCHOOL,
        "Gulbahor qishlog'i",
        "Hamroyeva Nigora",
        "+998 72 512-10-08",
        3900,
        320,
    ),
    (
        "11-umumiy o'rta ta'lim maktabi kutubxonasi",
        T.SCHOOL,
        "Bog'ishamol qishlog'i",
        "Eshonqulova Sevara",
        "+998 72 512-10-11",
        4400,
        380,
    ),
    (
        "14-umumiy o'rta ta'lim maktabi kutubxonasi",
        T.SCHOOL,
        "Yangiobod qishlog'i",
        "To'rayeva Mohira",
        "+998 72 512-10-14",
        3600,
        300,
    ),
    (
        "17-umumiy o'rta ta'lim maktabi kutubxonasi",
        T.SCHOOL,
        "Qoraqo'ton qishlog'i",
        "Usmonova Barno",
        "+998 72 512-10-17",
        4100,
        350,
    ),
    (
        "21-ixtisoslashtirilgan maktab kutubxonasi",
        T.SCHOOL,
        "G'oliblar shaharchasi, Bunyodkor ko'chasi, 4",
        "Qurbonova Laylo",
        "+998 72 512-10-21",
        7300,
        620,
    ),
    (
        "Arnasoy tuman kasb-hunar maktabi kutubxonasi",
        T.LYCEUM_COLLEGE,
        "G'oliblar shaharchasi, Yoshlik ko'chasi, 7",
        "Normatova Sabohat",
        "+998 72 512-20-01",
        15800,
        780,
    ),
    (
        "Arnasoy agrotexnologiyalar texnikumi kutubxonasi",
        T.LYCEUM_COLLEGE,
        "Navbahor qishlog'i, Bog' ko'chasi",
        "Ro'ziyev Anvar",
        "+998 72 512-20-02",
        12400,
        610,
    ),
    (
        "Tuman markaziy shifoxonasi tibbiyot kutubxonasi",
        T.DEPARTMENTAL,
        "G'oliblar shaharchasi, Sog'liq ko'chasi, 2",
        "Karimova Gulchehra",
        "+998 72 512-30-01",
        2100,
        140,
    ),
    (
        "Tuman hokimligi huquqiy adabiyotlar kutubxonasi",
        T.DEPARTMENTAL,
        "G'oliblar shaharchasi, Mustaqillik ko'chasi, 1",
        "Ahmedov Rustam",
        "+998 72 512-30-02",
        1500,
        90,
    ),
    (
        "Navbahor mahalla kutubxonasi",
        T.MAHALLA,
        "Navbahor MFY guzari",
        "Haydarova Oygul",
        "+998 90 512-40-01",
        950,
        160,
    ),
    (
        "Ittifoq mahalla kutubxonasi",
        T.MAHALLA,
        "Ittifoq MFY guzari",
        "Sattorov Akmal",
        "+998 90 512-40-02",
        800,
        130,
    ),
    (
        "Gulbahor mahalla kutubxonasi",
        T.MAHALLA,
        "Gulbahor MFY guzari",
        "Mamatqulova Zilola",
        "+998 90 512-40-03",
        700,
        115,
    ),
]
TOPICS: list[tuple[str, str]] = [
    ("Kutubxona hujjatlarini tayyorlash", HelpForm.ON_SITE),
    ("Alifbo va tizimli katalog yuritish", HelpForm.ON_SITE),
    ("Kartotekalarni tashkil etish", HelpForm.ORAL),
    ("Fondni to'ldirish va hisobga olish hujjatlari (KSU)", HelpForm.ON_SITE),
    ("Hisobdan chiqarish dalolatnomasini rasmiylashtirish", HelpForm.WRITTEN),
    ("Kitobxonlar formulyarlarini yuritish", HelpForm.ORAL),
    ("Tadbirlar rejasini tuzish bo'yicha tavsiyalar", HelpForm.WRITTEN),
]


def _libraries(institution: Institution) -> list[Library]:
    rng = random.Random(f"{institution.code}-libraries")
    lat, lon = institution.latitude or Decimal("40.558"), institution.longitude or Decimal("67.628")
    made = []
    for name, kind, address, contact, phone, collection, readers in LIBRARIES:
        # Within some 12 km of the district centre.
        made.append(
            actions.create_library(
                None,
                institution,
                name=name,
                type=kind,
                address=f"Arnasoy tumani, {address}",
                latitude=(lat + Decimal(rng.uniform(-0.11, 0.11))).quantize(Decimal("0.000001")),
                longitude=(lon + Decimal(rng.uniform(-0.14, 0.14))).quantize(Decimal("0.000001")),
                contact_person=contact,
                phone=phone,
                collection_size=collection,
                readers=readers,
            )
        )
    return made


def _help(institution: Institution, libraries: list[Library], year: int) -> int:
    rng = random.Random(f"{institution.code}-help-{year}")
    bibliographers = [m for m in StaffMember.objects.filter(institution=institution, service__code="AB")]
    made = 0
    for day, amount in simulated_entries(institution, year, "5"):
        for _ in range(amount):
            topic, form = rng.choice(TOPICS)
            present = [m for m in bibliographers if m.on_staff(day)]
            actions.record_help(
                None,
                institution,
                staff=rng.sample(present, min(len(present), rng.randint(1, 2))),
                date=day,
                library=rng.choice(libraries),
                form=form,
                topic=topic,
            )
            made += 1
    return made


def load(out: TextIO) -> None:
    institution = Institution.tree.filter(code="arnasoy").first()
    if institution is None or Library.objects.filter(institution=institution).exists():
        return
    libraries = _libraries(institution)
    years = sorted({SEED_YEAR, timezone.localdate().year})
    helped = sum(_help(institution, libraries, year) for year in years)
    issued = 0
    for year in years:
        for day, _amount in simulated_entries(institution, year, "3"):
            actions.issue_directory(None, institution, day)
            issued += 1
    out.write(
        f"Library directory: {len(libraries)} libraries; help given: {helped}; "
        f"directories issued: {issued}.\n"
    )
