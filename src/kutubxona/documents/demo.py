"""Demo documents of Arnasoy AKM for plan lines 1, 6, 24 and 37, on the simulated days."""

from __future__ import annotations

import datetime
from typing import TextIO

from django.core.files.base import ContentFile
from django.utils import timezone

from kutubxona.core import tabular
from kutubxona.documents import actions
from kutubxona.documents.models import Document, DocumentKind
from kutubxona.institutions.models import Institution
from kutubxona.planning.demo import SEED_YEAR, simulated_entries

TITLES = {
    DocumentKind.GUIDE: [
        "Maktab kutubxonalarida katalog yuritish bo'yicha metodik tavsiya",
        "Kitobxonlik madaniyatini oshirish: uslubiy qo'llanma",
        "Mahalla kutubxonalari fondini to'ldirish bo'yicha tavsiyalar",
        "Elektron resurslardan foydalanish: metodik qo'llanma",
        "O'lkashunoslik kartotekasini yuritish tartibi",
    ],
    DocumentKind.SERVICE_REPORT: ["AKM xizmatlari hisobotlarining tahlili"],
    DocumentKind.RARE_LIST: ["Noyob va alohida qiymatga ega nashrlar ro'yxati"],
}
AUTHORS = {
    DocumentKind.GUIDE: "Rahimov Sh., Yusupova M.",
    DocumentKind.SERVICE_REPORT: "Rahimov Sh.",
    DocumentKind.RARE_LIST: "Xolmatova Z.",
}
LINES = {"1": DocumentKind.GUIDE, "6": DocumentKind.SERVICE_REPORT, "24": DocumentKind.RARE_LIST}
SECURITY = {
    "antivirus": "Barcha 9 kompyuterda antivirus o'rnatilgan, bazalar har kuni yangilanadi.",
    "updates": "Operatsion tizim yangilanishlari oyda bir marta o'rnatildi.",
    "backups": (
        "Elektron katalog va ma'lumotlar bazasining zaxira nusxasi har hafta olinadi; "
        "tiklash sinovi o'tkazildi."
    ),
    "incidents": "Hodisalar qayd etilmadi.",
    "network": "Wi-Fi paroli almashtirildi; ishdan ketgan xodimning hisob yozuvi o'chirildi.",
    "measures": "Xodimlar uchun axborot xavfsizligi bo'yicha suhbat o'tkazildi.",
}


def _pdf(title: str, day: datetime.date, institution: Institution) -> ContentFile[bytes]:
    doc = tabular.Document(title=title, subtitle=f"{institution.name_uz}, {day.isoformat()}", sections=[])
    return ContentFile(tabular.to_pdf(doc), name=f"{institution.code}-{day.isoformat()}.pdf")


def _year(institution: Institution, year: int) -> int:
    made = 0
    for number, kind in LINES.items():
        titles = TITLES[kind]
        for day, amount in simulated_entries(institution, year, number):
            for _ in range(amount):
                title = titles[made % len(titles)]
                actions.register_document(
                    None,
                    institution,
                    kind=kind,
                    title=title,
                    date=day,
                    authors=AUTHORS[kind],
                    file=_pdf(title, day, institution),
                )
                made += 1
    # One security report per quarter by its nature (not a simulated amount): early in the
    # quarter after, or at the end of December for the fourth.
    today = timezone.localdate()
    for quarter in range(1, 5):
        day = datetime.date(year, 3 * quarter + 1, 6) if quarter < 4 else datetime.date(year, 12, 27)
        if day <= today and actions.security_report_of(institution, year, quarter) is None:
            actions.save_security_report(
                None,
                institution,
                year=year,
                quarter=quarter,
                date=day,
                content=SECURITY,
                authors="Toshmatov J.",
            )
            made += 1
    return made


def load(out: TextIO) -> None:
    institution = Institution.tree.filter(code="arnasoy").first()
    if (
        institution is None
        or Document.objects.filter(institution=institution).exclude(kind=DocumentKind.DIRECTORY).exists()
    ):
        return
    made = sum(_year(institution, year) for year in sorted({SEED_YEAR, timezone.localdate().year}))
    out.write(f"Documents registered: {made}.\n")
