"""The read-only catalogue pages: who sees what, search across scripts, 404 for other libraries."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kutubxona.catalog import actions
from kutubxona.catalog.models import Record
from kutubxona.institutions.models import User
from tests.catalog.test_matching import book
from tests.conftest import World, login


@pytest.fixture
def shum_bola(world: World, dilnoza: User) -> Record:
    record = actions.create_record(
        dilnoza, world.arnasoy, book("Shum bola", author="G'ulom, G'afur", year=1936)
    )
    actions.create_copy(dilnoza, record, accession_number="A-1", barcode="200001")
    return record


def test_staff_see_the_list_and_find_across_scripts(client: Client, world: World, shum_bola: Record) -> None:
    login(client, world.bob)
    page = client.get(reverse("catalog:list"))
    assert page.status_code == 200 and "Shum bola" in page.content.decode()
    found = client.get(reverse("catalog:list"), {"q": "Шум бола"}).content.decode()
    assert "Shum bola" in found
    assert "Shum bola" not in client.get(reverse("catalog:list"), {"q": "Navoiy"}).content.decode()


def test_the_record_page_shows_marc_and_copies(client: Client, world: World, shum_bola: Record) -> None:
    login(client, world.alice)
    page = client.get(reverse("catalog:detail", args=[shum_bola.pk])).content.decode()
    assert "A-1" in page and "$aShum bola" in page and "G&#x27;ulom, G&#x27;afur" in page


def test_another_librarys_record_is_not_found(client: Client, world: World, shum_bola: Record) -> None:
    login(client, world.charlie)
    assert client.get(reverse("catalog:detail", args=[shum_bola.pk])).status_code == 404
    assert "Shum bola" not in client.get(reverse("catalog:list")).content.decode()


def test_the_region_sees_its_districts(client: Client, world: World, shum_bola: Record) -> None:
    login(client, world.maria)
    assert client.get(reverse("catalog:detail", args=[shum_bola.pk])).status_code == 200


def test_anonymous_visitors_log_in_first(client: Client, shum_bola: Record) -> None:
    response = client.get(reverse("catalog:detail", args=[shum_bola.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]
