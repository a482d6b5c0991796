"""Demo of remote and paid services: each district's price list (raised in 2024), delivery
orders and receipts for 2021 and this year as the plan's lines 23, 42.1 and 42.2 expect
(`planning.demo.simulated_entries`), and a few orders in progress today. Idempotent."""

from __future__ import annotations

import datetime
import io
import random
from decimal import Decimal
from typing import TextIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.utils import timezone
from reportlab.pdfgen.canvas import Canvas

from kutubxona.catalog.models import Record
from kutubxona.core.pdf_fonts import REGULAR, register_fonts
from kutubxona.institutions.models import Institution, User
from kutubxona.planning.demo import SEED_YEAR, simulated_entries
from kutubxona.services import actions
from kutubxona.services.models import Customer, DeliveryOrder, PaidService, PaymentMethod, Receipt

DISTRICTS = ["arnasoy", "dostlik", "zomin"]
RAISED = datetime.date(2024, 1, 1)
# key, Uzbek, Russian, English, kind, unit, price from 2021, price from 2024
PRICE_LIST = [
    (
        "copy",
        "A4 sahifadan nusxa ko'chirish",
        "Ксерокопия страницы А4",
        "Photocopy of an A4 page",
        "services",
        "page",
        300,
        500,
    ),
    ("scan", "Sahifani skanerlash", "Сканирование страницы", "Scanning a page", "services", "page", 500, 800),
    ("print", "Sahifani chop etish", "Распечатка страницы", "Printing a page", "services", "page", 400, 700),
    (
        "edelivery",
        "Hujjat sahifasini elektron yetkazib berish",
        "Электронная доставка страницы документа",
        "Electronic delivery of a document page",
        "services",
        "page",
        200,
        300,
    ),
    (
        "internet",
        "Internetdan foydalanish",
        "Пользование Интернетом",
        "Internet use",
        "services",
        "hour",
        3000,
        5000,
    ),
    (
        "typing",
        "Matnni kompyuterda terish",
        "Набор текста на компьютере",
        "Typing a text",
        "services",
        "page",
        2000,
        3000,
    ),
    (
        "laminate",
        "Hujjatni laminatsiyalash",
        "Ламинирование документа",
        "Laminating a document",
        "services",
        "piece",
        2000,
        3000,
    ),
    (
        "biblio",
        "Bibliografik ro'yxat tuzish (20 nomgacha)",
        "Составление библиографического списка (до 20 названий)",
        "Compiling a bibliography (up to 20 titles)",
        "services",
        "service",
        10000,
        15000,
    ),
    (
        "hall",
        "Majlislar zalini ijaraga berish",
        "Аренда актового зала",
        "Renting the assembly hall",
        "rent",
        "hour",
        50000,
        80000,
    ),
    (
        "lab",
        "Kompyuter xonasini ijaraga berish",
        "Аренда компьютерного класса",
        "Renting the computer room",
        "rent",
        "hour",
        40000,
        60000,
    ),
]
# Counter services: (key, smallest and largest quantity per receipt)
COUNTER = [
    ("copy", 40, 250),
    ("scan", 20, 80),
    ("print", 30, 200),
    ("internet", 2, 8),
    ("typing", 5, 30),
    ("laminate", 3, 12),
    ("biblio", 1, 3),
]
PEOPLE = [
    "Dilshod Karimov",
    "Nodira Rahimova",
    "Jasur Toshpo'latov",
    "Malika Usmonova",
    "Sardor Aliyev",
    "Gulnora Saidova",
    "Bekzod Ergashev",
    "Zarina Qodirova",
    "Otabek Nurmatov",
    "Shahnoza Yusupova",
]
FOREIGN = [
    ("Aigerim Bekova", "Qozog'iston"),
    ("Ivan Petrov", "Rossiya"),
    ("Farrukh Nazarov", "Tojikiston"),
    ("Elif Yilmaz", "Turkiya"),
    ("Azamat Osmonov", "Qirg'iziston"),
]
LIBRARIES = [
    "Do'stlik tumani 12-maktab kutubxonasi",
    "Jizzax politexnika instituti ARM",
    "Arnasoy kasb-hunar maktabi kutubxonasi",
    "Zomin tumani 5-maktab kutubxonasi",
]
WANTED = [
    '"O\'tkan kunlar" romanidan bob',
    "Mahalliy gazetadagi maqola (1998)",
    "Boburnoma: tanlangan sahifalar",
    "Arnasoy tarixi bo'yicha ocherk",
    "Navoiy g'azallari to'plamidan sahifalar",
    "O'lkashunoslik to'plamidagi maqola",
    "Dissertatsiya uchun adabiyotlar ro'yxati bo'yicha maqolalar",
]
# Line 23 by customer: share of the month's copies and how many orders carry them (a school
# or a researcher orders a set of articles at once; few orders keep the demo quick).
SPLIT = [
    (Customer.DOMESTIC, Decimal("0.7"), 2),
    (Customer.FOREIGN, Decimal("0.1"), 1),
    (Customer.LIBRARY, Decimal("0.2"), 1),
]


