"""The catalogue's pages read as one tool: the tabs on every page, a record's full description,
the import report in words (not option codes), the records an import brought, the copy form's
way back, and the wording that was wrong in Uzbek and Russian (a copy is not "copying")."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from kutubxona.catalog import actions
from kutubxona.catalog.models import AnalyticPurpose, Copy, Record
from kutubxona.core.models import Job
from kutubxona.institutions.models import User
from tests.catalog.conftest import run_import
from tests.catalog.test_articles import _journal, article
from tests.catalog.test_matching import book
from tests.conftest import World, login


@pytest.fixture
def navoiy(world: World, dilnoza: User) -> Record:
    marc = book("Navoiy", author="Oybek", year=1945, isbn="9789943001234", subject="O'zbek adabiyoti")
    return actions.create_record(dilnoza, world.arnasoy, marc)


def _page(client: Client, name: str, *args: object, **params: str) -> str:
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def test_every_catalogue_page_has_the_same_tabs(
    client: Client, world: World, dilnoza: User, navoiy: Record
) -> None:
    login(client, dilnoza)
    copy = actions.create_copy(dilnoza, navoiy, accession_number="N-1")
    pages = [
        ("catalog:list", ()),
        ("catalog:detail", (navoiy.pk,)),
        ("catalog:copies", ()),
        ("catalog:copy_edit", (copy.pk,)),
        ("catalog:articles", ()),
        ("catalog:article_create", ()),
        ("catalog:browse", ("udc",)),
        ("catalog:imports", ()),
        ("catalog:import_upload", ()),
        ("catalog:create", ()),
        ("catalog:marc_edit", (navoiy.pk,)),
    ]
    for name, args in pages:
        html = _page(client, name, *args)
        assert 'class="catalog-nav' in html, name
        assert reverse("catalog:imports") in html, name  # a cataloguer's tabs include imports
    # A reader of the catalogue (the lending desk) has the tabs without imports, which it may not open.
    login(client, world.bob)
    html = _page(client, "catalog:list")
    assert reverse("catalog:copies") in html and reverse("catalog:imports") not in html


def test_the_record_page_describes_the_book(client: Client, world: World, navoiy: Record) -> None:
    login(client, world.alice)
    html = _page(client, "catalog:detail", navoiy.pk)
    for shown in ("Oybek", "9789943001234", "O&#x27;zbek adabiyoti"):
        assert shown in html


def test_an_article_page_names_its_host_and_has_no_copy_form(
    client: Client, world: World, dilnoza: User
) -> None:
    host = _journal(world.arnasoy, dilnoza)
    piece = article(
        dilnoza, world.arnasoy, AnalyticPurpose.LOCAL_HISTORY, datetime.date(2021, 3, 5), host=host
    )
    login(client, dilnoza)
    client.cookies["django_language"] = "uz"
    html = _page(client, "catalog:detail", piece.pk)
    # "Host" was translated as "Manba", the word for the record's source, shown on the same page.
    assert "Qaysi nashrda chiqqan" in html and reverse("catalog:detail", args=[host.pk]) in html
    assert html.count("Manba") == 1
    assert 'id="add-copy"' not in html  # an article is not shelved: no copies to add
    host_page = _page(client, "catalog:detail", host.pk)
    assert 'id="add-copy"' in host_page
    assert "Shu sondan maqola qo'shish" in host_page


def test_the_copy_page_says_copy_not_copying(client: Client, dilnoza: User, navoiy: Record) -> None:
    copy = actions.create_copy(dilnoza, navoiy, accession_number="N-7", price=Decimal("16000.00"))
    login(client, dilnoza)
    for language, wrong, right in (("uz", "Nusxa olish", "N-7-nusxa"), ("ru", "Копировать", "Экземпляр N-7")):
        client.cookies["django_language"] = language
        html = _page(client, "catalog:copy_edit", copy.pk)
        assert wrong not in html and right in html
    assert 'value="16000"' in html  # so'm, without ".00"


def test_saving_a_copy_goes_back_where_it_was_opened(client: Client, dilnoza: User, navoiy: Record) -> None:
    copy = actions.create_copy(dilnoza, navoiy, accession_number="N-2")
    login(client, dilnoza)
    record_page = reverse("catalog:detail", args=[navoiy.pk])
    edit = reverse("catalog:copy_edit", args=[copy.pk])
    data = {"accession_number": "N-2", "status": "available", "collection": "main"}
    response = client.post(f"{edit}?next={record_page}", data)
    assert response.status_code == 302 and response["Location"] == record_page
    # Another site is never a way back.
    response = client.post(f"{edit}?next=https://example.com/", data)
    assert response["Location"] == reverse("catalog:copies")
    assert Copy.objects.get(pk=copy.pk).status == "available"


def test_the_import_report_names_its_options_and_lists_its_records(
    client: Client, world: World, dilnoza: User, samples: Path
) -> None:
    run_import(
        dilnoza,
        world.arnasoy,
        samples / "rusmarc-1.xml",
        format="auto",
        flavour="auto",
        encoding="auto",
        match="skip",
    )
    job = Job.objects.get()
    login(client, dilnoza)
    client.cookies["django_language"] = "en"
    html = _page(client, "catalog:import_detail", job.pk)
    assert "auto, auto, auto, skip" not in html
    assert "Recognise it per record" in html and "Skip it (keep the record here)" in html
    assert "bytes" not in html and "KB" in html  # 145 KB, not 145234 bytes
    records = reverse("catalog:list") + f"?import={job.pk}"
    assert records in html
    response = client.get(reverse("catalog:list"), {"import": job.pk})
    imported = Record.objects.get(import_job=job)
    assert imported.title[:20] in response.content.decode()
    assert response.context["page"].paginator.count == 1
    # Another library's import is not found.
    login(client, world.charlie)
    assert client.get(reverse("catalog:list"), {"import": job.pk}).status_code == 404


def test_paging_keeps_a_search_with_an_ampersand(client: Client, world: World) -> None:
    login(client, world.alice)
    response = client.get(reverse("catalog:list"), {"q": "Tom & Jerry"})
    assert response.context["query"] == "q=Tom+%26+Jerry"


def test_empty_lists_say_what_to_do(client: Client, world: World, dilnoza: User) -> None:
    login(client, dilnoza)
    client.cookies["django_language"] = "en"
    assert "add a book or import a MARC file" in _page(client, "catalog:list")
    assert "open a record and add its copies" in _page(client, "catalog:copies")


def test_the_card_index_heading_names_the_month(client: Client, world: World, dilnoza: User) -> None:
    article(dilnoza, world.arnasoy, AnalyticPurpose.PROFESSIONAL, datetime.date(2021, 3, 5))
    login(client, dilnoza)
    client.cookies["django_language"] = "en"
    html = _page(client, "catalog:articles", year="2021", month="3")
    assert "Articles, March 2021" in html and "2021/03" not in html
