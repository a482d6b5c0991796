"""The desk page by form post (no JavaScript) and by fetch (JSON); every bad input's message;
who may open the desk and the reader pages."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from kutubxona.catalog.models import Copy, CopyCollection, CopyStatus
from kutubxona.circulation.models import Loan
from kutubxona.readers.models import Reader
from tests.circulation.conftest import reader, shelf
from tests.conftest import World, login

JSON = {"Accept": "application/json"}


def _scan(client: Client, code: str, reader_id: object = "", **extra: str) -> dict[str, object]:
    response = client.post("/desk/scan/", {"code": code, "reader": reader_id, **extra}, headers=JSON)
    assert response.status_code in (200, 409)
    answer: dict[str, object] = response.json()
    assert answer["ok"] is (response.status_code == 200)
    return answer


def test_desk_by_scanner_json(client: Client, world: World, copies: list[Copy], aziz: Reader) -> None:
    login(client, world.bob)
    answer = _scan(client, aziz.card)
    assert answer["reader"] == aziz.pk and aziz.card in str(answer["panel"])
    answer = _scan(client, copies[0].barcode, aziz.pk)
    assert answer["ok"] and "Lent" in str(answer["message"]) and "panel" not in answer  # lean: one row
    assert answer["lent"]["copy"] == copies[0].barcode  # type: ignore[index]
    # Every bad input: a clear message and nothing changed.
    bad = {
        "NOPE-1": "Unknown barcode",
        copies[1].barcode: "Scan the reader's card first",
    }
    for code, text in bad.items():
        answer = _scan(client, code)
        assert not answer["ok"] and text in str(answer["message"])
    other = reader(world.arnasoy, "Boshqa")
    answer = _scan(client, copies[1].barcode, other.pk)  # lent to another reader: fine
    assert answer["ok"]
    rare = shelf(world.arnasoy, 1, "Noyob", prefix="R", collection=CopyCollection.RARE)[0]
    answer = _scan(client, rare.barcode, aziz.pk)
    assert not answer["ok"] and "rare" in str(answer["message"])
    answer = _scan(client, rare.barcode, aziz.pk, kind="reading_room")
    assert answer["ok"]
    # A copy on loan scanned is taken back, without the card and whoever has it.
    answer = _scan(client, copies[0].barcode)
    assert answer["ok"] and "Taken back" in str(answer["message"]) and answer["returned"] == copies[0].barcode
    assert Copy.objects.get(pk=copies[0].pk).status == CopyStatus.AVAILABLE
    assert Loan.objects.filter(returned_at__isnull=True).count() == 2


def test_desk_without_javascript(client: Client, world: World, copies: list[Copy], aziz: Reader) -> None:
    login(client, world.bob)
    page = client.get("/desk/")
    assert page.status_code == 200 and b'name="code"' in page.content
    response = client.post("/desk/scan/", {"code": aziz.card})
    assert response.status_code == 302 and response["Location"].endswith(f"?reader={aziz.pk}")
    response = client.post("/desk/scan/", {"code": copies[0].barcode, "reader": aziz.pk}, follow=True)
    assert "Lent" in response.content.decode() and copies[0].barcode in response.content.decode()
    response = client.post("/desk/scan/", {"code": "0000", "reader": aziz.pk}, follow=True)
    assert "Unknown barcode 0000" in response.content.decode()
    loan = Loan.objects.get()
    response = client.post(f"/desk/loans/{loan.pk}/renew/", follow=True)
    assert response.status_code == 200 and "Renewed until" in response.content.decode()


def test_blocked_reader_at_the_desk(client: Client, world: World, copies: list[Copy], aziz: Reader) -> None:
    import datetime

    from django.utils import timezone

    from kutubxona.circulation import actions

    actions.lend(world.bob, aziz, copies[0], when=timezone.now() - datetime.timedelta(days=40))
    login(client, world.bob)
    page = client.get(f"/desk/?reader={aziz.pk}").content.decode()
    assert "overdue" in page
    answer = _scan(client, copies[1].barcode, aziz.pk)
    assert not answer["ok"] and "may not borrow" in str(answer["message"])
    assert Copy.objects.get(pk=copies[1].pk).status == CopyStatus.AVAILABLE
    overdue = client.get("/desk/overdue/")
    assert aziz.last_name in overdue.content.decode()
    pdf = client.get("/desk/overdue/?format=pdf")
    assert pdf["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    "url", ["/desk/", "/desk/overdue/", "/desk/holds/", "/readers/new/", "/readers/duplicates/"]
)
def test_desk_pages_need_the_desk(client: Client, world: World, url: str) -> None:
    login(client, world.charlie)  # a director: no desk, no readers.edit
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_another_librarys_reader_is_not_found(client: Client, world: World, aziz: Reader) -> None:
    login(client, world.charlie)
    assert client.get(f"/readers/{aziz.pk}/").status_code == 404
    assert client.get(f"/readers/{aziz.pk}/card.pdf").status_code == 404
    login(client, world.alice)  # the director reads (plan drill-down) but does not edit
    assert client.get(f"/readers/{aziz.pk}/").status_code == 200
    assert client.post(f"/readers/{aziz.pk}/renew/").status_code == 403


def test_register_a_reader_and_print_the_card(client: Client, world: World) -> None:
    login(client, world.bob)
    form = {
        "last_name": "Yo'ldosheva",
        "first_name": "Madina",
        "birth_year": "2003",
        "category": "student",
        "consent": "on",
    }
    response = client.post("/readers/new/", {**form, "consent": ""})
    assert response.status_code == 400 and "Yo&#x27;ldosheva" in response.content.decode()  # kept
    response = client.post("/readers/new/", form)
    new = Reader.objects.get(last_name="Yo'ldosheva")
    assert response.status_code == 302 and response["Location"] == f"/readers/{new.pk}/"
    pdf = client.get(f"/readers/{new.pk}/card.pdf")
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert new.card in text and "Yo'ldosheva" in text


def test_reader_logs_into_the_catalogue(
    client: Client, world: World, copies: list[Copy], aziz: Reader
) -> None:
    from kutubxona.circulation import actions
    from kutubxona.readers import actions as reader_actions

    loan = actions.lend(world.bob, aziz, copies[0])
    assert client.get("/my/").status_code == 302
    assert 'href="/my/"' in client.get("/opac/").content.decode()  # the way in, from the catalogue
    login(client, world.bob)
    client.post(f"/readers/{aziz.pk}/pin/", {"pin": "kitob-2026"})
    client.logout()
    assert client.post("/my/login/", {"card": aziz.card, "password": "wrong-one"}).status_code == 400
    assert client.post("/my/login/", {"card": aziz.card, "password": "kitob-2026"}).status_code == 302
    page = client.get("/my/").content.decode()
    assert "O&#x27;tkan kunlar" in page
    assert client.post(f"/my/loans/{loan.pk}/renew/", follow=True).status_code == 200
    assert Loan.objects.get(pk=loan.pk).renewals == 1
    other = reader(world.arnasoy, "Begona")
    other_loan = actions.lend(world.bob, other, copies[1])
    assert client.post(f"/my/loans/{other_loan.pk}/renew/").status_code == 404  # not own
    record = shelf(world.arnasoy, 1, "Mehrobdan chayon", prefix="M")[0].record
    # The public record page offers the logged-in reader a hold (and nobody else).
    assert 'action="/desk/hold/"' in client.get(f"/opac/record/{record.pk}/").content.decode()
    assert 'action="/desk/hold/"' not in Client().get(f"/opac/record/{record.pk}/").content.decode()
    client.post("/desk/hold/", {"record_id": record.pk})
    assert aziz.holds.get().record_id == record.pk
    snippet = client.get("/my/").content.decode()
    assert "Mehrobdan chayon" in snippet
    reader_actions.set_pin(None, other, "boshqa-parol")


def test_lost_and_replaced_from_the_readers_page(
    client: Client, world: World, copies: list[Copy], aziz: Reader
) -> None:
    from kutubxona.circulation import actions

    loan = actions.lend(world.bob, aziz, copies[0])
    login(client, world.bob)
    page = client.post(f"/desk/loans/{loan.pk}/lost/", {"next": "reader"}, follow=True).content.decode()
    assert "Lost copies to replace" in page and Copy.objects.get(pk=copies[0].pk).status == CopyStatus.LOST
    page = client.post(f"/desk/loans/{loan.pk}/replaced/", {"next": "reader"}, follow=True).content.decode()
    assert "back on the shelf" in page and Copy.objects.get(pk=copies[0].pk).status == CopyStatus.AVAILABLE
    assert client.post(f"/desk/loans/{loan.pk}/nonsense/").status_code == 404
