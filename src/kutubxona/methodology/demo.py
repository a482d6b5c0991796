"""Demo directory of each district's libraries, the help given to them (plan line 5) and the
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
# The other districts: Arnasoy's place names (in LIBRARIES) as theirs, their phone code, their
# librarians in the same order, and where their centre is when the institution has no coordinates.
PLACES = {
    "dostlik": {
        "G'oliblar shaharchasi": "Do'stlik shahri",
        "Navbahor": "Paxtaobod",
        "Ittifoq": "Mehnatobod",
        "Gulbahor": "Uchtepa",
        "Bog'ishamol": "Yangiqishloq",
        "Yangiobod": "Sho'rbuloq",
        "Qoraqo'ton": "Olmazor",
        "Arnasoy": "Do'stlik",
        "512-": "533-",
    },
    "zomin": {
        "G'oliblar shaharchasi": "Zomin shaharchasi",
        "Navbahor": "Duoba",
        "Ittifoq": "Sarmich",
        "Gulbahor": "Pishag'or",
        "Bog'ishamol": "Qarabuloq",
        "Yangiobod": "Chorvador",
        "Qoraqo'ton": "Qo'shtamg'ali",
        "Arnasoy": "Zomin",
        "512-": "545-",
    },
}
CONTACTS = {
    "dostlik": [
        "Rahmonova Feruza",
        "Yoqubova Shahlo",
        "Tog'ayeva Gulruh",
        "Mirzayeva Oysha",
        "Abdiyeva Nargiza",
        "Pardayeva Umida",
        "Xo'jayeva Ra'no",
        "Qo'chqorova Maryam",
        "Baxtiyorova Nasiba",
        "Jumayev Farhod",
        "Shodiyeva Iroda",
        "Latipov Baxrom",
        "Rajabova Hilola",
        "Ro'ziboyev Sanjar",
        "Ibragimova Nozima",
    ],
    "zomin": [
        "Ahmadjonova Mavluda",
        "Xolboyeva Gavhar",
        "Turdiyeva Saodat",
        "Norboyeva Zulfiya",
        "Qahhorova Dilorom",
        "Olimova Sarvinoz",
        "Boltayeva Nodira",
        "Isoqova Muattar",
        "Omonova Xurshida",
        "Davletov Husan",
        "Soatova Mastura",
        "Hamidov Ravshan",
        "Egamberdiyeva Lobar",
        "Toshtemirov Alisher",
        "Rustamova Shahzoda",
    ],
}
CENTRES = {"dostlik": (Decimal("40.52"), Decimal("68.03")), "zomin": (Decimal("39.96"), Decimal("68.40"))}
DISTRICTS = ["arnasoy", *PLACES]
TOPICS: list[tuple[str, str]] = [
    ("Kutubxona hujjatlarini tayyorlash", HelpForm.ON_SITE),
    ("Alifbo va tizimli katalog yuritish", HelpForm.ON_SITE),
    ("Kartotekalarni tashkil etish", HelpForm.ORAL),
    ("Fondni to'ldirish va hisobga olish hujjatlari (KSU)", HelpForm.ON_SITE),
    ("Hisobdan chiqarish dalolatnomasini rasmiylashtirish", HelpForm.WRITTEN),
    ("Kitobxonlar formulyarlarini yuritish", HelpForm.ORAL),
    ("Tadbirlar rejasini tuzish bo'yicha tavsiyalar", HelpForm.WRITTEN),
]


def _local(text: str, places: dict[str, str]) -> str:
    for arnasoy, theirs in places.items():
        text = text.replace(arnasoy, theirs)
    return text


def _libraries(institution: Institution) -> list[Library]:
    rng = random.Random(f"{institution.code}-libraries")
    default = CENTRES.get(institution.code, (Decimal("40.558"), Decimal("67.628")))
    lat, lon = institution.latitude or default[0], institution.longitude or default[1]
    places = PLACES.get(institution.code, {})
    contacts = CONTACTS.get(institution.code, [row[3] for row in LIBRARIES])
    district = _local("Arnasoy", places)
    made = []
    for row, contact in zip(LIBRARIES, contacts, strict=True):
        name, kind, address, _contact, phone, collection, readers = (
            _local(v, places) if isinstance(v, str) else v for v in row
        )
        # Within some 12 km of the district centre.
        made.append(
            actions.create_library(
                None,
                institution,
                name=name,
                type=kind,
                address=f"{district} tumani, {address}",
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
    years = sorted({SEED_YEAR, timezone.localdate().year})
    for institution in Institution.tree.filter(code__in=DISTRICTS).order_by("pk"):
        if Library.objects.filter(institution=institution).exists():
            continue
        libraries = _libraries(institution)
        helped = sum(_help(institution, libraries, year) for year in years)
        issued = 0
        for year in years:
            for day, _amount in simulated_entries(institution, year, "3"):
                actions.issue_directory(None, institution, day)
                issued += 1
        out.write(
            f"Library directory of {institution.code}: {len(libraries)} libraries; help given: {helped}; "
            f"directories issued: {issued}.\n"
        )
