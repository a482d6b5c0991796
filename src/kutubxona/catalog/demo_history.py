"""The demo catalogue's past: what each district's cataloguers did in the simulated 2021 and this year.

Plan lines 11 (records created), 12 (records classified) and 14 (records sent to the union
catalogue) count records, so the demo makes the records: a retro-conversion batch of the older
collection (autumn 2020, not yet classified), then, day by day as the plan's pace suggests
(`planning.demo.simulated_entries`), new records, classification of the batch and monthly
union-catalogue exports. Dates are moved back after each action, since the actions stamp "now".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.utils import timezone
from pymarc import Field, Indicators, Leader, Subfield
from pymarc import Record as MarcRecord

from kutubxona.catalog import actions
from kutubxona.catalog.marc import json as marc_json
from kutubxona.catalog.models import ExportedRecord, MarcExport, Record
from kutubxona.institutions.models import Institution
from kutubxona.planning.demo import SEED_YEAR, simulated_entries

RETRO_DAY = datetime.date(SEED_YEAR - 1, 10, 15)
RETRO_SIZE = 150

# subject, UDC, BBK: a district library's textbooks, one per school grade
SUBJECTS = [
    ("Matematika", "51", "22.1"),
    ("Ona tili", "811.512.133", "81.2O'zb"),
    ("Adabiyot", "821.512.133.0", "83.3(5O')"),
    ("O'zbekiston tarixi", "94(575.1)", "63.3(5O')"),
    ("Geografiya", "91", "26.8"),
    ("Biologiya", "57", "28.0"),
    ("Kimyo", "54", "24"),
    ("Fizika", "53", "22.3"),
    ("Ingliz tili", "811.111", "81.2Ingl"),
    ("Informatika va axborot texnologiyalari", "004", "32.81"),
]
AUTHORS = [
    "Abdullayev, Rustam",
    "Karimova, Dilnoza",
    "Yo'ldoshev, Bahodir",
    "Rahimova, Nodira",
    "To'rayev, Sherzod",
    "Ismoilova, Gulnora",
    "Xolmatov, Anvar",
    "Saidova, Mohira",
]
PUBLISHERS = ["O'qituvchi", "Sharq", "Yangiyo'l poligraf servis", "G'afur G'ulom nomidagi nashriyot"]


def _titles() -> Iterator[tuple[str, str, str, str, int]]:
    """Textbooks subject by subject, grade by grade, edition after edition."""
    number = 0
    while True:
        subject, udc, bbk = SUBJECTS[number % len(SUBJECTS)]
        grade = 5 + (number // len(SUBJECTS)) % 7
        edition = 1 + number // (len(SUBJECTS) * 7)
        yield f"{subject} : {grade}-sinf uchun darslik", AUTHORS[number % len(AUTHORS)], udc, bbk, edition
        number += 1


def _marc(
    control: str, code: str, book: tuple[str, str, str, str, int], year: int, classify: bool
) -> MarcRecord:
    title, author, udc, bbk, edition = book
    main, subtitle = title.split(" : ")
    record = MarcRecord()
    record.leader = Leader("00000nam a2200000 i 4500")
    record.add_field(
        Field(tag="001", data=control),
        Field(tag="003", data=code),
        Field(tag="008", data=f"{year % 100:02d}0101s{year}    uz            000 0 uzb d"),
        Field(
            tag="040", indicators=Indicators(" ", " "), subfields=[Subfield("a", code), Subfield("b", "uzb")]
        ),
        Field(tag="100", indicators=Indicators("1", " "), subfields=[Subfield("a", author + ",")]),
        Field(
            tag="245",
            indicators=Indicators("1", "0"),
            subfields=[Subfield("a", main + " :"), Subfield("b", subtitle + ".")],
        ),
    )
    if edition > 1:
        record.add_ordered_field(
            Field(tag="250", indicators=Indicators(" ", " "), subfields=[Subfield("a", f"{edition}-nashr.")])
        )
    record.add_ordered_field(
        Field(
            tag="264",
            indicators=Indicators(" ", "1"),
            subfields=[
                Subfield("a", "Toshkent :"),
                Subfield("b", PUBLISHERS[len(title) % len(PUBLISHERS)] + ","),
                Subfield("c", str(year)),
            ],
        )
    )
    if classify:
        _add_class(record, udc, bbk)
    return record


def _add_class(record: MarcRecord, udc: str, bbk: str) -> None:
    record.add_ordered_field(
        Field(tag="080", indicators=Indicators(" ", " "), subfields=[Subfield("a", udc)])
    )
    record.add_ordered_field(
        Field(
            tag="084", indicators=Indicators(" ", " "), subfields=[Subfield("a", bbk), Subfield("2", "rubbk")]
        )
    )


def _at(day: datetime.date, hour: int = 11) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _create(
    institution: Institution,
    control: str,
    book: tuple[str, str, str, str, int],
    day: datetime.date,
    classify: bool,
) -> Record:
    record = actions.create_record(
        None, institution, _marc(control, institution.code, book, day.year, classify)
    )
    moved = {"created_at": _at(day), "updated_at": _at(day)}
    if classify:
        moved["classified_at"] = _at(day)
    Record.objects.filter(pk=record.pk).update(**moved)
    return record


def _classify(record: Record, day: datetime.date) -> None:
    """Give a record of the retro batch its UDC and BBK on that day (line 12)."""
    udc, bbk = next((u, b) for s, u, b in SUBJECTS if record.title.startswith(s))
    marc = marc_json.from_json(record.marc)
    _add_class(marc, udc, bbk)
    actions.update_record(None, record, marc)
    Record.objects.filter(pk=record.pk).update(classified_at=_at(day, 15), updated_at=_at(day, 15))


def _export(institution: Institution, year: int, day: datetime.date, amount: int) -> None:
    """A union-catalogue export of records not yet sent this year (line 14)."""
    sent = ExportedRecord.objects.filter(
        export__institution=institution, export__created_at__year=year
    ).values_list("record_id", flat=True)
    ids = list(
        Record.objects.filter(institution=institution, created_at__lt=_at(day, 0))
        .exclude(pk__in=list(sent))
        .order_by("pk")
        .values_list("pk", flat=True)[:amount]
    )
    if ids:
        export = actions.log_export(
            None,
            institution,
            record_ids=ids,
            file_format="iso2709",
            file_name=f"{institution.code}-{day}.mrc",
        )
        MarcExport.objects.filter(pk=export.pk).update(created_at=_at(day, 17))


def load_year(institution: Institution, year: int, titles: Iterator[tuple[str, str, str, str, int]]) -> int:
    """One year of cataloguing work; returns the records created. Skipped when already there."""
    prefix = f"{institution.code}-{year}-"
    if Record.objects.filter(institution=institution, control_number__startswith=prefix).exists():
        return 0
    created = 0
    for day, amount in simulated_entries(institution, year, "11"):
        for _ in range(amount):
            created += 1
            _create(institution, f"{prefix}{created:04d}", next(titles), day, classify=True)
    for day, amount in simulated_entries(institution, year, "12"):
        waiting = Record.objects.filter(institution=institution, udc="", bbk="", created_at__lt=_at(day, 0))
        for record in waiting.order_by("pk")[:amount]:
            _classify(record, day)
    for day, amount in simulated_entries(institution, year, "14"):
        _export(institution, year, day, amount)
    return created


def load(institution: Institution) -> str:
    titles = _titles()
    retro = f"{institution.code}-retro-"
    if not Record.objects.filter(institution=institution, control_number__startswith=retro).exists():
        for number in range(1, RETRO_SIZE + 1):
            _create(institution, f"{retro}{number:04d}", next(titles), RETRO_DAY, classify=False)
    years = sorted({SEED_YEAR, timezone.localdate().year})
    counts = [f"{year}: {load_year(institution, year, titles)}" for year in years]
    return f"Catalogue history: retro-conversion batch of {RETRO_SIZE} (2020); records created " + ", ".join(
        counts
    )
