"""Analytic records: articles linked to their host issue (773), tagged by purpose, counted for
plan lines 4, 28 and 29, listed in the card index and on the host's page."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pymarc import Field, Indicators, Leader, Subfield

from kutubxona.catalog import actions, metrics
from kutubxona.catalog.articles import description, host_from_record, save_article
from kutubxona.catalog.marc import json as marc_json
from kutubxona.catalog.marc.extract import ANALYTIC_PURPOSES
from kutubxona.catalog.marc.from_form import Book, Host, article_to_marc, host_of
from kutubxona.catalog.marc.writing import iso2709
from kutubxona.catalog.models import AnalyticPurpose, Record
from kutubxona.core.models import AuditEntry
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Role
from kutubxona.planning.actions import create_plan
from kutubxona.planning.builtin import ensure_template
from kutubxona.planning.periods import Period
from kutubxona.planning.registry import get
from kutubxona.planning.report import build_report
from tests.catalog.conftest import run_import
from tests.catalog.test_matching import book
from tests.conftest import PASSWORD, World, login

YEAR = 2021


@pytest.fixture(autouse=True)
def _english_pages(client: Client) -> None:
    """Pages are checked in English (a user's language is otherwise Uzbek)."""
    client.cookies["django_language"] = "en"


def _journal(institution: Institution, actor: User | None, title: str = "Kutubxona.uz") -> Record:
    marc = book(title, author="", year=YEAR)
    marc.leader = Leader("00000nas a2200000 i 4500")
    marc.remove_fields("100")
    return actions.create_record(actor, institution, marc)


def article(
    actor: User | None,
    institution: Institution,
    purpose: str,
    day: datetime.date,
    *,
    host: Record | None = None,
    title: str = "Kutubxona fondini raqamlashtirish",
) -> Record:
    typed = (
        host_from_record(host, "2021, № 3. – B. 12–15")
        if host
        else Host(title="Xalq so'zi", related_parts="2021, 5 mart")
    )
    marc = article_to_marc(
        Book(title=title, first_author="Karimov, Bahodir", year=str(day.year)),
        typed,
        purpose=purpose,
        described_on=day,
        cataloguing_language="uzb",
        agency=institution.code,
    )
    return save_article(actor, institution, marc, purpose=purpose, described_on=day, host=host)


def _field(record: Record, tag: str) -> dict[str, str]:
    for entry in record.marc["fields"]:
        if tag in entry:
            return {code: text for sub in entry[tag]["subfields"] for code, text in sub.items()}
    raise AssertionError(f"no {tag}")


def test_an_article_is_a_component_part_with_773_and_its_purpose(world: World, dilnoza: User) -> None:
    host = _journal(world.arnasoy, dilnoza)
    record = article(
        dilnoza, world.arnasoy, AnalyticPurpose.PROFESSIONAL, datetime.date(YEAR, 3, 5), host=host
    )
    assert record.marc["leader"][6:8] == "ab"  # language material, serial component part
    assert record.bibliographic_level == "b" and record.year == YEAR
    assert _field(record, "773") == {
        "7": "nnas",
        "t": "Kutubxona.uz",
        "d": str(YEAR),
        "g": "2021, № 3. – B. 12–15",
        "w": f"(arnasoy){host.control_number}",
    }
    assert _field(record, "969") == {"a": "professional", "d": "20210305"}
    assert not any("264" in entry for entry in record.marc["fields"])  # the imprint is the host's
    assert (record.analytic_purpose, record.described_on, record.host) == (
        "professional",
        datetime.date(YEAR, 3, 5),
        host,
    )
    assert host_of(record.marc) == Host(
        title="Kutubxona.uz",
        related_parts="2021, № 3. – B. 12–15",
        publication=str(YEAR),
        control_number=f"(arnasoy){host.control_number}",
    )
    assert description(record) == (
        "Karimov, Bahodir. Kutubxona fondini raqamlashtirish // Kutubxona.uz. – 2021. – 2021, № 3. – B. 12–15"
    )
    entry = AuditEntry.objects.get(action="catalog.article.describe")
    assert entry.changes["analytic_purpose"] == [None, "professional"]
    assert entry.changes["host_id"] == [None, host.pk]


def test_an_article_in_an_uncatalogued_newspaper(world: World, dilnoza: User) -> None:
    record = article(dilnoza, world.arnasoy, AnalyticPurpose.NATIONAL_DOCUMENTS, datetime.date(YEAR, 3, 5))
    assert record.host is None
    assert _field(record, "773") == {"7": "nnas", "t": "Xalq so'zi", "g": "2021, 5 mart"}
    assert (
        description(record)
        == "Karimov, Bahodir. Kutubxona fondini raqamlashtirish // Xalq so'zi. – 2021, 5 mart"
    )


def test_bad_article_input_is_refused(world: World, dilnoza: User) -> None:
    with pytest.raises(ValidationError) as error:
        article(dilnoza, world.arnasoy, "gossip", timezone.localdate() + datetime.timedelta(days=1))
    assert set(error.value.message_dict) == {"purpose", "described_on"}
    other = _journal(world.dostlik, None)
    with pytest.raises(ValidationError) as error:
        article(dilnoza, world.arnasoy, AnalyticPurpose.LOCAL_HISTORY, datetime.date(YEAR, 1, 2), host=other)
    assert "host" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        article(world.bob, world.arnasoy, AnalyticPurpose.LOCAL_HISTORY, datetime.date(YEAR, 1, 2))
    assert not Record.objects.exclude(analytic_purpose="").exists()


@pytest.mark.parametrize(
    ("line", "purpose"),
    [
        ("4", AnalyticPurpose.PROFESSIONAL),
        ("28", AnalyticPurpose.PRESS_CHRONICLE),
        ("29", AnalyticPurpose.NATIONAL_DOCUMENTS),
    ],
)
def test_articles_move_their_plan_line(world: World, dilnoza: User, line: str, purpose: str) -> None:
    plan = create_plan(None, world.arnasoy, YEAR, ensure_template())
    for month in (2, 7, 7):
        article(dilnoza, world.arnasoy, purpose, datetime.date(YEAR, month, 10))
    article(dilnoza, world.arnasoy, AnalyticPurpose.LOCAL_HISTORY, datetime.date(YEAR, 7, 10))  # no line
    article(dilnoza, world.arnasoy, purpose, datetime.date(YEAR + 1, 1, 10))  # another year
    article(None, world.dostlik, purpose, datetime.date(YEAR, 7, 10))  # another library
    assert build_report(plan, Period.parse(YEAR, "year")).line(line).cumulative == 3
    assert build_report(plan, Period.parse(YEAR, "m07")).line(line).actual == 2
    others = {"4", "28", "29"} - {line}
    assert all(build_report(plan, Period.parse(YEAR, "year")).line(n).cumulative == 0 for n in others)
    metric = get("catalog.analytics")
    assert metric is not None and metric.records is not None
    found = metric.records(
        [world.arnasoy.pk], datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31), {"purpose": purpose}, 10
    )
    assert [row.date.month for row in found] == [7, 7, 2]
    assert {row.url for row in found} == {
        reverse("catalog:detail", args=[pk])
        for pk in metrics.analytics_records(
            [world.arnasoy.pk], datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31), purpose
        ).values_list("pk", flat=True)
    }


