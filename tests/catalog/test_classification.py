"""UDC and BBK browsing: notation steps, counts per class computed in SQL, pages, tenancy."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pymarc import Field, Indicators, Subfield

from kutubxona.catalog import actions, classification
from kutubxona.catalog.models import Record
from kutubxona.institutions.models import Institution
from tests.catalog.test_matching import book
from tests.conftest import World, login


def classed(institution: Institution, title: str, udc: str = "", bbk: str = "") -> Record:
    marc = book(title)
    if udc:
        marc.add_ordered_field(
            Field(tag="080", indicators=Indicators(" ", " "), subfields=[Subfield("a", udc)])
        )
    if bbk:
        marc.add_ordered_field(
            Field(tag="084", indicators=Indicators(" ", " "), subfields=[Subfield("a", bbk)])
        )
    return actions.create_record(None, institution, marc)


@pytest.fixture
def shelf(world: World) -> dict[str, Record]:
    return {
        "otkan": classed(world.arnasoy, "O'tkan kunlar", "821.512.133-31", "84(5O'zb)6"),
        "mehrob": classed(world.arnasoy, "Mehrobdan chayon", "821.512.133", "84(5O'zb)6"),
        "adabiyot": classed(world.arnasoy, "Adabiyot nazariyasi", "82", "83"),
        "tarix": classed(world.arnasoy, "O'zbekiston tarixi", "94(575.1)", "63.3(5O'zb)"),
        "plain": classed(world.arnasoy, "Tasnifsiz"),
        "hamlet": classed(world.dostlik, "Hamlet", "821.111", "84(4Vel)"),
    }


def counts(nodes: list[classification.Node]) -> dict[str, int]:
    return {node.notation: node.count for node in nodes if node.count}


@pytest.mark.parametrize(
    ("notation", "steps"),
    [
        ("821.512.133-31", ["8", "2", "1", ".5", "1", "2", ".1", "3", "3", "-3", "1"]),
        ("84(5O'zb)6", ["8", "4", "(5O'zb)", "6"]),
        ("63.3(5O'zb)", ["6", "3", ".3", "(5O'zb)"]),
        ("Ш5(2Рос=Рус)1", ["Ш", "5", "(2Рос=Рус)", "1"]),
        ("94(575.1) 087.5", ["9", "4", "(575.1)"]),
        ("", []),
    ],
)
def test_a_notation_is_read_step_by_step(notation: str, steps: list[str]) -> None:
    assert classification.steps(notation) == steps


def test_the_main_classes_are_all_listed_with_names(world: World, shelf: dict[str, Record]) -> None:
    nodes, here = classification.children("udc", "")
    assert [node.notation for node in nodes] == [str(n) for n in range(10)]
    assert counts(nodes) == {"8": 4, "9": 1}  # Do'stlik's Hamlet is counted too: no scope here
    assert str(nodes[8].name) == "Language. Linguistics. Literature" and here == 0
    bbk, _here = classification.children("bbk", "")
    assert [node.notation for node in bbk] == [str(n) for n in range(1, 10)]
    assert bbk[0].name == "General scientific and interdisciplinary knowledge"


def test_drilling_down_counts_each_next_step(world: World, shelf: dict[str, Record]) -> None:
    assert counts(classification.children("udc", "8")[0]) == {"82": 4}
    nodes, here = classification.children("udc", "82")
    assert counts(nodes) == {"821": 3} and here == 1
    nodes, here = classification.children("udc", "821.512.133")
    assert counts(nodes) == {"821.512.133-3": 1} and here == 1
    assert counts(classification.children("udc", "821")[0]) == {"821.5": 2, "821.1": 1}
    assert counts(classification.children("bbk", "84")[0]) == {"84(5O'zb)": 2, "84(4Vel)": 1}
    assert counts(classification.children("bbk", "63.3")[0]) == {"63.3(5O'zb)": 1}


def test_counting_is_one_query(
    world: World, shelf: dict[str, Record], django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        classification.children("udc", "821")


def test_the_page_shows_the_institutions_classes_only(
    client: Client, world: World, shelf: dict[str, Record]
) -> None:
    login(client, world.bob)  # every member of staff browses
    client.cookies["django_language"] = "en"
    page = client.get(reverse("catalog:browse", args=["udc"])).content.decode()
    assert "Language. Linguistics. Literature" in page and "Geography. Biography. History" in page
    response = client.get(reverse("catalog:browse", args=["udc"]), {"n": "821"})
    assert [node.count for node in response.context["nodes"]] == [2]  # not Do'stlik's Hamlet
    assert "tkan kunlar" in response.content.decode() and "Hamlet" not in response.content.decode()
    assert response.context["page"].paginator.count == 2
    assert [step.notation for step in response.context["trail"]] == ["8", "82"]


def test_another_district_sees_its_own(client: Client, world: World, shelf: dict[str, Record]) -> None:
    login(client, world.charlie)
    response = client.get(reverse("catalog:browse", args=["bbk"]), {"n": "84"})
    assert response.context["page"].paginator.count == 1
    assert "Hamlet" in response.content.decode() and "tkan kunlar" not in response.content.decode()


def test_an_unknown_scheme_is_not_found(client: Client, world: World) -> None:
    login(client, world.alice)
    assert client.get(reverse("catalog:browse", args=["ddc"])).status_code == 404


def test_records_list_pages(client: Client, world: World) -> None:
    for n in range(55):
        classed(world.arnasoy, f"Kitob {n}", f"51{n % 3}")
    login(client, world.alice)
    response = client.get(reverse("catalog:browse", args=["udc"]), {"n": "5", "page": "2"})
    assert response.context["page"].paginator.count == 55 and len(response.context["page"]) == 5
    assert "n=5&amp;page=1" in response.content.decode()


def test_the_record_page_links_to_its_classes(client: Client, world: World, shelf: dict[str, Record]) -> None:
    login(client, world.alice)
    page = client.get(reverse("catalog:detail", args=[shelf["otkan"].pk])).content.decode()
    assert reverse("catalog:browse", args=["udc"]) + "?n=821.512.133-31" in page
    assert reverse("catalog:browse", args=["bbk"]) + "?n=84%285O%27zb%296" in page
