"""The cataloguing form: MARC 21 written from it, ISBN checks, duplicate warnings, editing, access."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pymarc import Field, Indicators, Subfield

from kutubxona.catalog import actions
from kutubxona.catalog.marc.json import from_json
from kutubxona.catalog.models import Record
from kutubxona.core.models import AuditEntry
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import User
from kutubxona.institutions.roles import Role
from tests.catalog.test_matching import book
from tests.conftest import PASSWORD, World, login

BOOK: dict[str, str] = {
    "title": "O'tkan kunlar",
    "remainder": "roman",
    "responsibility": "Abdulla Qodiriy",
    "first_author": "Qodiriy, Abdulla",
    "other_authors": "Karimov, Naim\nMirzayev, Ozod",
    "edition": "3-nashr",
    "place": "Toshkent",
    "publisher": "Sharq",
    "year": "2019",
    "extent": "416 b.",
    "series": "Jahon adabiyoti durdonalari",
    "isbns": "978-9943-26-892-0",
    "language": "uzb",
    "udc": "821.512.133-31",
    "bbk": "84(5O'zb)6",
    "subjects": "O'zbek adabiyoti\nTarixiy romanlar",
    "notes": "Lotin yozuvida",
    "summary": "XIX asr Turkistoni haqida roman.",
    "link": "https://n.ziyouz.com/kitob/otkan-kunlar",
}


def post(client: Client, data: dict[str, Any], record: Record | None = None) -> Any:
    client.cookies["django_language"] = "en"
    url = reverse("catalog:edit", args=[record.pk]) if record else reverse("catalog:create")
    return client.post(url, data)


def only(world: World) -> Record:
    return Record.objects.get(institution=world.arnasoy)


def subfields(record: Record, tag: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [
        (field.indicator1, field.indicator2, [(sub.code, sub.value) for sub in field.subfields])
        for field in from_json(record.marc).get_fields(tag)
    ]


def test_the_form_writes_marc_21(client: Client, world: World, dilnoza: User) -> None:
    login(client, dilnoza)
    response = post(client, BOOK)
    record = only(world)
    assert response.status_code == 302 and response["Location"] == reverse("catalog:detail", args=[record.pk])
    marc = from_json(record.marc)
    assert str(marc.leader)[5:8] == "nam" and str(marc.leader)[9] == "a"
    assert marc["001"].data == str(record.pk) and marc["003"].data == "arnasoy"
    assert len(marc["005"].data or "") == 16
    fixed = marc["008"].data or ""
    assert len(fixed) == 40 and fixed[6:11] == "s2019" and fixed[35:38] == "uzb"
    assert subfields(record, "020") == [(" ", " ", [("a", "9789943268920")])]
    assert subfields(record, "040") == [(" ", " ", [("a", "arnasoy"), ("b", "eng"), ("c", "arnasoy")])]
    assert subfields(record, "041") == [("0", " ", [("a", "uzb")])]
    assert subfields(record, "080") == [(" ", " ", [("a", "821.512.133-31")])]
    assert subfields(record, "084") == [(" ", " ", [("a", "84(5O'zb)6"), ("2", "bbk")])]
    assert subfields(record, "100") == [("1", " ", [("a", "Qodiriy, Abdulla")])]
    assert subfields(record, "245") == [
        ("1", "0", [("a", "O'tkan kunlar :"), ("b", "roman /"), ("c", "Abdulla Qodiriy")])
    ]
    assert subfields(record, "250") == [(" ", " ", [("a", "3-nashr")])]
    assert subfields(record, "264") == [(" ", "1", [("a", "Toshkent :"), ("b", "Sharq,"), ("c", "2019")])]
    assert subfields(record, "300") == [(" ", " ", [("a", "416 b.")])]
    assert subfields(record, "490") == [("0", " ", [("a", "Jahon adabiyoti durdonalari")])]
    assert subfields(record, "500") == [(" ", " ", [("a", "Lotin yozuvida")])]
    assert subfields(record, "520") == [(" ", " ", [("a", "XIX asr Turkistoni haqida roman.")])]
    assert [s for _i1, _i2, s in subfields(record, "650")] == [
        [("a", "O'zbek adabiyoti")],
        [("a", "Tarixiy romanlar")],
    ]
    assert [s for _i1, _i2, s in subfields(record, "700")] == [
        [("a", "Karimov, Naim")],
        [("a", "Mirzayev, Ozod")],
    ]
    assert subfields(record, "856") == [("4", " ", [("u", "https://n.ziyouz.com/kitob/otkan-kunlar")])]
    assert [field.tag for field in marc.fields] == sorted(field.tag for field in marc.fields)
    assert (record.title, record.author, record.year) == ("O'tkan kunlar : roman", "Qodiriy, Abdulla", 2019)
    assert (record.isbn, record.udc, record.bbk, record.language) == (
        "9789943268920",
        "821.512.133-31",
        "84(5O'zb)6",
        "uzb",
    )
    assert record.responsibility == "Abdulla Qodiriy" and record.source == "manual"


def test_a_title_alone_is_a_record_without_an_author(client: Client, world: World, dilnoza: User) -> None:
    login(client, dilnoza)
    post(client, {"title": "Alpomish"})
    record = only(world)
    assert subfields(record, "245") == [("0", "0", [("a", "Alpomish")])]
    assert from_json(record.marc).get_fields("100", "020", "264", "856") == []


def test_an_isbn_10_is_stored_as_isbn_13(client: Client, world: World, dilnoza: User) -> None:
    login(client, dilnoza)
    response = post(client, {**BOOK, "isbns": "5-17-012345-0\n978-9943-26-892-0"})
    record = only(world)
    shown = client.get(response["Location"]).content.decode()
    assert "ISBN 5-17-012345-0 is saved as ISBN-13 9785170123452." in shown
    assert "978-9943-26-892-0 is saved" not in shown
    assert [s for _i1, _i2, s in subfields(record, "020")] == [
        [("a", "9785170123452")],
        [("a", "9789943268920")],
    ]
    assert "9785170123452" in shown


def test_a_wrong_check_digit_is_an_error_and_keeps_what_was_typed(
    client: Client, world: World, dilnoza: User
) -> None:
    login(client, dilnoza)
    response = post(client, {**BOOK, "isbns": "978-9943-26-892-7"})
    page = response.content.decode()
    assert response.status_code == 200 and "978-9943-26-892-7 is not a valid ISBN" in page
    assert 'value="Jahon adabiyoti durdonalari"' in page and "XIX asr Turkistoni haqida roman." in page
    assert not Record.objects.filter(institution=world.arnasoy).exists()


@pytest.mark.parametrize(
    "second",
    [
        {"title": "Boshqa kitob", "isbns": "9789943268920"},
        {"title": "Ўткан кунлар", "first_author": "Қодирий, Абдулла", "year": "2019"},
    ],
    ids=["same ISBN", "same title, author and year in Cyrillic"],
)
def test_a_likely_duplicate_is_warned_of_and_can_be_saved_anyway(
    client: Client, world: World, dilnoza: User, second: dict[str, str]
) -> None:
    login(client, dilnoza)
    first = actions.create_record(
        dilnoza, world.arnasoy, book("O'tkan kunlar", isbn="978-9943-26-892-0", year=2019)
    )
    response = post(client, second)
    page = response.content.decode()
    assert response.status_code == 200 and "The catalogue may already have this book" in page
    assert reverse("catalog:detail", args=[first.pk]) in page and 'type="checkbox" name="save_anyway"' in page
    assert Record.objects.filter(institution=world.arnasoy).count() == 1
    response = post(client, {**second, "save_anyway": "on"})
    assert response.status_code == 302
    assert Record.objects.filter(institution=world.arnasoy).count() == 2


def test_no_warning_for_another_librarys_copy(client: Client, world: World, dilnoza: User) -> None:
    actions.create_record(None, world.dostlik, book("O'tkan kunlar", isbn="978-9943-26-892-0"))
    login(client, dilnoza)
    assert post(client, {"title": "O'tkan kunlar", "isbns": "9789943268920"}).status_code == 302


def test_editing_fills_the_form_and_keeps_the_fields_it_does_not_own(
    client: Client, world: World, dilnoza: User
) -> None:
    marc = book(
        "Shum bola", author="G'ulom, G'afur", year=1936, isbn="5-17-012345-0", subject="Hajviy qissalar"
    )
    marc["245"].add_subfield("c", "G'afur G'ulom")
    marc.add_ordered_field(
        Field(tag="952", indicators=Indicators(" ", " "), subfields=[Subfield("a", "local")])
    )
    record = actions.create_record(dilnoza, world.arnasoy, marc)
    login(client, dilnoza)
    client.cookies["django_language"] = "en"
    form = client.get(reverse("catalog:edit", args=[record.pk])).content.decode()
    assert 'value="Shum bola"' in form and "G&#x27;ulom, G&#x27;afur" in form and "Hajviy qissalar" in form
    assert 'value="1936"' in form
    response = post(
        client,
        {"title": "Shum bola", "first_author": "G'ulom, G'afur", "year": "1936", "udc": "821.512.133"},
        record,
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert subfields(record, "952") == [(" ", " ", [("a", "local")])]
    assert from_json(record.marc)["001"].data == str(record.pk)
    assert from_json(record.marc).get_fields("650", "020") == []
    assert record.udc == "821.512.133" and record.responsibility == "" and record.year == 1936
    entry = AuditEntry.objects.filter(action="catalog.record.update").get()
    assert entry.changes["udc"] == ["", "821.512.133"]


def test_creating_writes_an_audit_entry(client: Client, world: World, dilnoza: User) -> None:
    login(client, dilnoza)
    post(client, BOOK)
    entry = AuditEntry.objects.get(action="catalog.record.create")
    assert entry.actor == dilnoza and entry.object_id == str(only(world).pk)


def test_the_lending_desk_and_the_director_may_not_catalogue(
    client: Client, world: World, dilnoza: User
) -> None:
    """Cataloguing is the cataloguers' and bibliographers' work (roles.py); a director reads."""
    record = actions.create_record(dilnoza, world.arnasoy, book("Shum bola"))
    login(client, world.alice)
    assert client.get(reverse("catalog:edit", args=[record.pk])).status_code == 403
    assert (
        reverse("catalog:edit", args=[record.pk])
        not in client.get(reverse("catalog:detail", args=[record.pk])).content.decode()
    )
    login(client, world.bob)
    assert client.get(reverse("catalog:create")).status_code == 403
    assert post(client, BOOK).status_code == 403
    assert post(client, BOOK, record).status_code == 403
    assert "catalog/records/new" not in client.get(reverse("catalog:list")).content.decode()
    assert Record.objects.count() == 1


def test_another_librarys_record_is_not_found(client: Client, world: World, dilnoza: User) -> None:
    record = actions.create_record(dilnoza, world.arnasoy, book("Shum bola"))
    their_cataloguer = institution_actions.create_staff(
        None, world.dostlik, username="dostlik.cat", password=PASSWORD, role=Role.CATALOGUER
    )
    for user in (world.charlie, their_cataloguer):
        login(client, user)
        assert client.get(reverse("catalog:edit", args=[record.pk])).status_code == 404
        assert post(client, BOOK, record).status_code == 404
    record.refresh_from_db()
    assert record.title == "Shum bola"


def test_the_pages_link_to_the_form(client: Client, world: World, dilnoza: User) -> None:
    record = actions.create_record(dilnoza, world.arnasoy, book("Shum bola"))
    login(client, dilnoza)
    assert reverse("catalog:create") in client.get(reverse("catalog:list")).content.decode()
    assert (
        reverse("catalog:edit", args=[record.pk])
        in client.get(reverse("catalog:detail", args=[record.pk])).content.decode()
    )


def test_the_empty_form_offers_the_languages_of_uzbekistan_first(
    client: Client, world: World, dilnoza: User
) -> None:
    login(client, dilnoza)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("catalog:create")).content.decode()
    codes = [page.index(f'value="{code}"') for code in ("uzb", "rus", "eng", "kaa", "tgk", "kaz")]
    assert codes == sorted(codes) and 'type="hidden" name="save_anyway"' in page
    assert "an ISBN-10 is saved as ISBN-13" in page


def test_editing_an_imprint_in_260_writes_one_264(client: Client, world: World, dilnoza: User) -> None:
    marc = book("Navoiy", author="Oybek", year=1945)
    marc.remove_fields("264")
    marc.add_ordered_field(
        Field(
            tag="260",
            indicators=Indicators(" ", " "),
            subfields=[Subfield("a", "Toshkent :"), Subfield("c", "1945.")],
        )
    )
    record = actions.create_record(dilnoza, world.arnasoy, marc)
    login(client, dilnoza)
    client.cookies["django_language"] = "en"
    form = client.get(reverse("catalog:edit", args=[record.pk])).content.decode()
    assert 'value="Toshkent"' in form and 'value="1945."' in form
    assert (
        post(
            client, {"title": "Navoiy", "first_author": "Oybek", "place": "Toshkent", "year": "1945"}, record
        ).status_code
        == 302
    )
    record.refresh_from_db()
    assert subfields(record, "260") == [] and subfields(record, "264") == [
        (" ", "1", [("a", "Toshkent"), ("c", "1945")])
    ]
    assert record.year == 1945


def test_a_language_missing_from_the_list_is_kept(client: Client, world: World, dilnoza: User) -> None:
    marc = book("Kitob")
    marc.add_ordered_field(
        Field(tag="041", indicators=Indicators("0", " "), subfields=[Subfield("a", "tat")])
    )
    record = actions.create_record(dilnoza, world.arnasoy, marc)
    login(client, dilnoza)
    client.cookies["django_language"] = "en"
    assert (
        '<option value="tat" selected>'
        in client.get(reverse("catalog:edit", args=[record.pk])).content.decode()
    )
    assert post(client, {"title": "Kitob", "language": "tat"}, record).status_code == 302
    record.refresh_from_db()
    assert record.language == "tat"


def test_an_organisation_as_author_and_places(client: Client, world: World, dilnoza: User) -> None:
    login(client, dilnoza)
    data = {
        "title": "Arnasoy tumani axborot-kutubxona markazining 2021 yilgi hisoboti",
        "corporate_author": "Arnasoy tumani axborot-kutubxona markazi",
        "subjects": "Kutubxonachilik",
        "places": "Arnasoy tumani\nJizzax viloyati",
    }
    post(client, data)
    record = only(world)
    assert subfields(record, "110") == [("2", " ", [("a", "Arnasoy tumani axborot-kutubxona markazi")])]
    assert subfields(record, "245")[0][0] == "1"  # a main entry, so the title is an added entry
    assert [s for _i1, ind2, s in subfields(record, "651")] == [
        [("a", "Arnasoy tumani")],
        [("a", "Jizzax viloyati")],
    ]
    assert record.author == "Arnasoy tumani axborot-kutubxona markazi"
    shown = client.get(reverse("catalog:detail", args=[record.pk])).content.decode()
    assert "Arnasoy tumani; Jizzax viloyati" in shown
    edit = client.get(reverse("catalog:edit", args=[record.pk])).content.decode()
    assert "Jizzax viloyati" in edit and 'value="Arnasoy tumani axborot-kutubxona markazi"' in edit


def test_a_person_and_an_organisation_cannot_both_be_the_main_author(
    client: Client, world: World, dilnoza: User
) -> None:
    login(client, dilnoza)
    response = post(client, {**BOOK, "corporate_author": "Sharq nashriyoti"})
    assert response.status_code == 200 and not Record.objects.exists()
    page = response.content.decode()
    assert "A record has one main author" in page and 'value="Sharq nashriyoti"' in page
