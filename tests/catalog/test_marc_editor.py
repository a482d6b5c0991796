"""The MARC field editor: rows ⇄ MARC, every validation rule, saving through the update action,
005, the audit entry, access and tenancy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kutubxona.catalog import actions
from kutubxona.catalog.marc_editor import Row, format_subfields, parse, parse_subfields, to_rows
from kutubxona.catalog.models import Record
from kutubxona.core.models import AuditEntry
from kutubxona.institutions.models import User
from tests.catalog.conftest import run_import
from tests.catalog.test_matching import book
from tests.conftest import World, login

LEADER = "00000nam a2200000 i 4500"


@pytest.fixture
def record(world: World, dilnoza: User) -> Record:
    return actions.create_record(dilnoza, world.arnasoy, book("Shum bola", author="G'afur G'ulom", year=1936))


def form_data(marc: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The editor's form as the page shows it for `marc` (and the blank rows), posted back."""
    rows = to_rows(marc) + [Row()] * 2
    data: dict[str, Any] = {
        "leader": marc["leader"],
        "tag": [row.tag for row in rows],
        "ind1": [row.ind1 for row in rows],
        "ind2": [row.ind2 for row in rows],
        "value": [row.value for row in rows],
    }
    data.update(changes)
    return data


def post(client: Client, record: Record, data: dict[str, Any]) -> Any:
    client.cookies["django_language"] = "en"
    return client.post(reverse("catalog:marc_edit", args=[record.pk]), data)


def blank_signs_as_blanks(marc: dict[str, Any]) -> dict[str, Any]:
    """Some sources write a blank indicator as "#" (the sign catalogues print); the editor saves a blank."""
    fields = []
    for entry in marc["fields"]:
        ((tag, value),) = entry.items()
        if isinstance(value, dict):
            value = {**value, **{k: " " if value[k] == "#" else value[k] for k in ("ind1", "ind2")}}
        fields.append({tag: value})
    return {"leader": marc["leader"], "fields": fields}


def errors(leader: str, *rows: tuple[str, str, str, str]) -> list[str]:
    """Every message `parse` gives for these rows (a 245 is added unless one is given)."""
    given = [Row(*row) for row in rows]
    if not any(row.tag == "245" for row in given):
        given.append(Row("245", "1", "0", "$aTitle"))
    edited = parse(leader, given)
    return (
        edited.leader_errors + edited.errors + [m for row in edited.rows for m in row.errors + row.warnings]
    )


def test_subfields_are_written_and_read_with_dollar_signs_kept() -> None:
    subfields = [{"a": "Narxi $5 /"}, {"c": "Qodiriy"}]
    text = format_subfields(subfields)
    assert text == "$aNarxi $$5 /$cQodiriy"
    assert parse_subfields(text) == [("a", "Narxi $5 /"), ("c", "Qodiriy")]


def test_every_shared_record_survives_the_editor_unchanged(world: World, samples: Path) -> None:
    """Rows and back give the same MARC, for real records in three scripts and MARC-8 ones."""
    for name in ("marc21-utf8-cyrillic-armenian-52.mrc", "marc21-marc8-hebrew-20.mrc"):
        run_import(None, world.arnasoy, samples / name, match="add")
    records = list(Record.objects.filter(institution=world.arnasoy))
    assert len(records) == 72
    problems = []
    for record in records:
        edited = parse(record.marc["leader"], to_rows(record.marc))
        assert edited.read == blank_signs_as_blanks(record.marc)
        problems += [message for row in edited.rows for message in row.errors] + edited.errors
    # What real records break is the rules across fields (a repeated 008), never a row's form.
    assert set(problems) <= {"Field 008 may occur only once."}, set(problems)


def test_saving_unchanged_keeps_the_same_marc(client: Client, dilnoza: User, record: Record) -> None:
    before = Record.objects.get(pk=record.pk).marc
    login(client, dilnoza)
    page = client.get(reverse("catalog:marc_edit", args=[record.pk]))
    assert page.status_code == 200 and "$aShum bola" in page.content.decode()
    response = post(client, record, form_data(before))
    assert response.status_code == 302
    assert Record.objects.get(pk=record.pk).marc == before


def test_an_edit_is_saved_with_new_columns_005_and_an_audited_diff(
    client: Client, dilnoza: User, record: Record
) -> None:
    marc = Record.objects.get(pk=record.pk).marc
    data = form_data(marc)
    data["value"][data["tag"].index("245")] = "$aShum bola :$bqissa"
    data["tag"][-1], data["ind1"][-1], data["ind2"][-1], data["value"][-1] = "080", "", "", "$a821.512.133-31"
    login(client, dilnoza)
    assert post(client, record, data).status_code == 302
    saved = Record.objects.get(pk=record.pk)
    assert saved.title == "Shum bola : qissa"
    assert saved.udc == "821.512.133-31" and saved.classified_at is not None
    stamps = [entry["005"] for entry in saved.marc["fields"] if "005" in entry]
    assert len(stamps) == 1 and len(stamps[0]) == 16
    tags = [next(iter(entry)) for entry in saved.marc["fields"]]
    assert tags.index("005") < tags.index("100")
    entry = AuditEntry.objects.filter(action="catalog.record.update").latest("id")
    assert entry.actor == dilnoza
    assert "245 10 $aShum bola :$bqissa" in entry.changes["fields_added"]
    assert "245 10 $aShum bola" in entry.changes["fields_removed"]
    assert entry.changes["udc"] == ["", "821.512.133-31"]