def _price_list(institution: Institution, director: User) -> dict[str, PaidService]:
    services: dict[str, PaidService] = {}
    for key, uz, ru, en, kind, unit, first, raised in PRICE_LIST:
        service = actions.create_service(
            director, institution, name_uz=uz, name_ru=ru, name_en=en, kind=kind, unit=unit
        )
        actions.set_price(director, service, amount=Decimal(first), valid_from=datetime.date(SEED_YEAR, 1, 1))
        actions.set_price(director, service, amount=Decimal(raised), valid_from=RAISED)
        services[key] = service
    return services


def _customer(kind: str, rng: random.Random) -> dict[str, str]:
    if kind == Customer.FOREIGN:
        name, country = rng.choice(FOREIGN)
        return {
            "customer_name": name,
            "country": country,
            "email": f"reader{rng.randint(10, 99)}@mail.example",
        }
    name = rng.choice(LIBRARIES if kind == Customer.LIBRARY else PEOPLE)
    return {
        "customer_name": name,
        "phone": f"+998 9{rng.randint(0, 9)} {rng.randint(1_000_000, 9_999_999)}",
    }


def _order(
    ict: User,
    institution: Institution,
    day: datetime.date,
    kind: str,
    copies: int,
    service: PaidService,
    records: list[Record],
    rng: random.Random,
) -> DeliveryOrder:
    free = kind == Customer.DOMESTIC and rng.random() < 0.6  # readers of the district mostly free
    return actions.create_order(
        ict,
        institution,
        ordered_on=day,
        customer=kind,
        wanted=rng.choice(WANTED),
        record=rng.choice(records) if records and rng.random() < 0.5 else None,
        copies=copies,
        service=service,
        quantity=Decimal(copies * rng.randint(3, 8)),
        free=free,
        **_customer(kind, rng),
    )


