"""UNIMARC and RUSMARC (what IRBIS exports) mapped to MARC 21 for the fields a library uses.

RUSMARC is UNIMARC with Russian additions; their bibliographic fields map alike. The mapping
follows the Library of Congress UNIMARC→MARC 21 crosswalk for the main fields; what is not
mapped is left out, except local 9XX fields, which are kept as they are. Leader and 008 are
built from the UNIMARC leader, 100 (general processing data) and 101 (language).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pymarc import Field, Indicators, Leader, Record, Subfield

from kutubxona.catalog.marc.json import MarcJson

# UNIMARC 200 may mark the words to skip in sorting ("The ") with NSB/NSE control characters.
NON_SORT = str.maketrans("", "", "\x88\x89\x98\x9c")
BLANK = " "

SubfieldMap = dict[str, str]
Subdivisions: SubfieldMap = {"x": "x", "y": "z", "z": "y", "j": "v", "2": "2", "3": "0"}


def _subfields(field: Field, mapping: SubfieldMap) -> list[Subfield]:
    return [
        Subfield(mapping[sub.code], sub.value.translate(NON_SORT))
        for sub in field.subfields
        if sub.code in mapping and sub.value
    ]


def _field(tag: str, ind1: str, ind2: str, subfields: list[Subfield]) -> Field | None:
    return Field(tag=tag, indicators=Indicators(ind1, ind2), subfields=subfields) if subfields else None


def _simple(
    tag: str, mapping: SubfieldMap, ind1: str = BLANK, ind2: str = BLANK
) -> Callable[[Field], Field | None]:
    return lambda field: _field(tag, ind1, ind2, _subfields(field, mapping))


def _keep_indicators(tag: str, mapping: SubfieldMap) -> Callable[[Field], Field | None]:
    return lambda field: _field(
        tag, field.indicator1 or BLANK, field.indicator2 or BLANK, _subfields(field, mapping)
    )


def _subject(tag: str, mapping: SubfieldMap, ind1: str = BLANK) -> Callable[[Field], Field | None]:
    def convert(field: Field) -> Field | None:
        subfields = _subfields(field, {**mapping, **Subdivisions})
        ind2 = "7" if any(sub.code == "2" for sub in subfields) else "4"
        return _field(tag, ind1, ind2, subfields)

    return convert


def _joined(field: Field, *codes: str) -> str:
    return ", ".join(field.get_subfields(*codes))


def _person(tag: str) -> Callable[[Field], Field | None]:
    """700/701/702 → 100/700: entry element and the rest of the name, dates, relator."""

    def convert(field: Field) -> Field | None:
        rest = field.get("b") or field.get("g")
        name = f"{field.get('a', '')}, {rest}" if rest else field.get("a", "")
        subfields = [Subfield("a", name.translate(NON_SORT))] if name else []
        if field.get("b") and field.get("g"):
            subfields.append(Subfield("q", field["g"]))
        subfields += _subfields(field, {"d": "b", "c": "c", "f": "d", "p": "u", "4": "4", "3": "0"})
        ind1 = "0" if field.indicator2 == "0" else "1"
        return _field(tag, ind1, BLANK, subfields)

    return convert


def _corporate(tag: str, meeting_tag: str) -> Callable[[Field], Field | None]:
    """710/711/712 → 110/710 (or 111/711 for a meeting, 71X ind1 '1')."""

    def convert(field: Field) -> Field | None:
        if field.indicator1 == "1":
            return _field(
                meeting_tag, "2", BLANK, _subfields(field, {"a": "a", "d": "n", "e": "c", "f": "d", "4": "4"})
            )
        return _field(tag, "2", BLANK, _subfields(field, {"a": "a", "b": "b", "c": "g", "4": "4", "3": "0"}))

    return convert


def _title(field: Field, has_main_entry: bool) -> Field | None:
    """200 → 245 with ISBD punctuation: a : b / c ; g, parts as n and p, the GMD as h."""
    raw = field.get("a", "")
    skip = raw.find("\x89") if raw.startswith("\x88") else -1
    nonfiling = str(skip - 1) if 0 < skip <= 10 else "0"
    out: list[Subfield] = []
    titles = [value.translate(NON_SORT) for value in field.get_subfields("a")]
    if titles:
        out.append(Subfield("a", " ; ".join(titles)))
    if value := _joined(field, "b"):
        out.append(Subfield("h", f"[{value.strip('[]')}]"))
    for code, target in (("h", "n"), ("i", "p")):
        out += [Subfield(target, value) for value in field.get_subfields(code)]
    rest = [f"= {value}" for value in field.get_subfields("d")] + field.get_subfields("e")
    if rest:
        out.append(Subfield("b", " : ".join(rest)))
    responsibility = field.get_subfields("f") + field.get_subfields("g")
    if responsibility:
        out.append(Subfield("c", " ; ".join(responsibility)))
    _punctuate(out)
    return _field("245", "1" if has_main_entry else "0", nonfiling, out)


def _punctuate(subfields: list[Subfield]) -> None:
    """MARC 21 keeps ISBD punctuation at the end of the subfield before: 'Title : sub / by.'"""
    before = {"b": " :", "c": " /", "n": ".", "p": ",", "h": ""}
    for i in range(len(subfields) - 1):
        mark = before.get(subfields[i + 1].code, "")
        value = subfields[i].value.rstrip()
        if mark and not value.endswith(mark.strip()):
            subfields[i] = Subfield(subfields[i].code, value + mark)
    if subfields and not subfields[-1].value.rstrip().endswith((".", "?", "!")):
        subfields[-1] = Subfield(subfields[-1].code, subfields[-1].value.rstrip() + ".")


def _link(tag: str, ind2: str = BLANK) -> Callable[[Field], Field | None]:
    """4XX linking entries → 76X-78X; both the plain and the embedded ($1) forms."""
    plain = {"t": "t", "x": "x", "y": "z", "a": "a", "d": "d", "e": "b", "v": "g", "0": "w", "3": "w"}
    embedded = {("200", "a"): "t", ("011", "a"): "x", ("010", "a"): "z", ("700", "a"): "a", ("210", "d"): "d"}

    def convert(field: Field) -> Field | None:
        out: list[Subfield] = []
        inner = ""
        for sub in field.subfields:
            if sub.code == "1":
                inner = sub.value[:3]
                if inner == "001" and sub.value[3:]:
                    out.append(Subfield("w", sub.value[3:]))
            elif inner and (inner, sub.code) in embedded:
                out.append(Subfield(embedded[(inner, sub.code)], sub.value))
            elif not inner and sub.code in plain:
                out.append(Subfield(plain[sub.code], sub.value))
        return _field(tag, "0", ind2, out)

    return convert


def _note(tag: str) -> Callable[[Field], Field | None]:
    return _simple(tag, {"a": "a"})


Converter = Callable[[Field], Field | None]


def _converters() -> dict[str, Converter]:
    table: dict[str, Converter] = {
        "010": _simple("020", {"a": "a", "b": "q", "d": "c", "z": "z"}),
        "011": _simple("022", {"a": "a", "y": "y", "z": "z"}),
        "020": lambda f: _field("015", BLANK, BLANK, _subfields(f, {"b": "a", "a": "2"})),
        "035": _simple("035", {"a": "a", "z": "z"}),
        "073": _simple("024", {"a": "a", "z": "z"}, "3"),
        "101": lambda f: _field(
            "041", "1" if f.indicator1 == "1" else "0", BLANK, _subfields(f, {"a": "a", "c": "h", "d": "b"})
        ),
        "205": _simple("250", {"a": "a", "b": "b", "f": "b"}),
        "207": _simple("362", {"a": "a"}, "0"),
        "210": _simple("264", {"a": "a", "c": "b", "d": "c"}, BLANK, "1"),
        "214": lambda f: _field(
            "264",
            BLANK,
            f.indicator2 if f.indicator2 in "0123" else "1",
            _subfields(f, {"a": "a", "c": "b", "d": "c"}),
        ),
        "215": _simple("300", {"a": "a", "c": "b", "d": "c", "e": "e"}),
        "225": _simple("490", {"a": "a", "v": "v", "x": "x"}, "0"),
        "230": _note("256"),
        "320": _note("504"),
        "326": _note("310"),
        "327": _simple("505", {"a": "a"}, "0"),
        "330": _note("520"),
        "333": _note("521"),
        "337": _note("538"),
        "410": lambda f: _field("490", "0", BLANK, _subfields(f, {"t": "a", "v": "v", "x": "x"})),
        "421": _link("770"),
        "422": _link("772"),
        "423": _link("777"),
        "451": _link("775"),
        "452": _link("776"),
        "453": _link("767"),
        "454": _link("765"),
        "461": _link("773"),
        "463": _link("773"),
        "488": _link("787"),
        "500": _simple("240", {"a": "a", "n": "n", "m": "l"}, "1", "0"),
        "510": _simple("246", {"a": "a", "e": "b"}, "3", "1"),
        "512": _simple("246", {"a": "a", "e": "b"}, "1", "4"),
        "513": _simple("246", {"a": "a", "e": "b"}, "1", "5"),
        "514": _simple("246", {"a": "a", "e": "b"}, "1", "6"),
        "515": _simple("246", {"a": "a"}, "1", "7"),
        "516": _simple("246", {"a": "a"}, "1", "8"),
        "517": _simple("246", {"a": "a", "e": "b"}, "3", BLANK),
        "520": _simple("247", {"a": "a", "e": "b"}, "1", "0"),
        "530": _simple("222", {"a": "a", "b": "b"}, BLANK, "0"),
        "531": _simple("210", {"a": "a"}, "0"),
        "540": _simple("246", {"a": "a"}, "3", BLANK),
        "600": lambda f: _person_subject(f),
        "601": _subject("610", {"a": "a", "b": "b"}, "2"),
        "602": _subject("600", {"a": "a", "f": "d"}, "3"),
        "605": _subject("630", {"a": "a"}, "0"),
        "606": _subject("650", {"a": "a"}),
        "607": _subject("651", {"a": "a"}),
        "608": _subject("655", {"a": "a"}),
        "610": _simple("653", {"a": "a"}),
        "675": _simple("080", {"a": "a", "v": "2"}),
        "676": _simple("082", {"a": "a", "v": "2"}, "0", "4"),
        "680": _simple("050", {"a": "a", "b": "b"}, BLANK, "4"),
        "686": _simple("084", {"a": "a", "b": "b", "2": "2"}),
        "700": _person("100"),
        "701": _person("700"),
        "702": _person("700"),
        "710": _corporate("110", "111"),
        "711": _corporate("710", "711"),
        "712": _corporate("710", "711"),
        "852": _keep_indicators("852", {code: code for code in "abchjkp"}),
        "856": _keep_indicators("856", {code: code for code in "abdfhlmnopqrstuvwxyz23"}),
    }
    for tag in (
        "300",
        "301",
        "302",
        "303",
        "304",
        "305",
        "306",
        "307",
        "308",
        "310",
        "311",
        "312",
        "313",
        "314",
        "315",
        "316",
        "317",
        "336",
    ):
        table[tag] = _note("500")
    # Continues / continued by and their kinds (UNIMARC 430-437, 440-448) → 780/785 ind2.
    for i, tag in enumerate(("430", "431", "432", "433", "434", "435", "436", "437")):
        table[tag] = _link("780", "01234576"[i])
    for i, tag in enumerate(("440", "441", "442", "443", "444", "445", "446", "447", "448")):
        table[tag] = _link("785", "012345678"[i])
    return table


def _person_subject(field: Field) -> Field | None:
    converted = _person("600")(field)
    if converted is None:
        return None
    extra = _subfields(field, Subdivisions)
    ind2 = "7" if any(sub.code == "2" for sub in extra) else "4"
    return _field("600", converted.indicator1, ind2, list(converted.subfields) + extra)


CONVERTERS = _converters()


def _general_data(record: Record) -> str:
    """UNIMARC 100 $a (36 positions), padded; blanks when absent."""
    field = record.get("100")
    return ((field.get("a", "") if field else "") + " " * 36)[:36]


# UNIMARC 100/8 (type of publication date) → MARC 21 008/06.
DATE_TYPES = {
    "a": "c",
    "b": "d",
    "c": "u",
    "d": "s",
    "e": "r",
    "f": "q",
    "g": "m",
    "h": "t",
    "i": "p",
    "j": "e",
    "k": "s",
    "u": "u",
}
# UNIMARC leader/06 (type of record) → MARC 21 leader/06, where they differ.
RECORD_TYPES = {"b": "t", "l": "m", "m": "o", "n": "a"}
ENCODING_LEVELS = {" ": " ", "1": "1", "2": "7", "3": "3"}


def _leader(record: Record) -> Leader:
    old = str(record.leader).ljust(24)
    record_type = RECORD_TYPES.get(old[6], old[6] if old[6].strip() else "a")
    level = old[7] if old[7] in "abcdims" else "m"
    descriptive = "i" if old[18] == "i" else " "
    status = old[5] if old[5] in "acdnp" else "n"
    encoding_level = ENCODING_LEVELS.get(old[17], " ")
    return Leader(f"00000{status}{record_type}{level} a2200000{encoding_level}{descriptive} 4500")


def _fixed_data(record: Record) -> str:
    """MARC 21 008 (40 positions) from UNIMARC 100 $a and 101 $a."""
    general = _general_data(record)
    entered = general[2:8] if general[:8].isdigit() else "||||||"
    date_type = DATE_TYPES.get(general[8], "|")
    date1 = general[9:13] if general[9:13].strip() else "    "
    date2 = general[13:17] if general[13:17].strip() else "    "
    language_field = record.get("101")
    language = ((language_field.get("a") if language_field else None) or "und")[:3].ljust(3)
    return f"{entered}{date_type}{date1}{date2}xx {'|' * 17}{language} d"


def is_unimarc(marc: MarcJson) -> bool:
    """UNIMARC has its title in 200 (and general processing data in 100); MARC 21 has 245."""
    tags = {tag for field in marc["fields"] for tag in field}
    return "245" not in tags and "200" in tags


def to_marc21(record: Record) -> Record:
    """A MARC 21 record with the content of a UNIMARC/RUSMARC record."""
    has_main_entry = record.get("700") is not None or record.get("710") is not None
    out = Record()
    out.leader = _leader(record)
    control = record.get("001")
    if control is not None and control.data:
        out.add_field(Field(tag="001", data=control.data))
    latest = record.get("005")
    if latest is not None and latest.data:
        out.add_field(Field(tag="005", data=latest.data))
    out.add_field(Field(tag="008", data=_fixed_data(record)))
    agencies = _cataloguing_source(record.get_fields("801"))
    if agencies is not None:
        out.add_field(agencies)
    for field in record.fields:
        convert = CONVERTERS.get(field.tag)
        if field.tag == "200":
            if (title := _title(field, has_main_entry)) is not None:
                out.add_field(title)
        elif convert is not None:
            if (converted := convert(field)) is not None:
                out.add_field(converted)
        elif field.tag.startswith("9") and not field.control_field:
            out.add_field(field)
    out.fields.sort(key=lambda f: f.tag)  # stable: the order within a tag is kept
    return out


def _cataloguing_source(fields: Iterable[Field]) -> Field | None:
    """801 (originating source, ind2 0 original, 1 transcribing, 2 modifying) → one 040."""
    by_role = {"0": "a", "1": "c", "2": "d"}
    subfields = [
        Subfield(by_role[f.indicator2], f.get("b", ""))
        for f in fields
        if f.indicator2 in by_role and f.get("b")
    ]
    subfields.sort(key=lambda sub: "acd".index(sub.code))
    return _field("040", BLANK, BLANK, subfields)
