"""Demo of the districts' bibliographic work: articles described for the card indexes (plan lines
4, 28, 29 and local history) in issues of Uzbek periodicals, and full-text files linked to
records (line 13), for the simulated year 2021 and this year up to today.

How many and on which days comes from `planning.demo.simulated_entries`; dates are backdated
to those days. A year is skipped when its articles are already there (idempotent).
"""

from __future__ import annotations

import datetime
import functools
import io
import itertools
from collections.abc import Iterator
from typing import TextIO

from django.db import transaction
from django.utils import timezone
from pymarc import Field, Indicators, Leader, Subfield
from pymarc import Record as MarcRecord
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen.canvas import Canvas

from kutubxona.catalog import actions, fulltext
from kutubxona.catalog.articles import host_from_record, save_article
from kutubxona.catalog.marc.from_form import Book, article_to_marc
from kutubxona.catalog.models import AccessLevel, AnalyticPurpose, Record
from kutubxona.core.pdf_fonts import REGULAR, register_fonts
from kutubxona.institutions.models import Institution
from kutubxona.planning.demo import SEED_YEAR, simulated_entries

# (title, place, publisher, newspaper?) of the periodicals whose issues host the articles.
PERIODICALS = {
    "kutubxona": ("Kutubxona.uz", "Toshkent", "O'zbekiston Milliy kutubxonasi", False),
    "infolib": ("INFOLIB", "Toshkent", "Axborot-kutubxona markazi", False),
    "xalq": ("Xalq so'zi", "Toshkent", "Xalq so'zi gazetasi tahririyati", True),
    "jizzax": ("Jizzax haqiqati", "Jizzax", "Jizzax viloyati hokimligi", True),
}
# Each district's own newspaper (title, place, publisher) and its name in the titles below.
NEWSPAPERS = {
    "arnasoy": ("Arnasoy tongi", "Arnasoy", "Arnasoy tumani hokimligi"),
    "dostlik": ("Do'stlik tongi", "Do'stlik", "Do'stlik tumani hokimligi"),
    "zomin": ("Zomin ovozi", "Zomin", "Zomin tumani hokimligi"),
}
NATURE = {"arnasoy": "ko'llari", "dostlik": "dalalari", "zomin": "tog'lari"}
# Plan line (None: no line of its own), purpose, periodicals, article titles.
WORK: list[tuple[str | None, str, list[str], list[str]]] = [
    (
        "4",
        AnalyticPurpose.PROFESSIONAL,
        ["kutubxona", "infolib"],
        [
            "Axborot-kutubxona markazlarida elektron katalog yuritish",
            "Kutubxona fondini raqamlashtirish tajribasi",
            "Kitobxonlik madaniyatini oshirish yo'llari",
            "Yosh kitobxonlar bilan ishlashning yangi shakllari",
            "Kutubxonachining kasbiy mahorati",
            "Bibliografik tavsifning yangi qoidalari",
            "Masofadan axborot-kutubxona xizmati",
            "Kutubxona va ijtimoiy tarmoqlar",
            "Tuman AKMlarida o'lkashunoslik ishi",
            "Noyob nashrlarni saqlash masalalari",
        ],
    ),
    (
        "28",
        AnalyticPurpose.PRESS_CHRONICLE,
        ["district"],
        [
            "Tuman kutubxonasida kitob bayrami",
            "{name}da yangi maktab ochildi",
            "Paxtakorlar mehnati e'tirofda",
            "Yoshlar kitob mutolaasi tanlovida",
            "Mahallada ma'naviyat kechasi",
            "{name} {nature}: tabiat va inson",
            "Tuman sportchilari g'alabasi",
            "Ustozlar xotirasiga bag'ishlandi",
            "Qishloq kutubxonasiga yangi kitoblar",
            "Obodonlashtirish ishlari davom etmoqda",
        ],
    ),
    (
        "29",
        AnalyticPurpose.NATIONAL_DOCUMENTS,
        ["xalq"],
        [
            "Yangi O'zbekiston taraqqiyot strategiyasi",
            "Konstitutsiya — taraqqiyot poydevori",
            "Kitobxonlikni qo'llab-quvvatlash to'g'risida",
            "O'zbek tili — davlat tili",
            "Yoshlarga oid davlat siyosati",
            "Milliy merosni asrash yo'lida",
        ],
    ),
    (
        None,
        AnalyticPurpose.LOCAL_HISTORY,
        ["jizzax", "district"],
        [
            "{name} tumanining tashkil topishi",
            "Jizzax vohasining qadimiy yodgorliklari",
            "Mirzacho'l o'zlashtirilishi tarixidan",
            "Tumanning faxriy fuqarolari",
        ],
    ),
]
AUTHORS = [
    "Rahimova, Dilnoza",
    "Karimov, Bahodir",
    "Xolmatova, Gulnora",
    "Tursunov, Sherzod",
    "Normatova, Malika",
    "Ergashev, Jasur",
    "Qurbonova, Nigora",
]
LOCAL_HISTORY_DAYS = [(2, 10), (5, 18), (9, 7), (11, 22)]
# Older holdings catalogued before the system (retro-converted), digitised when line 13 needs
# more records than the year's articles: created before the simulated years, so they do not
# count as this year's catalogued records (line 11).
RETRO = [
    ("O'zbek xalq ertaklari", "Toshkent", 1984),
    ("Jizzax viloyati tarixi", "Toshkent", 1997),
    ("Mirzacho'l qo'shiqlari", "Jizzax", 1979),
    ("O'zbekiston qishloq xo'jaligi", "Toshkent", 1988),
    ("{name}: tarix va bugun", "Jizzax", 2003),
    ("Xalq og'zaki ijodi namunalari", "Toshkent", 1991),
]
RETRO_CREATED = datetime.datetime(2020, 1, 15, 10, 0)


