"""The MARC field editor: a record as rows (tag, indicators, subfields as `$a…$b…`) and back.

A row is what the cataloguer sees and types; `parse` turns the posted rows into MARC-in-JSON
and says, per row, what is wrong (errors stop the save, warnings ask for a confirmation).
A `$` inside subfield text is written `$$`, so any text survives the round trip.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from kutubxona.catalog.marc import isbn
from kutubxona.catalog.marc.json import MarcJson

# MARC 21 bibliographic fields that may occur only once (the format's "NR" fields among those
# catalogues here actually carry). 250 (2013), 260, 264, 020, 041, 080, 084 are repeatable.
NON_REPEATABLE = frozenset(
    [
        "001",
        "003",
        "005",
        "008",
        "010",
        "018",
        "036",
        "038",
        "040",
        "042",
        "043",
        "044",
        "045",
        "066",
        "100",
        "110",
        "111",
        "130",
        "240",
        "243",
        "245",
        "254",
        "256",
        "263",
        "306",
        "357",
        "384",
        "507",
        "514",
        "841",
        "842",
        "844",
    ]
)
RECORD_STATUSES = "acdnp"  # leader/05
RECORD_TYPES = "acdefgijkmoprt"  # leader/06, bibliographic records
BIBLIOGRAPHIC_LEVELS = "abcdims"  # leader/07
_INDICATOR = re.compile(r"[0-9a-z ]")
_SUBFIELD_CODE = re.compile(r"[0-9a-z]")
BLANK_INDICATORS = {"", " ", "#", "_"}  # how cataloguers write a blank indicator


@dataclass
class Row:
    """One field as edited: `value` is a control field's data or the subfields as `$a…$b…`."""

    tag: str = ""
    ind1: str = ""
    ind2: str = ""
    value: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def is_blank(self) -> bool:
        return not (self.tag.strip() or self.value.strip() or self.ind1.strip() or self.ind2.strip())

    @property
    def is_control(self) -> bool:
        return self.tag < "010"


@dataclass
class Edited:
    """The outcome of reading the posted editor: the MARC, and the problems found."""

    leader: str
    rows: list[Row]
    marc: MarcJson | None = None
    read: MarcJson | None = None  # what the rows say, before the rules across fields are checked
    leader_errors: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # of the record as a whole

    @property
    def valid(self) -> bool:
        return not (self.leader_errors or self.errors or any(row.errors for row in self.rows))

    @property
    def warnings(self) -> bool:
        return any(row.warnings for row in self.rows)


def format_subfields(subfields: list[dict[str, str]]) -> str:
    return "".join(f"${code}{text.replace('$', '$$')}" for sub in subfields for code, text in sub.items())


def field_line(tag: str, value: str | dict[str, object]) -> str:
    """A field on one line, as the record page and the audit log show it."""
    if isinstance(value, str):
        return f"{tag} {value}"
    subfields = value["subfields"]
    assert isinstance(subfields, list)
    return f"{tag} {value['ind1']}{value['ind2']} {format_subfields(subfields)}"


def marc_lines(marc: MarcJson) -> list[str]:
    return [f"LDR {marc['leader']}"] + [
        field_line(tag, value) for entry in marc["fields"] for tag, value in entry.items()
    ]


def to_rows(marc: MarcJson) -> list[Row]:
    rows = []
    for entry in marc["fields"]:
        for tag, value in entry.items():
            if isinstance(value, str):
                rows.append(Row(tag, "", "", value))
            else:
                ind1, ind2 = (value[name].strip() for name in ("ind1", "ind2"))
                rows.append(Row(tag, ind1, ind2, format_subfields(value["subfields"])))
    return rows


def parse_subfields(text: str) -> list[tuple[str, str]] | str:
    """`$aTitle /$cAuthor` as [(code, text)], or the reason it cannot be read."""
    if not text.startswith("$") or text.startswith("$$"):
        return _("Subfields begin with $ and a code, e.g. $aTitle.")
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        if text[i] == "$" and text[i + 1 : i + 2] != "$":
            code = text[i + 1 : i + 2]
            if not _SUBFIELD_CODE.fullmatch(code):
                return _("“$%(code)s” is not a subfield code: use a–z or 0–9.") % {"code": code}
            pairs.append((code, ""))
            i += 2
            continue
        char = "$" if text[i] == "$" else text[i]  # "$$" is a dollar sign in the text
        i += 2 if text[i] == "$" else 1
        pairs[-1] = (pairs[-1][0], pairs[-1][1] + char)
    return pairs