def _post(host: Record | None = None, **changes: str) -> dict[str, str]:
    data = {
        "purpose": AnalyticPurpose.PRESS_CHRONICLE,
        "described_on": "2021-04-02",
        "host_kind": "newspaper",
        "host_title": "Arnasoy tongi",
        "host_publication": "Arnasoy, 2021",
        "host_related": "2021, 2 aprel. – B. 2",
        "title": "Tuman kutubxonasida kitob bayrami",
        "first_author": "Rahimova, Dilnoza",
        "year": "2021",
        "language": "uzb",
    }
    data.update(changes)
    return data


def test_add_an_article_from_the_host_page(client: Client, world: World, dilnoza: User) -> None:
    host = _journal(world.arnasoy, dilnoza, "Arnasoy tongi")
    login(client, dilnoza)
    page = client.get(reverse("catalog:detail", args=[host.pk])).content.decode()
    add = f"{reverse('catalog:article_create')}?host={host.pk}"
    assert add.replace("&", "&amp;") in page or add in page
    form = client.get(add)
    assert form.status_code == 200 and "Arnasoy tongi" in form.content.decode()
    response = client.post(add, _post(host_title="ignored: the host record's title wins"))
    created = Record.objects.get(analytic_purpose=AnalyticPurpose.PRESS_CHRONICLE)
    assert response.status_code == 302 and response["Location"] == reverse(
        "catalog:detail", args=[created.pk]
    )
    assert created.host == host and _field(created, "773")["t"] == "Arnasoy tongi"
    assert _field(created, "773")["g"] == "2021, 2 aprel. – B. 2"
    host_page = client.get(reverse("catalog:detail", args=[host.pk])).content.decode()
    assert "Articles in this issue" in host_page and reverse("catalog:detail", args=[created.pk]) in host_page


