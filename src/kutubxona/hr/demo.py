"""Demo staff of the district AKMs, the staff reports issued in 2021 and this year (plan line 2) and
the trainings attended and given (line 38), on the days the plan's simulation names."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import TextIO

from django.utils import timezone

from kutubxona.hr import actions
from kutubxona.hr.models import Direction, Education, ReportKind, StaffMember, StaffReport, TrainingForm
from kutubxona.institutions.models import Institution, Service
from kutubxona.planning.demo import SEED_YEAR, simulated_entries

E = Education
# full name, position, service, education, library work since, hired, left, rate
STAFF: list[tuple[str, str, str, str, str, str, str | None, str]] = [
    ("Karimova Dilnoza Rustamovna", "Direktor", "", E.HIGHER_IN_FIELD, "2003-09-01", "2012-03-01", None, "1"),
    (
        "Rahimov Sherzod Abdullayevich",
        "Bosh bibliograf",
        "AB",
        E.HIGHER_IN_FIELD,
        "2009-08-15",
        "2014-02-03",
        None,
        "1",
    ),
    (
        "Yusupova Malika Baxtiyorovna",
        "Bibliograf",
        "AB",
        E.SECONDARY_SPECIAL_IN_FIELD,
        "2016-09-01",
        "2016-09-01",
        None,
        "1",
    ),
    (
        "Toshmatov Jasur Olimovich",
        "AKT bo'yicha yetakchi mutaxassis",
        "AKT",
        E.HIGHER_OTHER,
        "2018-01-10",
        "2018-01-10",
        None,
        "1",
    ),
    (
        "Ergasheva Gulnora Hamidovna",
        "Raqamlashtirish operatori",
        "AKT",
        E.SECONDARY_SPECIAL_OTHER,
        "2020-06-01",
        "2020-06-01",
        None,
        "0.5",
    ),
    (
        "Qodirov Otabek Nematovich",
        "Abonement kutubxonachisi",
        "AF",
        E.HIGHER_IN_FIELD,
        "2011-09-01",
        "2011-09-01",
        None,
        "1",
    ),
    (
        "Saidova Nodira Ilhomovna",
        "O'quv zali kutubxonachisi",
        "AF",
        E.SECONDARY_SPECIAL_IN_FIELD,
        "1998-03-01",
        "2005-04-01",
        None,
        "1",
    ),
    (
        "Nazarov Bekzod Shavkatovich",
        "Kutubxonachi",
        "AF",
        E.SECONDARY,
        "2021-07-01",
        "2021-07-01",
        None,
        "0.5",
    ),
    (
        "Xolmatova Zuhra Akramovna",
        "Fondlarni to'ldirish bo'limi mudiri",
        "FT",
        E.HIGHER_IN_FIELD,
        "2001-10-01",
        "2008-01-15",
        None,
        "1",
    ),
    (
        "Abdullayeva Feruza To'lqinovna",
        "Kataloglashtiruvchi",
        "FT",
        E.HIGHER_OTHER,
        "2019-09-02",
        "2019-09-02",
        None,
        "1",
    ),
    (
        "Mirzayev Ulug'bek Sobirovich",
        "Kadrlar bo'yicha inspektor",
        "KADR",
        E.HIGHER_OTHER,
        "2015-05-04",
        "2015-05-04",
        None,
        "0.5",
    ),
    (
        "Ismoilova Shahnoza Davronovna",
        "Kutubxonachi",
        "AF",
        E.SECONDARY_SPECIAL_IN_FIELD,
        "2017-02-01",
        "2017-02-01",
        "2021-05-31",
        "1",
    ),
    (
        "Po'latov Azizbek Rustam o'g'li",
        "Bibliograf",
        "AB",
        E.HIGHER_IN_FIELD,
        "2022-09-01",
        "2022-09-01",
        None,
        "1",
    ),
]
# The other districts' staff in the same posts (Arnasoy's names are in STAFF).
NAMES = {
    "dostlik": [
        "Xudoyberdiyeva Mohira Alisherovna",
        "Eshmatov Bobur Karimovich",
        "Jo'rayeva Nilufar Odilovna",
        "Sattorov Diyor Anvarovich",
        "Umarova Sevara Bahromovna",
        "Haydarov Akmal Nurmatovich",
        "Mamatqulova Dilbar Ergashevna",
        "Rasulov Sardor Ilyosovich",
        "Boboyeva Muqaddas Xolmurodovna",
        "Tojiyeva Barno Sharofovna",
        "Ochilov Farrux Jamshidovich",
        "Nurmatova Kamola Rustamovna",
        "Shukurov Javohir Alisher o'g'li",
    ],
    "zomin": [
        "Abdurahmonova Zarina Toirovna",
        "Qosimov Ilhom Valijonovich",
        "Raxmatullayeva Shoira Ahmadovna",
        "Berdiyev Otabek Normurodovich",
        "Safarova Madina Ulug'bekovna",
        "Murodov Aziz Toshpo'latovich",
        "G'aniyeva Lola Tursunovna",
        "Xasanov Sanjar Baxodirovich",
        "Islomova Dildora Mirzayevna",
        "Karimova Yulduz Sobirovna",
        "Norqulov Shuhrat Abduvaliyevich",
        "Ergasheva Maftuna Komilovna",
        "Yo'ldoshev Islom Zafar o'g'li",
    ],
}
DISTRICTS = ["arnasoy", *NAMES]
OWN = ""  # the organiser of a training the library gives itself
TRAININGS: list[tuple[str, str, str]] = [
    (
        "Kataloglashtiruvchi maktabi: MARC 21 formatida yozuv yaratish",
        "Milliy kutubxona",
        TrainingForm.COURSE,
    ),
    ("Bibliograf maktabi: analitik yozuvlar va kartotekalar", "Milliy kutubxona", TrainingForm.SEMINAR),
    ("«INFOLIB UZBEKISTAN» milliy kutubxona haftaligi", "Milliy kutubxona", TrainingForm.SEMINAR),
    ("Raqamlashtirish va OCR: amaliy mashg'ulot", "Jizzax VAKM", TrainingForm.MASTER_CLASS),
    ("Axborot xavfsizligi asoslari", "Jizzax VAKM", TrainingForm.WEBINAR),
    ("UDK va BBK bo'yicha tasniflash", OWN, TrainingForm.SEMINAR),
    ("Yosh kitobxonlar bilan ishlashning zamonaviy usullari", OWN, TrainingForm.MASTER_CLASS),
    ("Elektron katalogdan foydalanish", OWN, TrainingForm.WEBINAR),
]


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _staff(institution: Institution) -> list[StaffMember]:
    services = {s.code: s for s in Service.objects.filter(institution=institution)}
    names = NAMES.get(institution.code, [row[0] for row in STAFF])
    members = []
    for name, (_name, position, service, education, since, hired, left, rate) in zip(
        names, STAFF, strict=True
    ):
        members.append(
            actions.create_staff_member(
                None,
                institution,
                full_name=name,
                position=position,
                service=services.get(service),
                education=education,
                library_work_since=_date(since),
                hired_on=_date(hired),
                left_on=_date(left),
                rate=Decimal(rate),
            )
        )
    return members


def _previous_month(day: datetime.date, back: int) -> tuple[int, int]:
    months = day.year * 12 + day.month - 1 - back
    return months // 12, months % 12 + 1


def _reports(institution: Institution, year: int) -> int:
    """The monthly report of the month before each simulated day, issued on that day."""
    issued = 0
    for day, amount in simulated_entries(institution, year, "2"):
        for back in range(1, amount + 1):
            report_year, month = _previous_month(day, back)
            if StaffReport.objects.filter(
                institution=institution, kind=ReportKind.MONTHLY, year=report_year, index=month
            ).exists():
                continue
            actions.issue_report(None, institution, ReportKind.MONTHLY, report_year, month, issued_on=day)
            issued += 1
    return issued


def _trainings(institution: Institution, members: list[StaffMember], year: int) -> int:
    rng = random.Random(f"{institution.code}-trainings-{year}")
    made = 0
    for day, amount in simulated_entries(institution, year, "38"):
        for _ in range(amount):
            topic, organiser, form = rng.choice(TRAININGS)
            given = organiser == OWN
            days = rng.choice([0, 0, 1, 4])
            present = [m for m in members if m.on_staff(day)]
            actions.create_training(
                None,
                institution,
                participants=rng.sample(present, min(len(present), rng.randint(2, 5))),
                topic=topic,
                organiser=organiser or institution.short_name,
                form=form,
                direction=Direction.GIVEN if given else Direction.ATTENDED,
                starts_on=day,
                ends_on=day + datetime.timedelta(days=days),
                hours=Decimal(rng.choice([2, 4, 8, 16, 36])),
                external_participants=rng.randint(3, 15) if given else 0,
            )
            made += 1
    return made


def load(out: TextIO) -> None:
    years = sorted({SEED_YEAR, timezone.localdate().year})
    for institution in Institution.tree.filter(code__in=DISTRICTS).order_by("pk"):
        if StaffMember.objects.filter(institution=institution).exists():
            continue
        members = _staff(institution)
        reports = sum(_reports(institution, year) for year in years)
        trainings = sum(_trainings(institution, members, year) for year in years)
        out.write(
            f"Staff of {institution.code}: {len(members)}; staff reports issued: {reports}; "
            f"trainings: {trainings}.\n"
        )