def _at(day: datetime.date, hour: int = 11) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _serial_008(day: datetime.date, newspaper: bool) -> str:
    """008 of a serial: weekly newspaper (w, n) or monthly journal (m, p), Uzbek, continuing."""
    frequency, kind = ("w", "n") if newspaper else ("m", "p")
    return f"{day:%y%m%d}c{day:%Y}9999uz {frequency}r {kind}" + " " * 12 + "0uzb d"


def _host(institution: Institution, code: str, day: datetime.date) -> Record:
    """The issue of a periodical: a newspaper's of that day, a journal's of that month."""
    if code == "district":
        code, (title, place, publisher), newspaper = institution.code, NEWSPAPERS[institution.code], True
    else:
        title, place, publisher, newspaper = PERIODICALS[code]
    issue = f"{day:%Y}, {day:%d.%m}" if newspaper else f"{day:%Y}, № {day.month}"
    number = f"demohost-{code}-{day:%Y%m%d}" if newspaper else f"demohost-{code}-{day:%Y%m}"
    found = Record.objects.filter(institution=institution, control_number=number).first()
    if found:
        return found
    marc = MarcRecord()
    marc.leader = Leader("00000nas a2200000 i 4500")
    marc.add_field(
        Field(tag="001", data=number),
        Field(tag="003", data=institution.code),
        Field(tag="008", data=_serial_008(day, newspaper)),
        Field(
            tag="245",
            indicators=Indicators("0", "0"),
            subfields=[Subfield("a", f"{title}."), Subfield("n", issue)],
        ),
        Field(
            tag="264",
            indicators=Indicators(" ", "1"),
            subfields=[
                Subfield("a", f"{place} :"),
                Subfield("b", f"{publisher},"),
                Subfield("c", f"{day:%Y}"),
            ],
        ),
    )
    host = actions.create_record(None, institution, marc)
    Record.objects.filter(pk=host.pk).update(created_at=_at(day, 9), updated_at=_at(day, 9))
    return host


def _days(institution: Institution, year: int, line: str | None) -> list[tuple[datetime.date, int]]:
    if line is not None:
        return simulated_entries(institution, year, line)
    today = timezone.localdate()
    return [(day, 1) for m, d in LOCAL_HISTORY_DAYS if (day := datetime.date(year, m, d)) <= today]


