"""Demo catalogue of Arnasoy AKM: classics of Uzbek literature in Latin and Cyrillic editions,
with copies in the lending and reading-room sectors. Written as MARC 21 through the actions,
so the demo shows what the importer and the cataloguing editor would store."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TextIO

from pymarc import Field, Indicators, Leader, Subfield
from pymarc import Record as MarcRecord

from kutubxona.catalog import actions, demo_analytics, demo_history
from kutubxona.catalog.models import CopyStatus, Record
from kutubxona.institutions.models import Institution, Sector

# author (inverted), title, subtitle, place, publisher, year, pages, language
# (the place and publisher are written in the script of the edition).
BOOKS: list[tuple[str, str, str, str, str, int, int, str]] = [
    ("Qodiriy, Abdulla", "O'tkan kunlar", "roman", "Toshkent", "Sharq", 2019, 416, "uzb"),
    ("Қодирий, Абдулла", "Ўткан кунлар", "роман", "Тошкент", "Шарқ", 1994, 384, "uzb"),
    ("Qodiriy, Abdulla", "Mehrobdan chayon", "roman", "Toshkent", "Sharq", 2018, 288, "uzb"),
    (
        "Қодирий, Абдулла",
        "Меҳробдан чаён",
        "роман",
        "Тошкент",
        "Ғафур Ғулом номидаги нашриёт",
        1989,
        272,
        "uzb",
    ),
    ("Cho'lpon", "Kecha va kunduz", "roman", "Toshkent", "Sharq", 2017, 304, "uzb"),
    ("Чўлпон", "Кеча ва кундуз", "роман", "Тошкент", "Шарқ", 1994, 288, "uzb"),
    ("Navoiy, Alisher", "Xamsa", "", "Toshkent", "G'afur G'ulom nomidagi nashriyot", 2011, 832, "uzb"),
    ("Navoiy, Alisher", "Mahbub ul-qulub", "", "Toshkent", "O'zbekiston", 2016, 160, "uzb"),
    ("Навоий, Алишер", "Лисон ут-тайр", "", "Тошкент", "Ғафур Ғулом номидаги нашриёт", 1991, 320, "uzb"),
    ("Navoiy, Alisher", "Farhod va Shirin", "doston", "Toshkent", "O'qituvchi", 2015, 240, "uzb"),
    (
        "G'ulom, G'afur",
        "Shum bola",
        "qissa",
        "Toshkent",
        "G'afur G'ulom nomidagi nashriyot",
        2018,
        176,
        "uzb",
    ),
    ("Ғулом, Ғафур", "Шум бола", "қисса", "Тошкент", "Ёш гвардия", 1983, 160, "uzb"),
    ("Oybek", "Navoiy", "roman", "Toshkent", "Sharq", 2016, 464, "uzb"),
    ("Ойбек", "Қутлуғ қон", "роман", "Тошкент", "Ғафур Ғулом номидаги нашриёт", 1987, 416, "uzb"),
    ("Qahhor, Abdulla", "Sarob", "roman", "Toshkent", "Sharq", 2015, 320, "uzb"),
    ("Қаҳҳор, Абдулла", "Синчалак", "қисса", "Тошкент", "Ёш гвардия", 1985, 128, "uzb"),
    ("Hoshimov, O'tkir", "Dunyoning ishlari", "qissa", "Toshkent", "Sharq", 2019, 224, "uzb"),
    ("Hoshimov, O'tkir", "Ikki eshik orasi", "roman", "Toshkent", "Sharq", 2018, 512, "uzb"),
    ("Ҳошимов, Ўткир", "Икки эшик ораси", "роман", "Тошкент", "Шарқ", 1992, 480, "uzb"),
    ("Ahmad, Said", "Ufq", "trilogiya", "Toshkent", "G'afur G'ulom nomidagi nashriyot", 2017, 720, "uzb"),
    ("Ahmad, Said", "Jimjitlik", "roman", "Toshkent", "Sharq", 2016, 336, "uzb"),
    ("Qodirov, Pirimqul", "Yulduzli tunlar", "roman", "Toshkent", "Sharq", 2018, 448, "uzb"),
    ("Қодиров, Пиримқул", "Юлдузли тунлар", "роман", "Тошкент", "Ёзувчи", 1995, 432, "uzb"),
    ("Bobur, Zahiriddin Muhammad", "Boburnoma", "", "Toshkent", "Sharq", 2017, 368, "uzb"),
    ("Бобур, Заҳириддин Муҳаммад", "Бобурнома", "", "Тошкент", "Юлдузча", 1989, 368, "uzb"),
    (
        "Olimjon, Hamid",
        "Zaynab va Omon",
        "doston",
        "Toshkent",
        "G'afur G'ulom nomidagi nashriyot",
        2014,
        96,
        "uzb",
    ),
    (
        "To'xtaboyev, Xudoyberdi",
        "Sariq devni minib",
        "roman",
        "Toshkent",
        "Yangi asr avlodi",
        2019,
        336,
        "uzb",
    ),
    ("Тўхтабоев, Худойберди", "Сариқ девни миниб", "роман", "Тошкент", "Ёш гвардия", 1988, 320, "uzb"),
    ("Muxtor, Asqad", "Chinor", "roman", "Toshkent", "Sharq", 2015, 384, "uzb"),
    ("Xolmirzayev, Shukur", "Olabo'ji", "roman", "Toshkent", "Sharq", 2016, 352, "uzb"),
    (
        "Vohidov, Erkin",
        "Ruhlar isyoni",
        "doston",
        "Toshkent",
        "G'afur G'ulom nomidagi nashriyot",
        2016,
        128,
        "uzb",
    ),
    (
        "Oripov, Abdulla",
        "Haj daftari",
        "she'rlar",
        "Toshkent",
        "G'afur G'ulom nomidagi nashriyot",
        2017,
        112,
        "uzb",
    ),
    ("Malik, Tohir", "Shaytanat", "roman", "Toshkent", "Sharq", 2019, 608, "uzb"),
    ("Sulton, Isajon", "Boqiy darbadar", "roman", "Toshkent", "Akademnashr", 2018, 272, "uzb"),
    ("Кадыри, Абдулла", "Минувшие дни", "роман", "Ташкент", "Шарк", 2010, 432, "rus"),
    ("Айбек", "Навои", "роман", "Ташкент", "Шарк", 2008, 448, "rus"),
]
UDC, BBK = "821.512.133", "84(5Ў)"
COPIES_PER_BOOK = 3
DISTRICTS = ["arnasoy", "dostlik", "zomin"]
SHOWCASE_CATALOGUED = datetime.datetime(2019, 6, 3, 10, tzinfo=datetime.UTC)


def _marc(number: int, book: tuple[str, str, str, str, str, int, int, str], code: str) -> MarcRecord:
    author, title, subtitle, place, publisher, year, pages, language = book
    record = MarcRecord()
    record.leader = Leader("00000nam a2200000 i 4500")
    record.add_field(
        Field(tag="001", data=f"demo{number:04d}"),
        Field(tag="003", data=code),
        Field(tag="008", data=f"260101s{year}    uz            000 1 {language} d"),
        Field(
            tag="040", indicators=Indicators(" ", " "), subfields=[Subfield("a", code), Subfield("b", "uzb")]
        ),
        Field(tag="041", indicators=Indicators("0", " "), subfields=[Subfield("a", language)]),
        Field(tag="080", indicators=Indicators(" ", " "), subfields=[Subfield("a", UDC)]),
        Field(
            tag="084", indicators=Indicators(" ", " "), subfields=[Subfield("a", BBK), Subfield("2", "rubbk")]
        ),
        Field(tag="100", indicators=Indicators("1", " "), subfields=[Subfield("a", author + ",")]),
    )
    title_subfields = [Subfield("a", title + (" :" if subtitle else " /"))]
    if subtitle:
        title_subfields.append(Subfield("b", subtitle + " /"))
    name = " ".join(reversed([part.strip() for part in author.split(",")]))
    title_subfields.append(Subfield("c", name + "."))
    record.add_field(
        Field(tag="245", indicators=Indicators("1", "0"), subfields=title_subfields),
        Field(
            tag="264",
            indicators=Indicators(" ", "1"),
            subfields=[Subfield("a", place + " :"), Subfield("b", publisher + ","), Subfield("c", str(year))],
        ),
        Field(tag="300", indicators=Indicators(" ", " "), subfields=[Subfield("a", f"{pages} p.")]),
    )
    return record


def load(out: TextIO) -> None:
    arnasoy = Institution.tree.get(code="arnasoy")
    sectors = list(Sector.objects.filter(institution=arnasoy, code__in=["lending", "reading-rooms"]))
    created = 0
    for number, book in enumerate(BOOKS, start=1):
        control_number = f"demo{number:04d}"
        if Record.objects.filter(institution=arnasoy, control_number=control_number).exists():
            continue
        record = actions.create_record(None, arnasoy, _marc(number, book, arnasoy.code))
        for copy_number in range(COPIES_PER_BOOK):
            accession = f"{number:04d}-{copy_number + 1}"
            actions.create_copy(
                None,
                record,
                accession_number=accession,
                barcode=f"2000{number:04d}{copy_number + 1:02d}",
                sector=sectors[copy_number % len(sectors)] if sectors else None,
                shelf_location=book[0][0].upper(),
                status=CopyStatus.ON_LOAN if copy_number == 2 and number % 4 == 0 else CopyStatus.AVAILABLE,
                price=Decimal(15000 + 1000 * (number % 7)),
            )
        created += 1
    # The showcase books were catalogued before the system's first plan year.
    Record.objects.filter(
        institution=arnasoy, control_number__startswith="demo", created_at__year__gt=2019
    ).update(
        created_at=SHOWCASE_CATALOGUED, updated_at=SHOWCASE_CATALOGUED, classified_at=SHOWCASE_CATALOGUED
    )
    out.write(
        f"Catalogue: {len(BOOKS)} demo records of Arnasoy AKM ({created} added now), "
        f"{COPIES_PER_BOOK} copies each.\n"
    )
    # The other districts get only the catalogue's past (their plans count it), no showcase books.
    for institution in Institution.tree.filter(code__in=DISTRICTS).order_by("pk"):
        out.write(f"{institution.code}: " + demo_history.load(institution) + ".\n")
        demo_analytics.load(out, institution)
