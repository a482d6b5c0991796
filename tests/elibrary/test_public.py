"""The collections in the OPAC: public ones only, items with their access level and a read link
when the visitor may open the file, browsable by title and searchable within the collection."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kutubxona.catalog.models import AccessLevel, Record
from kutubxona.elibrary import actions
from kutubxona.elibrary.models import FullTextCollection, Purpose
from kutubxona.search.engine import search
from kutubxona.search.query import Query
from tests.conftest import World, login
from tests.elibrary.conftest import file_of, make_book


def page_of(collection: FullTextCollection) -> str:
    return reverse("collections:collection", args=[collection.institution.code, collection.pk])


@pytest.fixture
def filled(world: World, collection: FullTextCollection) -> dict[str, Record]:
    books = {
        "public": make_book(world.arnasoy, "Arnasoy ko'llari", access=AccessLevel.PUBLIC),
        "readers": make_book(world.arnasoy, "Aydar ko'li baliqlari", access=AccessLevel.READERS),
        "premises": make_book(world.arnasoy, "Sharof Rashidov hayoti", access=AccessLevel.PREMISES),
        "staff": make_book(world.arnasoy, "Ichki hisobot", access=AccessLevel.STAFF),
        "record": make_book(world.arnasoy, "Gazetadagi maqola", access=None),
    }
    for record in books.values():
        actions.add_item(None, collection, record)
    return books


def test_the_public_lists_show_public_collections_only(
    world: World, client: Client, collection: FullTextCollection, filled: dict[str, Record]
) -> None:
    hidden = actions.create_collection(
        None, world.arnasoy, name="Ichki to'plam", purpose=Purpose.OTHER, is_public=False
    )
    theirs = actions.create_collection(None, world.dostlik, name="Do'stlik kitoblari", purpose=Purpose.RARE)
    union = client.get(reverse("collections:list")).content.decode()
    assert collection.name.replace("'", "&#x27;") in union and "Do&#x27;stlik kitoblari" in union
    assert "Ichki to" not in union
    assert "4 items" in union  # the staff-only file is not counted for the public
    one = client.get(reverse("collections:library", args=["arnasoy"])).content.decode()
    assert "Do&#x27;stlik kitoblari" not in one and "Arnasoy" in one
    assert client.get(reverse("collections:collection", args=["arnasoy", hidden.pk])).status_code == 404
    assert client.get(reverse("collections:collection", args=["arnasoy", theirs.pk])).status_code == 404
    assert client.get(reverse("collections:library", args=["nowhere"])).status_code == 404


def test_items_show_their_access_and_a_read_link_when_it_opens(
    world: World, client: Client, collection: FullTextCollection, filled: dict[str, Record]
) -> None:
    html = client.get(page_of(collection)).content.decode()
    assert "Ichki hisobot" not in html  # staff-only: not shown
    for text in ("everyone", "registered readers", "in the library only", "catalogue record"):
        assert text in html
    public_file = file_of(filled["public"])
    readers_file = file_of(filled["readers"])
    assert reverse("opac:read", args=[public_file.pk]) in html
    assert reverse("opac:read", args=[readers_file.pk]) not in html
    assert "Log in as a reader to open it" in html and "Open it on a computer of the library." in html
    # The library's staff open every file.
    login(client, world.alice)
    html = client.get(page_of(collection)).content.decode()
    assert reverse("opac:read", args=[readers_file.pk]) in html


def test_browsing_is_by_title_and_paged(world: World, client: Client, collection: FullTextCollection) -> None:
    for number in range(23):
        actions.add_item(
            None, collection, make_book(world.arnasoy, f"Kitob {chr(ord('Z') - number)}", access=None)
        )
    html = client.get(page_of(collection)).content.decode()
    assert html.index("Kitob D") < html.index("Kitob E") and "Kitob Z" not in html
    assert "23 items" in html and "Page 1 of 2" in html
    assert "Kitob Z" in client.get(page_of(collection) + "?page=2").content.decode()


def test_search_finds_items_of_the_collection_only(
    world: World, client: Client, collection: FullTextCollection
) -> None:
    inside = make_book(world.arnasoy, "Zomin tog'lari afsonalari", access=AccessLevel.PUBLIC)
    outside = make_book(world.arnasoy, "Zomin tog'lari turizmi", access=AccessLevel.PUBLIC)
    actions.add_item(None, collection, inside)
    html = client.get(page_of(collection), {"q": "зомин тоғлари"}).content.decode()  # Cyrillic finds Latin
    assert "afsonalari" in html and "turizmi" not in html and "1 result" in html
    # The filter itself: the catalogue's search within a collection's shown items, one parameter.
    assert search(Query(text="zomin", digital_collection=collection.pk)).ids == [inside.pk]
    assert set(search(Query(text="zomin")).ids) == {inside.pk, outside.pk}
    hidden = make_book(world.arnasoy, "Zomin tog'lari xaritasi", access=AccessLevel.STAFF)
    removed = actions.add_item(None, collection, outside)
    actions.add_item(None, collection, hidden)
    actions.remove_item(None, removed)
    with CaptureQueriesContext(connection) as queries:
        found = search(Query(text="zomin", digital_collection=collection.pk))
    assert found.ids == [inside.pk] and found.total == 1
    assert any("elibrary_collectionitem" in q["sql"] for q in queries.captured_queries)
    empty = actions.create_collection(None, world.arnasoy, name="Bo'sh", purpose=Purpose.OTHER)
    assert search(Query(text="zomin", digital_collection=empty.pk)).ids == []
    html = client.get(page_of(collection), {"q": "yo'q narsa"}).content.decode()
    assert "Nothing was found" in html