def test_add_an_article_with_a_typed_host_and_edit_it(client: Client, world: World, dilnoza: User) -> None:
    login(client, dilnoza)
    url = reverse("catalog:article_create")
    missing = client.post(url, _post(host_title=""))
    assert missing.status_code == 200 and "Name the journal or newspaper" in missing.content.decode()
    assert "Tuman kutubxonasida kitob bayrami" in missing.content.decode()  # what was typed stays
    assert not Record.objects.exists()
    client.post(url, _post())
    created = Record.objects.get()
    assert created.host is None and _field(created, "773")["d"] == "Arnasoy, 2021"
    assert created.marc["leader"][7] == "b"
    edit = reverse("catalog:article_edit", args=[created.pk])
    assert "Arnasoy tongi" in client.get(edit).content.decode()
    client.post(edit, _post(purpose=AnalyticPurpose.LOCAL_HISTORY, host_kind="book"))
    created.refresh_from_db()
    assert created.analytic_purpose == AnalyticPurpose.LOCAL_HISTORY and created.marc["leader"][7] == "a"
    assert sum(1 for entry in created.marc["fields"] if "773" in entry) == 1


def test_choose_the_host_by_search(client: Client, world: World, dilnoza: User) -> None:
    host = _journal(world.arnasoy, dilnoza, "INFOLIB")
    _journal(world.dostlik, None, "INFOLIB")  # another library's is not offered
    login(client, dilnoza)
    page = client.get(reverse("catalog:article_create"), {"host_q": "infolib"}).content.decode()
    assert page.count('href="?host=') == 1 and f'href="?host={host.pk}"' in page


def test_card_index_by_purpose_year_and_month(client: Client, world: World, dilnoza: User) -> None:
    article(
        dilnoza, world.arnasoy, AnalyticPurpose.PROFESSIONAL, datetime.date(YEAR, 3, 5), title="Mart maqolasi"
    )
    article(
        dilnoza,
        world.arnasoy,
        AnalyticPurpose.PROFESSIONAL,
        datetime.date(YEAR, 4, 5),
        title="Aprel maqolasi",
    )
    article(
        dilnoza, world.arnasoy, AnalyticPurpose.PRESS_CHRONICLE, datetime.date(YEAR, 3, 6), title="Solnoma"
    )
    article(
        None,
        world.dostlik,
        AnalyticPurpose.PROFESSIONAL,
        datetime.date(YEAR, 3, 5),
        title="Do'stlik maqolasi",
    )
    login(client, world.bob)  # every member of staff reads the card index
    url = reverse("catalog:articles")
    page = client.get(url, {"purpose": "professional", "year": str(YEAR), "month": "3"}).content.decode()
    assert "Mart maqolasi" in page
    assert all(other not in page for other in ("Aprel maqolasi", "Solnoma", "Do'stlik maqolasi"))
    every = client.get(url).content.decode()
    assert all(title in every for title in ("Mart maqolasi", "Aprel maqolasi", "Solnoma"))
    assert "Do'stlik maqolasi" not in every