def _indicator(value: str) -> str | None:
    """The indicator as stored (blank is a space), or None when it is not one."""
    if value in BLANK_INDICATORS:
        return " "
    return value if _INDICATOR.fullmatch(value) else None


def _check_row(row: Row) -> MarcJson | None:
    """The row as a MARC-in-JSON field entry; errors are put on the row."""
    if not re.fullmatch(r"[0-9]{3}", row.tag) or row.tag == "000":
        row.errors.append(_("A tag is three digits, 001 to 999."))
        return None
    if row.is_control:
        if row.ind1.strip() or row.ind2.strip():
            row.errors.append(_("A control field (001–009) has no indicators."))
        if row.value.startswith("$"):
            row.errors.append(_("A control field (001–009) has no subfields: type its data only."))
        if not row.value:
            row.errors.append(_("The field is empty."))
        return None if row.errors else {row.tag: row.value}
    indicators = [_indicator(row.ind1), _indicator(row.ind2)]
    if None in indicators:
        row.errors.append(_("An indicator is blank, a digit or a lowercase letter."))
    pairs = parse_subfields(row.value) if row.value else _("A data field needs at least one subfield.")
    if isinstance(pairs, str):
        row.errors.append(pairs)
    if row.errors:
        return None
    assert not isinstance(pairs, str)
    if row.tag == "020":
        for code, text in pairs:
            if code == "a" and isbn.normalize(text) is None:
                row.warnings.append(
                    _("%(isbn)s is not a valid ISBN (check digit); an invalid ISBN belongs in $z.")
                    % {"isbn": text}
                )
    return {
        row.tag: {
            "ind1": indicators[0],
            "ind2": indicators[1],
            "subfields": [{code: text} for code, text in pairs],
        }
    }


def _check_leader(leader: str) -> list[str]:
    if len(leader) != 24:
        return [_("The leader is 24 characters; this one has %(count)d.") % {"count": len(leader)}]
    errors = []
    if leader[5] not in RECORD_STATUSES:
        errors.append(_("Leader/05 (record status) must be one of: %(codes)s.") % {"codes": RECORD_STATUSES})
    if leader[6] not in RECORD_TYPES:
        errors.append(_("Leader/06 (type of record) must be one of: %(codes)s.") % {"codes": RECORD_TYPES})
    if leader[7] not in BIBLIOGRAPHIC_LEVELS:
        errors.append(
            _("Leader/07 (bibliographic level) must be one of: %(codes)s.") % {"codes": BIBLIOGRAPHIC_LEVELS}
        )
    return errors


def _check_record(rows: list[Row]) -> list[str]:
    """Rules across fields; repeated non-repeatable fields are marked on their rows too."""
    tags = Counter(row.tag for row in rows)
    errors = []
    if tags["245"] == 0:
        errors.append(_("A record needs a title field (245)."))
    main_entries = [tag for tag in tags if tag.startswith("1")]
    for row in rows:
        if row.tag in NON_REPEATABLE and tags[row.tag] > 1:
            row.errors.append(_("Field %(tag)s may occur only once.") % {"tag": row.tag})
        elif row.tag.startswith("1") and len(main_entries) > 1:
            row.errors.append(_("A record has at most one main entry (1XX)."))
    return errors


def parse(leader: str, rows: list[Row]) -> Edited:
    """The posted editor read and checked; `marc` is set when there are no errors."""
    rows = [row for row in rows if not row.is_blank]
    edited = Edited(leader=leader, rows=rows, leader_errors=_check_leader(leader))
    fields = [_check_row(row) for row in rows]
    edited.read = {"leader": leader, "fields": [entry for entry in fields if entry is not None]}
    edited.errors = _check_record(rows)
    if edited.valid:
        edited.marc = edited.read
    return edited


def sort_by_tag(marc: MarcJson) -> None:
    """Fields in tag order (stable: repeated fields keep their order)."""
    marc["fields"].sort(key=lambda entry: next(iter(entry)))


def stamp(marc: MarcJson) -> None:
    """005 (date and time of latest transaction) set to now, added in tag order if missing."""
    now = timezone.localtime().strftime("%Y%m%d%H%M%S.0")
    fields = marc["fields"]
    for entry in fields:
        if "005" in entry:
            entry["005"] = now
            return
    at = next((i for i, entry in enumerate(fields) if next(iter(entry)) > "005"), len(fields))
    fields.insert(at, {"005": now})


def without_005(marc: MarcJson) -> MarcJson:
    return {"leader": marc["leader"], "fields": [entry for entry in marc["fields"] if "005" not in entry]}