def _deliveries(
    ict: User, institution: Institution, year: int, services: dict[str, PaidService], rng: random.Random
) -> int:
    records = list(Record.objects.filter(institution=institution)[:30])
    made = 0
    for day, total in simulated_entries(institution, year, "23"):
        for kind, share, count in SPLIT:
            part = int(total * share)
            for copies in [part // count + (i < part % count) for i in range(count)]:
                if copies == 0:
                    continue
                ordered = max(day.replace(day=1), day - datetime.timedelta(days=rng.randint(0, 6)))
                order = _order(ict, institution, ordered, kind, copies, services["edelivery"], records, rng)
                if not order.paid:
                    method = PaymentMethod.TRANSFER if kind != Customer.DOMESTIC else PaymentMethod.CASH
                    actions.record_payment(ict, order, method=method, issued_on=ordered)
                actions.start_work(ict, order)
                actions.mark_delivered(ict, order, on=day)
                made += 1
    return made


def _month_income(institution: Institution, day: datetime.date, kind: str) -> Decimal:
    total = Receipt.objects.filter(
        institution=institution,
        kind=kind,
        issued_on__year=day.year,
        issued_on__month=day.month,
        cancelled_at__isnull=True,
    ).aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


def _counter(
    desk: User, institution: Institution, year: int, services: dict[str, PaidService], rng: random.Random
) -> int:
    """Walk-in receipts for line 42.1 (on top of the delivery payments), rents for 42.2."""
    made = 0
    for day, amount in simulated_entries(institution, year, "42.1"):
        income = _month_income(institution, day, "services")
        while income < amount:  # counted here, not queried per receipt: the demo stays quick
            key, low, high = rng.choice(COUNTER)
            income += actions.issue_receipt(
                desk,
                institution,
                service=services[key],
                quantity=Decimal(rng.randint(low, high)),
                payer=rng.choice(PEOPLE),
                method=rng.choice([PaymentMethod.CASH] * 3 + [PaymentMethod.CARD]),
                issued_on=day - datetime.timedelta(days=rng.randint(0, day.day - 1)),
            ).amount
            made += 1
    for day, amount in simulated_entries(institution, year, "42.2"):
        hall = services[rng.choice(["hall", "lab"])]
        hours = min(3, int(amount // actions.unit_price(hall, day)))
        if hours:
            actions.issue_receipt(
                desk,
                institution,
                service=hall,
                quantity=Decimal(hours),
                payer=rng.choice(LIBRARIES[1:]),
                method=PaymentMethod.TRANSFER,
                issued_on=day,
            )
            made += 1
        rest = Decimal(amount) - _month_income(institution, day, "rent")
        if rest >= 10_000:  # the rest of the month's rent at a sum agreed with a tenant
            actions.issue_receipt(
                desk,
                institution,
                service=hall,
                quantity=Decimal(1),
                amount=rest // 1000 * 1000,  # a round sum
                payer='"Ilm ziyo" o\'quv markazi MChJ',
                method=PaymentMethod.TRANSFER,
                issued_on=day,
            )
            made += 1
    return made


def _demo_pdf(title: str) -> SimpleUploadedFile:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont(REGULAR, 14)
    canvas.drawString(72, 760, title)
    canvas.save()
    return SimpleUploadedFile("copy.pdf", buffer.getvalue(), content_type="application/pdf")


def _today(ict: User, institution: Institution, services: dict[str, PaidService], rng: random.Random) -> None:
    """Orders in progress: one new, one in work, one ready but unpaid, one ready with its link."""
    today = timezone.localdate()
    records: list[Record] = []
    orders = [
        _order(ict, institution, today, kind, 2, services["edelivery"], records, rng)
        for kind in (Customer.DOMESTIC, Customer.LIBRARY, Customer.FOREIGN, Customer.LIBRARY)
    ]
    for order in orders[1:]:
        actions.start_work(ict, order)
    for order in orders[2:]:
        actions.attach_copy(ict, order, _demo_pdf(f"Buyurtma {order.pk}: {order.wanted}"))
    if not orders[3].paid:
        actions.record_payment(ict, orders[3], method=PaymentMethod.TRANSFER)


def load(out: TextIO) -> None:
    today = timezone.localdate()
    for code in DISTRICTS:
        institution = Institution.tree.filter(code=code).first()
        if institution is None or PaidService.objects.filter(institution=institution).exists():
            continue
        rng = random.Random(f"services-{code}")
        director = User.objects.get(username=f"{code}.director")
        ict = User.objects.get(username=f"{code}.ict")
        desk = User.objects.get(username=f"{code}.lending")
        services = _price_list(institution, director)
        orders = receipts = 0
        for year in sorted({SEED_YEAR, today.year}):
            orders += _deliveries(ict, institution, year, services, rng)
            receipts += _counter(desk, institution, year, services, rng)
        _today(ict, institution, services, rng)
        out.write(
            f"Services of {code}: {len(services)} priced services, {orders} delivered orders, "
            f"{receipts} counter receipts, 4 orders in progress today.\n"
        )