def test_article_pages_tenancy_and_permissions(client: Client, world: World, dilnoza: User) -> None:
    host = _journal(world.arnasoy, dilnoza)
    record = article(
        dilnoza, world.arnasoy, AnalyticPurpose.PROFESSIONAL, datetime.date(YEAR, 3, 5), host=host
    )
    edit = reverse("catalog:article_edit", args=[record.pk])
    create = f"{reverse('catalog:article_create')}?host={host.pk}"
    login(client, world.bob)
    assert client.get(create).status_code == 403
    assert client.get(edit).status_code == 403
    login(client, world.charlie)
    assert client.get(edit).status_code == 404
    assert client.get(reverse("catalog:detail", args=[record.pk])).status_code == 404
    charlie_cataloguer = _staff(world.dostlik)
    login(client, charlie_cataloguer)
    assert client.get(create).status_code == 404
    assert client.post(edit, _post()).status_code == 404
    record.refresh_from_db()
    assert record.analytic_purpose == AnalyticPurpose.PROFESSIONAL


def _staff(institution: Institution) -> User:
    return institution_actions.create_staff(
        None,
        institution,
        username=f"cat-{institution.code}",
        password=PASSWORD,
        role=Role.CATALOGUER,
        first_name="K",
    )


def test_articles_are_not_counted_again_as_records_created(world: World, dilnoza: User) -> None:
    """Line 11 counts the host issue, not the articles described in it (lines 4/28/29 do)."""
    journal = _journal(world.arnasoy, dilnoza)
    article(dilnoza, world.arnasoy, AnalyticPurpose.PROFESSIONAL, timezone.localdate(), host=journal)
    article(dilnoza, world.arnasoy, AnalyticPurpose.LOCAL_HISTORY, timezone.localdate(), host=journal)
    today = timezone.localdate()
    assert list(metrics.records_created_records([world.arnasoy.pk], today, today)) == [journal]


def test_purpose_and_date_follow_the_969_field(world: World, dilnoza: User, tmp_path: Path) -> None:
    """The columns lines 4/28/29 count are read from 969 whenever the MARC is saved: a fix in the
    MARC editor moves the article to another card index, and an exported article imports with them."""
    written = article(dilnoza, world.arnasoy, AnalyticPurpose.PROFESSIONAL, datetime.date(YEAR, 3, 5))
    marc = marc_json.from_json(written.marc)
    marc.remove_fields("969")
    marc.add_ordered_field(
        Field(
            tag="969",
            indicators=Indicators(" ", " "),
            subfields=[Subfield("a", "local_history"), Subfield("d", f"{YEAR}0407")],
        )
    )
    actions.update_record(dilnoza, written, marc)
    written.refresh_from_db()
    assert (written.analytic_purpose, written.described_on) == ("local_history", datetime.date(YEAR, 4, 7))

    exported = tmp_path / "articles.mrc"
    exported.write_bytes(iso2709(marc_json.from_json(written.marc)))
    run_import(None, world.dostlik, exported)
    imported = Record.objects.get(institution=world.dostlik)
    assert (imported.analytic_purpose, imported.described_on) == ("local_history", datetime.date(YEAR, 4, 7))


def test_an_unknown_purpose_in_969_is_no_purpose(world: World) -> None:
    marc = book("Maqola", author="Karimov, Bahodir", year=YEAR)
    marc.add_ordered_field(
        Field(
            tag="969",
            indicators=Indicators(" ", " "),
            subfields=[Subfield("a", "gossip"), Subfield("d", "2021")],
        )
    )
    record = actions.create_record(None, world.arnasoy, marc)
    assert (record.analytic_purpose, record.described_on) == ("", None)


def test_the_purposes_969_may_carry_are_the_models() -> None:
    assert set(AnalyticPurpose.values) == ANALYTIC_PURPOSES