def test_a_form_error_keeps_what_was_typed(client: Client, dilnoza: User, record: Record) -> None:
    marc = Record.objects.get(pk=record.pk).marc
    data = form_data(marc)
    data["tag"][-1], data["value"][-1] = "65", "$aTarixiy qissalar"
    login(client, dilnoza)
    response = post(client, record, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "A tag is three digits" in page and 'value="65"' in page and "Tarixiy qissalar" in page
    assert Record.objects.get(pk=record.pk).marc == marc


def test_sorting_puts_a_new_field_in_its_place(client: Client, dilnoza: User, record: Record) -> None:
    data = form_data(Record.objects.get(pk=record.pk).marc, sort="1")
    data["tag"][-1], data["value"][-1] = "020", "$a9789943268920"
    login(client, dilnoza)
    post(client, record, data)
    tags = [next(iter(entry)) for entry in Record.objects.get(pk=record.pk).marc["fields"]]
    assert tags == sorted(tags) and "020" in tags


@pytest.mark.parametrize(
    ("leader", "rows", "message"),
    [
        (LEADER, [("24", "1", "0", "$aX")], "A tag is three digits"),
        (LEADER, [("2a5", "", "", "$aX")], "A tag is three digits"),
        (LEADER, [("008", "1", "", "210101s2021")], "has no indicators"),
        (LEADER, [("008", "", "", "$a2101")], "has no subfields"),
        (LEADER, [("500", "", "", "")], "needs at least one subfield"),
        (LEADER, [("500", "", "", "Just text")], "Subfields begin with $"),
        (LEADER, [("500", "A", "", "$aX")], "An indicator is blank"),
        (LEADER, [("500", "", "!", "$aX")], "An indicator is blank"),
        (LEADER, [("500", "", "", "$Ax")], "is not a subfield code"),
        (LEADER, [("500", "", "", "$aX$")], "is not a subfield code"),
        (LEADER, [("650", "", "4", "$aX"), ("245", "1", "0", "$aA"), ("245", "1", "0", "$aB")], "only once"),
        (LEADER, [("100", "1", "", "$aA"), ("110", "2", "", "$aB")], "at most one main entry"),
        (LEADER, [("100", "1", "", "$aA"), ("100", "1", "", "$aB")], "Field 100 may occur only once"),
        (LEADER, [("001", "", "", "1"), ("001", "", "", "2")], "Field 001 may occur only once"),
        (LEADER, [("008", "", "", "a"), ("008", "", "", "b")], "Field 008 may occur only once"),
        ("00000nam a2200000", [], "The leader is 24 characters"),
        ("00000xam a2200000 i 4500", [], "Leader/05"),
        ("00000nqm a2200000 i 4500", [], "Leader/06"),
        ("00000naq a2200000 i 4500", [], "Leader/07"),
        (LEADER, [("020", "", "", "$a978-9943-26-892-1")], "not a valid ISBN"),
    ],
)
def test_each_rule_has_its_message(leader: str, rows: list[tuple[str, str, str, str]], message: str) -> None:
    found = errors(leader, *rows)
    assert any(message in text for text in found), found


def test_the_title_field_is_required() -> None:
    edited = parse(LEADER, [Row("100", "1", "", "$aQodiriy")])
    assert not edited.valid and any("title field (245)" in m for m in edited.errors)


def test_repeatable_fields_and_blank_indicators_pass() -> None:
    rows = [
        Row("020", "", "", "$a9789943268920"),
        Row("020", "", "", "$z978994326892X"),
        Row("245", "1", "0", "$aT"),
        Row("250", "", "", "$a2-nashr"),
        Row("250", "", "", "$a3-nashr"),
        Row("264", "#", "1", "$aToshkent"),
        Row("264", "_", "4", "$c©2020"),
        Row("650", "", "7", "$aX$2uzlsh"),
    ]
    edited = parse(LEADER, rows)
    assert edited.valid and not edited.warnings
    assert edited.marc is not None and edited.marc["fields"][5]["264"]["ind1"] == " "


def test_an_isbn_warning_asks_for_confirmation(client: Client, dilnoza: User, record: Record) -> None:
    data = form_data(Record.objects.get(pk=record.pk).marc)
    data["tag"][-1], data["value"][-1] = "020", "$a978-9943-26-892-1"
    login(client, dilnoza)
    response = post(client, record, data)
    assert response.status_code == 200 and "Save with these warnings" in response.content.decode()
    assert not Record.objects.get(pk=record.pk).isbns
    assert post(client, record, {**data, "confirm": "1"}).status_code == 302
    assert any("020" in entry for entry in Record.objects.get(pk=record.pk).marc["fields"])


def test_the_lending_desk_may_not_edit(client: Client, world: World, record: Record) -> None:
    login(client, world.bob)
    assert client.get(reverse("catalog:marc_edit", args=[record.pk])).status_code == 403
    assert post(client, record, form_data(record.marc)).status_code == 403


def test_another_district_gets_not_found(client: Client, world: World, record: Record) -> None:
    login(client, world.charlie)
    assert client.get(reverse("catalog:marc_edit", args=[record.pk])).status_code == 404


def test_the_record_page_links_to_the_editor(
    client: Client, dilnoza: User, world: World, record: Record
) -> None:
    login(client, dilnoza)
    assert (
        reverse("catalog:marc_edit", args=[record.pk])
        in client.get(reverse("catalog:detail", args=[record.pk])).content.decode()
    )
    login(client, world.bob)
    assert (
        reverse("catalog:marc_edit", args=[record.pk])
        not in client.get(reverse("catalog:detail", args=[record.pk])).content.decode()
    )
