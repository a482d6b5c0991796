"""XLSX: the report holds the seed's targets; a plan goes out and comes back; bad files import nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from kutubxona.planning import actions
from kutubxona.planning.models import Plan, PlanLine
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from kutubxona.planning.xlsx import plan_xlsx, report_xlsx
from tests.conftest import World
from tests.planning.conftest import seed_targets

SEED_HEADER: list[object] = [
    "№",
    "Nomi",
    "O'lchov birligi",
    "2020 yil (fakt)",
    "2021 yil (reja)",
    "Amalga oshirish mexanizmi",
    "Bajarilish muddati",
    "Mas'ullar",
]


def _rows_by_number(content: bytes) -> dict[str, tuple[object, ...]]:
    """The line rows of a sheet, by line number (section rows I, II... and notes left out)."""
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    rows = sheet.iter_rows(min_row=5, values_only=True)
    return {str(row[0]): row for row in rows if row[0] and str(row[0])[0].isdigit()}


def test_annual_report_xlsx_holds_the_seed_targets(plan: Plan) -> None:
    rows = _rows_by_number(report_xlsx(build_report(plan, Period.parse(2021, "year"))))
    for number, expected in {
        "10": 2500,
        "10.2": 300,
        "15": 2000,
        "17": 15560,
        "32": 13300,
        "33": 9300,
        "35": 11000,
    }.items():
        assert rows[number][4] == expected, number
    for number, values in seed_targets().items():
        target = values["target"]
        assert rows[number][4] == (None if target is None else int(target)), number
    assert len(rows) == 55
    assert rows["17"][3] == 9918  # last year's fact


def _upload(rows: list[list[object]], merge: str | None = None) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Arnasoy tuman AKM 2021 yil ish rejasi"])
    sheet.append([])
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


GOOD: list[list[object]] = [
    SEED_HEADER,
    ["I", "ILMIY-METODIK FAOLIYAT"],
    [1, "Me'yoriy-uslubiy qo'llanmalar", "Hujjat", None, 4, "Xizmat rejasi asosida", "Yil davomida", "AB"],
    ["II", "ASOSIY ISHLAB CHIQARISH FAOLIYATI"],
    [10, "Axborot-kutubxona fondlarini to'ldirish", "Nusxa", 315, 2500, "", "Yil davomida", "FT"],
    ["10.1", "Majburiy nusxa asosida", "Nusxa", "-", 4, "", "", ""],
    [27, "Fondni xatlovdan o'tkazish", "Xatlov", None, "1", "", "III chorak", "FT"],
]


def test_import_reads_the_seed_layout(world: World) -> None:
    plan, errors = actions.import_plan(world.alice, world.arnasoy, 2022, _upload(GOOD))
    assert errors == [] and plan is not None
    lines = {line.number: line for line in PlanLine.objects.filter(plan=plan)}
    assert list(lines) == ["1", "10", "10.1", "27"]
    assert (lines["10"].target, lines["10"].last_year, lines["10"].unit) == (2500, 315, "copy")
    assert lines["10.1"].parent_number == "10" and lines["10.1"].last_year is None
    assert lines["27"].deadline == "q3" and lines["27"].services == ["FT"]
    # Known lines take the template's metric binding and translations.
    assert lines["10.1"].metric_key == "acquisitions.copies_received"
    assert lines["10.1"].metric_dimensions == {"source": "legal_deposit"}


def test_plan_export_imports_back_the_same(world: World, plan: Plan) -> None:
    exported = plan_xlsx(plan)
    copy, errors = actions.import_plan(world.charlie, world.dostlik, 2021, io.BytesIO(exported))
    assert errors == [] and copy is not None
    fields = [
        "number",
        "parent_number",
        "section",
        "name_uz",
        "unit",
        "deadline",
        "target",
        "last_year",
        "services",
    ]
    original = list(PlanLine.objects.filter(plan=plan).values_list(*fields))
    assert list(PlanLine.objects.filter(plan=copy).values_list(*fields)) == original


@pytest.mark.parametrize(
    "rows, merge, expected",
    [
        (
            [*GOOD[:4], [10, "Fond", "Nusxa", 315, "ikki ming", "", "", "FT"]],
            None,
            "E7: “ikki ming” is not a number.",
        ),
        (
            [*GOOD[:4], [10, "Fond", "Quti", 315, 5, "", "", "FT"]],
            None,
            "C7: The unit “Quti” is not in the catalogue.",
        ),
        ([*GOOD, [10, "Fond again", "Nusxa", 1, 2, "", "", ""]], None, "A10: Line 10 is already on row 7."),
        (
            [[h for h in SEED_HEADER if h != "O'lchov birligi"], *GOOD[1:]],
            None,
            "The column Unit is missing.",
        ),
        (GOOD, "E5:E7", "E5: Cells E5:E7 are merged across rows"),
        ([*GOOD[:4], [10, "Fond", "Nusxa", 1, 2, "", "", "XYZ"]], None, "H7: Unknown services: XYZ"),
        (
            [*GOOD[:2], ["1.1", "Sub-line first", "Dona", 1, 2, "", "", ""]],
            None,
            "Line 1.1 comes before its parent line.",
        ),
    ],
)
def test_bad_files_import_nothing(
    world: World, rows: list[list[object]], merge: str | None, expected: str
) -> None:
    plan, errors = actions.import_plan(world.alice, world.arnasoy, 2022, _upload(rows, merge))
    assert plan is None
    assert any(expected in str(e) for e in errors), [str(e) for e in errors]
    assert not Plan.objects.filter(institution=world.arnasoy, year=2022).exists()


def test_not_an_xlsx_file(world: World) -> None:
    plan, errors = actions.import_plan(world.alice, world.arnasoy, 2022, io.BytesIO(b"%PDF-1.4 not a table"))
    assert plan is None and "not an XLSX file" in str(errors[0])


def test_an_approved_plan_is_not_replaced_by_an_import(world: World, plan: Plan) -> None:
    actions.submit_plan(world.alice, plan)
    actions.approve_plan(world.maria, plan)
    with pytest.raises(Exception, match="amendment"):
        actions.import_plan(world.alice, world.arnasoy, 2021, _upload(GOOD))
    assert PlanLine.objects.filter(plan=plan).count() == 55
    assert PlanLine.objects.get(plan=plan, number="10").target == Decimal(2500)
