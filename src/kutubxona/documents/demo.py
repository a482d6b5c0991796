"""Demo documents of the district AKMs for plan lines 1, 6, 24 and 37, on the simulated days."""

from __future__ import annotations

import datetime
import functools
from typing import TextIO

from django.core.files.base import ContentFile
from django.utils import timezone

from kutubxona.core import tabular
from kutubxona.documents import actions
from kutubxona.documents.models import Document, DocumentKind
from kutubxona.hr import demo as hr_demo
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
# Who writes each kind: rows of the district's demo staff (hr.demo.STAFF): the bibliographers,
# the head of acquisitions; the ICT specialist writes the security reports.
AUTHORS = {DocumentKind.GUIDE: [1, 2], DocumentKind.SERVICE_REPORT: [1], DocumentKind.RARE_LIST: [8]}
SECURITY_AUTHOR = 3
DISTRICTS = ["arnasoy", "dostlik", "zomin"]
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


@functools.cache
def _pdf_bytes(title: str, library: str, year: int) -> bytes:
    """One title page per title and year, reused: a PDF costs milliseconds, the demo has many."""
    return tabular.to_pdf(tabular.Document(title=title, subtitle=f"{library}, {year}", sections=[]))


def _pdf(title: str, day: datetime.date, institution: Institution) -> ContentFile[bytes]:
    content = _pdf_bytes(title, institution.name_uz, day.year)
    return ContentFile(content, name=f"{institution.code}-{day.isoformat()}.pdf")


def _authors(institution: Institution, rows: list[int]) -> str:
    """Surnames and initials of those staff members, e.g. "Rahimov Sh., Yusupova M"."""
    names = hr_demo.NAMES.get(institution.code, [row[0] for row in hr_demo.STAFF])
    initials = []
    for row in rows:
        surname, given = names[row].split()[:2]
        initial = given[:2] if given[:2] in {"Sh", "Ch", "G'", "O'"} else given[0]
        initials.append(f"{surname} {initial}.")
    return ", ".join(initials)


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
                    authors=_authors(institution, AUTHORS[kind]),
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
                authors=_authors(institution, [SECURITY_AUTHOR]),
            )
            made += 1
    return made


def load(out: TextIO) -> None:
    years = sorted({SEED_YEAR, timezone.localdate().year})
    for institution in Institution.tree.filter(code__in=DISTRICTS).order_by("pk"):
        if Document.objects.filter(institution=institution).exclude(kind=DocumentKind.DIRECTORY).exists():
            continue
        made = sum(_year(institution, year) for year in years)
        out.write(f"Documents of {institution.code} registered: {made}.\n")
