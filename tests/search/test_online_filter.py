"""The "with full text online" filter and facet: a file the public may open (any file for staff)."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

from kutubxona.catalog import fulltext
from kutubxona.catalog.models import AccessLevel, Record
from tests.catalog.test_fulltext import pdf_bytes
from tests.conftest import World, login
from tests.search.conftest import MakeRecord, find

pytestmark = pytest.mark.django_db


def link(record: Record, access: str) -> None:
    fulltext.attach(None, record, io.BytesIO(pdf_bytes()), name="k.pdf", access=access, text="matn")


@pytest.fixture
def books(make_record: MakeRecord) -> dict[str, Record]:
    found = {name: make_record(f"Tarix {name}") for name in ("public", "readers", "none")}
    link(found["public"], AccessLevel.PUBLIC)
    link(found["readers"], AccessLevel.READERS)
    return found


def test_the_filter_and_its_count(books: dict[str, Record]) -> None:
    assert find("tarix", online=True).ids == [books["public"].pk]
    assert set(find("tarix", online=True, online_access=None).ids) == {
        books["public"].pk,
        books["readers"].pk,
    }
    assert find("tarix").facets["online"] == [(True, 1)]
    assert find("tarix", online_access=None).facets["online"] == [(True, 2)]
    assert find(online=True).ids == [books["public"].pk]  # no words: browsing the e-books


def test_opac_and_staff_pages(world: World, books: dict[str, Record], client: Client) -> None:
    client.cookies["django_language"] = "en"
    page = client.get(reverse("opac:search"), {"q": "tarix"}).content.decode()
    assert 'With full text online</a> <span class="muted">(1)</span>' in page
    page = client.get(reverse("opac:search"), {"q": "tarix", "online": "on"}).content.decode()
    assert "Tarix public" in page and "Tarix readers" not in page and "Tarix none" not in page
    login(client, world.bob)
    staff = client.get(reverse("opac:staff_search"), {"q": "tarix", "online": "on"}).content.decode()
    assert "Tarix public" in staff and "Tarix readers" in staff and "Tarix none" not in staff