def _articles(institution: Institution, year: int) -> int:
    made = 0
    for line, purpose, codes, titles in WORK:
        names = itertools.cycle([_named(title, institution) for title in titles])
        for index, (day, amount) in enumerate(_days(institution, year, line)):
            host = _host(institution, codes[index % len(codes)], day)
            for _n in range(amount):
                author = AUTHORS[(made + index) % len(AUTHORS)]
                page = 3 + made % 40
                book = Book(title=next(names), first_author=author, year=str(year), language="uzb")
                related = f"B. {page}"  # the issue is in the host title
                marc = article_to_marc(
                    book,
                    host_from_record(host, related),
                    purpose=purpose,
                    described_on=day,
                    cataloguing_language="uzb",
                    agency=institution.code,
                )
                marc.add_ordered_field(Field(tag="001", data=f"demoart{year}-{purpose[:4]}-{made:04d}"))
                article = save_article(None, institution, marc, purpose=purpose, described_on=day, host=host)
                Record.objects.filter(pk=article.pk).update(created_at=_at(day), updated_at=_at(day))
                made += 1
    return made


def _named(title: str, institution: Institution) -> str:
    """A title with the district's name (and what its land is known for) filled in."""
    return title.format(name=NEWSPAPERS[institution.code][1], nature=NATURE[institution.code])


@functools.cache
def _pdf_bytes(library: str) -> bytes:
    """One sample file per library, reused for all its records (a PDF takes milliseconds)."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5)
    canvas.setTitle(f"{library}: to'liq matn")
    canvas.setFont(REGULAR, 12)
    canvas.drawString(40, A5[1] - 60, f"{library} — to'liq matn (namuna)")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _retro(institution: Institution) -> Iterator[Record]:
    """New records of older holdings, as many as asked for."""
    for number in itertools.count(1):
        title, place, year = RETRO[number % len(RETRO)]
        title = _named(title, institution)
        marc = MarcRecord()
        marc.leader = Leader("00000nam a2200000 i 4500")
        marc.add_field(
            Field(tag="001", data=f"demoretro{number:04d}"),
            Field(tag="003", data=institution.code),
            Field(tag="008", data=f"200115s{year}    uz            000 0 uzb d"),
            Field(
                tag="245",
                indicators=Indicators("0", "0"),
                subfields=[Subfield("a", f"{title}."), Subfield("n", f"{number}-kitob")],
            ),
            Field(
                tag="264",
                indicators=Indicators(" ", "1"),
                subfields=[Subfield("a", f"{place},"), Subfield("c", str(year))],
            ),
        )
        if Record.objects.filter(institution=institution, control_number=f"demoretro{number:04d}").exists():
            continue
        record = actions.create_record(None, institution, marc)
        Record.objects.filter(pk=record.pk).update(created_at=timezone.make_aware(RETRO_CREATED))
        yield record


def _fulltexts(institution: Institution, year: int, retro: Iterator[Record]) -> int:
    """Line 13: on each simulated day, files linked to that many records without one."""
    linked = 0
    levels = [AccessLevel.PUBLIC, AccessLevel.READERS, AccessLevel.STAFF]
    for day, amount in simulated_entries(institution, year, "13"):
        waiting = Record.objects.filter(institution=institution, fulltexts__isnull=True).exclude(
            control_number__startswith="demohost"
        )
        # This year's articles described by then first, then the older catalogue, then retro records.
        articles = waiting.filter(described_on__year=year, described_on__lte=day).order_by(
            "described_on", "pk"
        )
        others = waiting.filter(analytic_purpose="").exclude(control_number__startswith="demoretro")
        chosen = list(articles[:amount]) + list(
            others.order_by("pk")[: max(0, amount - len(articles[:amount]))]
        )
        while len(chosen) < amount:
            chosen.append(next(retro))
        for record in chosen:
            record.institution = institution  # spares a query per file
            fulltext.attach(
                None,
                record,
                io.BytesIO(_pdf_bytes(institution.short_name)),
                name=f"{record.control_number or record.pk}.pdf",
                access=levels[linked % len(levels)],
                linked_at=_at(day, 15),
            )
            linked += 1
    return linked


@transaction.atomic
def load(out: TextIO, institution: Institution) -> None:
    retro = _retro(institution)
    for year in sorted({SEED_YEAR, timezone.localdate().year}):
        if Record.objects.filter(
            institution=institution, control_number__startswith=f"demoart{year}-"
        ).exists():
            continue
        articles = _articles(institution, year)
        files = _fulltexts(institution, year, retro)
        out.write(
            f"Catalogue of {institution.code} {year}: {articles} articles described, "
            f"{files} records linked to a full text.\n"
        )
