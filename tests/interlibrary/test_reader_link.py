"""An interlibrary request of ours links our reader by the card typed: the pages name the reader
and link their page, an anonymised reader shows as such, an unknown card is refused with what
was typed kept, and a name alone (a reader not registered here) is kept as typed."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from kutubxona.interlibrary.models import Request
from kutubxona.readers import actions as reader_actions
from tests.circulation.conftest import reader
from tests.conftest import World, login

FORM = {
    "direction": "borrow",
    "partner": "",
    "partner_name": "Samarqand viloyat AKM",
    "barcode": "",
    "item": "Qodiriy A. O'tkan kunlar",
    "reader_name": "",
    "requested_on": "2021-04-05",
    "due_on": "",
    "note": "",
}


def test_the_card_links_our_reader_and_the_pages_name_them(client: Client, world: World) -> None:
    aziz = reader(world.arnasoy, "Karimov")
    login(client, world.bob)
    response = client.post(reverse("interlibrary:create"), FORM | {"reader_card": f" {aziz.card} "})
    request = Request.objects.get()
    assert response.status_code == 302
    assert (request.reader, request.reader_name, request.reader_card) == (aziz, "Karimov Aziz", aziz.card)
    link = f'href="{reverse("readers:detail", args=[aziz.pk])}"'
    for page in (reverse("interlibrary:detail", args=[request.pk]), reverse("interlibrary:list")):
        html = client.get(page).content.decode()
        assert link in html and "Karimov Aziz" in html


def test_an_unknown_card_is_refused_and_a_name_alone_is_kept(client: Client, world: World) -> None:
    reader(world.dostlik, "Boshqa", card="D-77")  # another library's card is not ours
    login(client, world.bob)
    response = client.post(
        reverse("interlibrary:create"), FORM | {"reader_name": "Aziza", "reader_card": "D-77"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "No reader of this library has the card D-77" in html
    assert 'value="D-77"' in html and 'value="Aziza"' in html
    assert not Request.objects.exists()
    client.post(reverse("interlibrary:create"), FORM | {"reader_name": "Aziza", "reader_card": ""})
    request = Request.objects.get()
    assert (request.reader, request.reader_name) == (None, "Aziza")
    assert "Aziza" in client.get(reverse("interlibrary:detail", args=[request.pk])).content.decode()


def test_a_corrected_card_relinks_the_request(client: Client, world: World) -> None:
    aziz, nodira = reader(world.arnasoy, "Karimov"), reader(world.arnasoy, "Olimova", first_name="Nodira")
    login(client, world.bob)
    client.post(reverse("interlibrary:create"), FORM | {"reader_card": aziz.card})
    request = Request.objects.get()
    edit = FORM | {"reader_card": nodira.card, "reader_name": "Karimov Aziz"}
    del edit["direction"]
    assert client.post(reverse("interlibrary:edit", args=[request.pk]), edit).status_code == 302
    request.refresh_from_db()
    assert (request.reader, request.reader_name) == (nodira, "Olimova Nodira")


def test_an_anonymised_reader_shows_as_such(client: Client, world: World) -> None:
    old = reader(world.arnasoy, "Eski")
    login(client, world.bob)
    client.post(reverse("interlibrary:create"), FORM | {"reader_card": old.card})
    request = Request.objects.get()
    type(old).objects.filter(pk=old.pk).update(last_active_on="2015-01-01")
    assert reader_actions.anonymise_inactive(None, world.arnasoy, years=3) == 1
    html = client.get(reverse("interlibrary:detail", args=[request.pk])).content.decode()
    assert "anonymised reader" in html
    assert "Eski" not in html and old.card not in html
    request.refresh_from_db()
    assert request.reader == old  # still linked: the request counts as it did


def test_a_request_is_edited_though_its_card_no_longer_names_a_reader(client: Client, world: World) -> None:
    """The card shown in the form is what the request holds: a card typed before the link (a
    reader not found then), a reader merged away, or one whose card was since changed. Saving
    the form without touching the card keeps the request as it is, not "no reader has the card"."""
    aziz, dup = reader(world.arnasoy, "Karimov"), reader(world.arnasoy, "Karimov", card="K-2")
    typed = Request.objects.create(
        institution=world.arnasoy,
        direction="borrow",
        partner_name="Samarqand viloyat AKM",
        item="Navoiy. Xamsa",
        reader_name="Aziza",
        reader_card="00042",  # typed before requests linked readers: nobody of ours has it
        requested_on="2021-03-01",
    )
    login(client, world.bob)
    client.post(reverse("interlibrary:create"), FORM | {"reader_card": "K-2"})
    merged = Request.objects.get(reader=dup)
    reader_actions.merge_readers(world.bob, aziz, dup)
    edit = {k: v for k, v in FORM.items() if k != "direction"} | {"note": "asked again"}
    for request in (typed, merged):
        request.refresh_from_db()
        form = edit | {"reader_name": request.reader_name, "reader_card": request.reader_card}
        response = client.post(reverse("interlibrary:edit", args=[request.pk]), form)
        assert response.status_code == 302, response.content.decode()
        request.refresh_from_db()
        assert request.note == "asked again"
    assert (typed.reader, typed.reader_card) == (None, "00042")
    assert merged.reader == aziz
