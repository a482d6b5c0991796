"""Reading a plan from XLSX in the official layout (the seed's columns), validating every row.

All errors are collected and reported by row and column; if there is any, nothing is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kutubxona.core.text import fold, is_cyrillic, to_latin
from kutubxona.planning.vocabulary import ALL_SERVICES, DEADLINE_UZ, UNIT_UZ, Deadline, Unit

ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)\.?$")
LINE_NUMBER = re.compile(r"^\d+(\.\d+)*\.?$")
EMPTY_VALUES = {"", "-", "–", "—", "x"}

# Words that name each column, folded (Cyrillic folds to Latin: "план" is "plan").
COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "number": ("№", "no", "t/r", "#", "nomer", "raqam"),
    "name": ("nomi", "name", "naimenovanie", "nazvanie", "korsatkich"),
    "unit": ("olchov", "birlig", "unit", "yedinits", "yed. izm"),
    "last_year": ("fakt", "fact"),
    "target": ("reja", "target", "plan"),
    "mechanism": ("mexanizm", "mechanism", "mekhanizm", "amalga oshirish"),
    "deadline": ("muddat", "deadline", "srok"),
    "services": ("masul", "responsible", "otvetstv", "ijrochi"),
}
REQUIRED = ("number", "name", "unit", "target")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the column letter, "" for the whole row
    message: str

    def __str__(self) -> str:
        where = f"{self.column}{self.row}" if self.column else _("row %(row)s") % {"row": self.row}
        return f"{where}: {self.message}"


@dataclass
class ParsedPlan:
    sections: list[tuple[str, str]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _unit_lookup() -> dict[str, str]:
    lookup = {}
    for unit in Unit:
        lookup[fold(unit.value)] = unit.value
        lookup[fold(UNIT_UZ[unit])] = unit.value
        for language in ("uz", "ru", "en"):
            with override(language):
                lookup[fold(str(unit.label))] = unit.value
    return lookup


def deadline_from_text(text: str) -> str:
    """The deadline kind a plan's own wording most likely means (the wording is kept too)."""
    key = fold(text)
    exact: dict[str, str] = {fold(uz): code.value for code, uz in DEADLINE_UZ.items()}
    for language in ("uz", "ru", "en"):
        with override(language):
            exact.update({fold(str(label)): code for code, label in Deadline.choices})
    if key in exact:
        return exact[key]
    if "ikki marta" in key:
        return Deadline.TWICE_Q1_Q3
    if "sentyabr" in key:
        return Deadline.SEP_DEC
    if "har oy" in key or "yezhemesyach" in key:
        return Deadline.MONTHLY
    if "har chorak" in key or "yezhekvartal" in key:
        return Deadline.QUARTERLY
    if match := re.search(r"\b(i{1,3}|iv) chorak", key):
        return f"q{['i', 'ii', 'iii', 'iv'].index(match.group(1)) + 1}"
    return Deadline.DURING_YEAR


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def _number(value: object) -> Decimal | None:
    """A cell as a number; None when empty or a dash. Raises ValueError when it is not a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    original = _text(value)
    text = original.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if text.lower() in EMPTY_VALUES:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(original) from None


def _column_of(raw: str) -> str | None:
    """Which known column a header cell names, if any."""
    key = fold(raw).strip(" .:")
    if raw.startswith("№") or key in COLUMN_WORDS["number"]:
        return "number"
    for name in ("last_year", "target"):
        # "2020 yil (fakt)" and "2021 yil (reja)": the word decides.
        if any(w in key for w in COLUMN_WORDS[name]):
            return name
    for name in ("name", "unit", "mechanism", "deadline", "services"):
        if any(w in key for w in COLUMN_WORDS[name]):
            return name
    return None


def _columns_in(row: tuple[Any, ...]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for cell in row:
        name = _column_of(_text(cell.value))
        if name and name not in columns:
            columns[name] = cell.column
    return columns


def _find_header(sheet: Worksheet) -> tuple[int, dict[str, int]] | None:
    """The (last) header row and the column index of each known column.

    Official plans often have a two-row header ("Miqdori" over "2020 yil (fakt)" and
    "2021 yil (reja)"), so the row under the header is read for the columns still missing.
    """
    rows = list(sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 21)))
    for position, row in enumerate(rows):
        columns = _columns_in(row)
        if sum(1 for name in REQUIRED if name in columns) < 3:
            continue
        header_row = row[0].row
        if position + 1 < len(rows):
            below = {k: v for k, v in _columns_in(rows[position + 1]).items() if k not in columns}
            if below:
                columns.update(below)
                header_row += 1
        return header_row, columns
    return None


def read_plan(file: IO[bytes], service_codes: set[str]) -> ParsedPlan:
    result = ParsedPlan()
    try:
        workbook = load_workbook(file, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not XLSX
        result.errors.append(RowError(0, "", _("This is not an XLSX file (Excel 2007 or newer).")))
        return result
    sheet = workbook.worksheets[0]
    found = _find_header(sheet)
    if found is None:
        result.errors.append(RowError(1, "", _("No header row with the columns No., Name, Unit and target.")))
        return result
    header_row, columns = found
    for name in REQUIRED:
        if name not in columns:
            label = {"number": "№", "name": _("Name"), "unit": _("Unit"), "target": _("target")}[name]
            result.errors.append(
                RowError(header_row, "", _("The column %(column)s is missing.") % {"column": label})
            )
    if result.errors:
        return result

    letter = {name: get_column_letter(index) for name, index in columns.items()}
    for merged in sheet.merged_cells.ranges:
        if merged.max_row > header_row and merged.max_row > merged.min_row:
            result.errors.append(
                RowError(
                    merged.min_row,
                    get_column_letter(merged.min_col),
                    _("Cells %(range)s are merged across rows; unmerge them so each line has its own row.")
                    % {"range": merged.coord},
                )
            )
    units = _unit_lookup()
    known_services = {code.upper() for code in service_codes} | {ALL_SERVICES}
    seen: dict[str, int] = {}
    section = ""
    for row in sheet.iter_rows(min_row=header_row + 1):
        index = row[0].row
        cell = {name: row[col - 1].value if col - 1 < len(row) else None for name, col in columns.items()}
        number = (
            _text(cell["number"]).rstrip(".")
            if not isinstance(cell["number"], float)
            else str(cell["number"])
        )
        name = _text(cell["name"])
        if not number and not name:
            continue
        if ROMAN.match(number):
            section = number.rstrip(".")
            result.sections.append((section, name))
            continue
        if not LINE_NUMBER.match(number):
            result.errors.append(
                RowError(
                    index,
                    letter["number"],
                    _("“%(value)s” is not a line number like 10 or 10.2.") % {"value": number},
                )
            )
            continue
        if number in seen:
            result.errors.append(
                RowError(
                    index,
                    letter["number"],
                    _("Line %(number)s is already on row %(row)s.") % {"number": number, "row": seen[number]},
                )
            )
            continue
        seen[number] = index
        if not section:
            result.errors.append(
                RowError(index, letter["number"], _("The line comes before any section (I, II, ...)."))
            )
        if not name:
            result.errors.append(RowError(index, letter["name"], _("The line has no name.")))
        line: dict[str, Any] = {"number": number, "section": section, "row": index}
        line["parent_number"] = number.rsplit(".", 1)[0] if "." in number else ""
        if line["parent_number"] and line["parent_number"] not in seen:
            result.errors.append(
                RowError(
                    index,
                    letter["number"],
                    _("Line %(number)s comes before its parent line.") % {"number": number},
                )
            )
        line["name_uz"], line["name_uz_cyrl"] = (to_latin(name), name) if is_cyrillic(name) else (name, "")
        for field_name in ("last_year", "target"):
            if field_name not in columns:
                line[field_name] = None
                continue
            try:
                line[field_name] = _number(cell[field_name])
            except ValueError as error:
                result.errors.append(
                    RowError(index, letter[field_name], _("“%(value)s” is not a number.") % {"value": error})
                )
        unit_text = _text(cell["unit"])
        line["unit"] = units.get(fold(unit_text), "") if unit_text else ""
        if unit_text and not line["unit"]:
            result.errors.append(
                RowError(
                    index,
                    letter["unit"],
                    _("The unit “%(unit)s” is not in the catalogue.") % {"unit": unit_text},
                )
            )
        deadline_text = _text(cell.get("deadline"))
        line["deadline_text"] = deadline_text
        line["deadline"] = deadline_from_text(deadline_text) if deadline_text else Deadline.DURING_YEAR
        line["mechanism_uz"] = _text(cell.get("mechanism"))
        services = [s.upper() for s in re.split(r"[\s,;/]+", _text(cell.get("services"))) if s]
        unknown = [s for s in services if s not in known_services]
        if unknown:
            result.errors.append(
                RowError(
                    index,
                    letter["services"],
                    _("Unknown services: %(codes)s (known: %(known)s).")
                    % {"codes": ", ".join(unknown), "known": ", ".join(sorted(known_services))},
                )
            )
        line["services"] = services
        result.lines.append(line)
    if not result.lines and not result.errors:
        result.errors.append(RowError(header_row + 1, "", _("The table has no lines.")))
    result.errors.sort(key=lambda e: (e.row, e.column))
    return result
