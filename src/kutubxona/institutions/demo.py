"""Demo institutions (National Library → Jizzakh regional AKM → three districts) and staff."""

from decimal import Decimal
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password

from kutubxona.institutions import actions
from kutubxona.institutions.models import Institution, InstitutionKind, User
from kutubxona.institutions.roles import Role

DEMO_PASSWORD = "kutubxona-demo"

INSTITUTIONS: list[dict[str, Any]] = [
    {
        "code": "milliy",
        "parent": None,
        "kind": InstitutionKind.NATIONAL,
        "short_name": "Milliy kutubxona",
        "name_uz": "Alisher Navoiy nomidagi O'zbekiston Milliy kutubxonasi",
        "name_ru": "Национальная библиотека Узбекистана имени Алишера Навои",
        "name_en": "Alisher Navoi National Library of Uzbekistan",
        "address": "Toshkent sh., Navoiy ko'chasi, 1",
        "latitude": Decimal("41.311100"),
        "longitude": Decimal("69.279700"),
    },
    {
        "code": "jizzax",
        "parent": "milliy",
        "kind": InstitutionKind.REGIONAL,
        "short_name": "Jizzax VAKM",
        "name_uz": "Sharof Rashidov nomidagi Jizzax viloyati axborot-kutubxona markazi",
        "name_ru": "Джизакский областной информационно-библиотечный центр имени Шарафа Рашидова",
        "name_en": "Sharof Rashidov Jizzakh Regional Information-Library Centre",
        "address": "Jizzax sh., Sharof Rashidov ko'chasi",
        "latitude": Decimal("40.115800"),
        "longitude": Decimal("67.842200"),
    },
    {
        "code": "arnasoy",
        "parent": "jizzax",
        "kind": InstitutionKind.DISTRICT,
        "short_name": "Arnasoy AKM",
        "name_uz": "Arnasoy tuman axborot-kutubxona markazi",
        "name_ru": "Арнасайский районный информационно-библиотечный центр",
        "name_en": "Arnasoy District Information-Library Centre",
        "address": "Arnasoy tumani, G'oliblar shaharchasi",
        "latitude": Decimal("40.558000"),
        "longitude": Decimal("67.628000"),
    },
    {
        "code": "dostlik",
        "parent": "jizzax",
        "kind": InstitutionKind.DISTRICT,
        "short_name": "Do'stlik AKM",
        "name_uz": "Do'stlik tuman axborot-kutubxona markazi",
        "name_ru": "Дустликский районный информационно-библиотечный центр",
        "name_en": "Do'stlik District Information-Library Centre",
        "address": "Do'stlik shahri",
        "latitude": Decimal("40.524000"),
        "longitude": Decimal("68.036000"),
    },
    {
        "code": "zomin",
        "parent": "jizzax",
        "kind": InstitutionKind.DISTRICT,
        "short_name": "Zomin AKM",
        "name_uz": "Zomin tuman axborot-kutubxona markazi",
        "name_ru": "Заминский районный информационно-библиотечный центр",
        "name_en": "Zomin District Information-Library Centre",
        "address": "Zomin shaharchasi",
        "latitude": Decimal("39.960000"),
        "longitude": Decimal("68.395000"),
    },
]

# Staff of every institution: role, service code, first and last name pools.
STAFF_ROLES: list[tuple[Role, str | None]] = [
    (Role.DIRECTOR, None),
    (Role.BIBLIOGRAPHER, "AB"),
    (Role.CATALOGUER, "FT"),
    (Role.LENDING, "AF"),
    (Role.ICT, "AKT"),
    (Role.HR, "KADR"),
]
FIRST_NAMES = ["Dilnoza", "Sherzod", "Malika", "Jasur", "Gulnora", "Otabek", "Nodira", "Bekzod", "Zuhra"]
LAST_NAMES = ["Karimova", "Rahimov", "Yusupova", "Toshmatov", "Ergasheva", "Qodirov", "Saidova", "Nazarov"]


def _person(i: int) -> dict[str, str]:
    return {"first_name": FIRST_NAMES[i % len(FIRST_NAMES)], "last_name": LAST_NAMES[i % len(LAST_NAMES)]}


def demo_accounts() -> list[tuple[str, str, str | None, str]]:
    """(institution code, role, service code, user name) of every demo login."""
    accounts: list[tuple[str, str, str | None, str]] = []
    for inst in INSTITUTIONS:
        for role, service in STAFF_ROLES:
            accounts.append((inst["code"], role, service, f"{inst['code']}.{role}"))
        if inst["kind"] in {InstitutionKind.NATIONAL, InstitutionKind.REGIONAL}:
            accounts.append((inst["code"], Role.METHODIST, "AB", f"{inst['code']}.methodist"))
    accounts.append(("milliy", Role.SYSADMIN, None, "admin"))
    return accounts


def load(out: TextIO) -> None:
    by_code: dict[str, Institution] = {}
    for data in INSTITUTIONS:
        fields = dict(data)
        code, parent_code = fields.pop("code"), fields.pop("parent")
        existing = Institution.tree.filter(code=code).first()
        by_code[code] = existing or actions.create_institution(
            None, code=code, parent=by_code.get(parent_code) if parent_code else None, **fields
        )

    password_hash = make_password(DEMO_PASSWORD)  # hashed once: fast, same for every account
    created = 0
    for i, (code, role, service_code, username) in enumerate(demo_accounts()):
        if User.objects.filter(username=username).exists():
            continue
        institution = by_code[code]
        service = institution.services.filter(code=service_code).first() if service_code else None
        actions.create_staff(
            None,
            institution,
            username=username,
            password=None,
            password_hash=password_hash,
            role=role,
            service=service,
            **_person(i),
            **({"is_staff": True, "is_superuser": True} if role == Role.SYSADMIN else {}),
        )
        created += 1

    out.write(f"Institutions: {len(by_code)}; staff accounts created now: {created}.\n")
    out.write(f"Demo logins (password for all: {DEMO_PASSWORD}):\n")
    for code, role, _service, username in demo_accounts():
        out.write(f"  {username:<24} {Role(role).label!s:<28} {by_code[code].short_name}\n")
