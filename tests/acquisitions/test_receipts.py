"""Receiving: accession numbers in sequence, the cataloguing queue, the receipt's breakdown, labels."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kutubxona.acquisitions import actions
from kutubxona.acquisitions.actions import LineInput
from kutubxona.acquisitions.models import Accession, Receipt, ReceiptLine, Source
from kutubxona.catalog import actions as catalog_actions
from kutubxona.catalog.models import Copy, Record
from kutubxona.core.models import AuditEntry
from tests.acquisitions.conftest import DAY, make_record, receive
from tests.conftest import World, login


def test_accession_numbers_follow_the_catalogue_and_each_other(world: World, record: Record) -> None:
    catalog_actions.create_copy(None, record, accession_number="120")
    catalog_actions.create_copy(None, record, accession_number="0007-1")  # not a plain number
    first = receive(world.arnasoy, record, 3)
    catalog_actions.create_copy(None, record, accession_number="125")  # typed by hand ahead
    second = receive(world.arnasoy, None, 3, source=Source.LEGAL_DEPOSIT)
    numbers = list(Accession.objects.order_by("number").values_list("number", flat=True))
    assert numbers == [121, 122, 123, 124, 126, 127]
    assert (first.number, second.number) == (1, 2)
    assert sorted(
        Copy.objects.filter(accession__line__receipt=first).values_list("accession_number", flat=True)
    ) == [
        "121",
        "122",
        "123",
    ]
    assert AuditEntry.objects.filter(action="acquisitions.receipt.create").count() == 2


def test_a_queued_title_becomes_a_record_with_its_copies(world: World, dilnoza: object) -> None:
    receipt = receive(world.arnasoy, None, 2)
    line = ReceiptLine.objects.get(receipt=receipt)
    assert list(actions.queue([world.arnasoy.pk])) == [line]
    assert not Copy.objects.exists()
    record = actions.catalogue_line(dilnoza, line)  # type: ignore[arg-type]
    assert record.title == "Yangi kitob"
    assert sorted(record.copies.values_list("accession_number", flat=True)) == ["1", "2"]
    assert not actions.queue([world.arnasoy.pk]).exists()
    with pytest.raises(ValidationError, match="already catalogued"):
        actions.catalogue_line(None, line)


def test_a_queued_title_linked_to_an_existing_record(client: Client, world: World, dilnoza: object) -> None:
    existing = make_record(world.arnasoy, "Mehrobdan chayon", isbn="9789943000025")
    receipt = receive(world.arnasoy, None, 2)
    line = ReceiptLine.objects.get(receipt=receipt)
    login(client, dilnoza)  # type: ignore[arg-type]
    response = client.post(reverse("acquisitions:queue_item", args=[line.pk]), {"find": "978-9943-0000-2-5"})
    assert response.status_code == 302
    assert existing.copies.count() == 2


def test_the_receipt_form_links_and_queues_and_shows_the_breakdown(
    client: Client, world: World, record: Record, dilnoza: object
) -> None:
    login(client, dilnoza)  # type: ignore[arg-type]
    data = {
        "date": "2021-03-20",
        "source": "gift_org",
        "party": "Tuman hokimligi",
        "deed_number": "12",
        "line-TOTAL_FORMS": "3",
        "line-INITIAL_FORMS": "0",
        "line-0-find": "9789943000018",
        "line-0-doc_type": "book",
        "line-0-quantity": "2",
        "line-0-price": "30000",
        "line-1-title": "Yangi she'rlar",
        "line-1-author": "Vohidov, Erkin",
        "line-1-language": "uzb",
        "line-1-doc_type": "book",
        "line-1-quantity": "1",
        "line-1-price": "15000",
        "line-2-doc_type": "book",
    }
    response = client.post(reverse("acquisitions:receipt_create"), data)
    receipt = Receipt.objects.get()
    assert response.status_code == 302 and response["Location"] == receipt.get_absolute_url()
    assert (receipt.copies, receipt.total) == (3, Decimal("75000"))
    page = client.get(receipt.get_absolute_url()).content.decode()
    assert "gift from an organisation" in page and "in the cataloguing queue" in page
    assert "Uzbek" in page  # the language breakdown
    labels = client.get(reverse("acquisitions:receipt_labels", args=[receipt.pk]))
    assert labels["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([], "at least one copy"),
        ([LineInput(quantity=1, price=Decimal("-5"), title="X")], "cannot be negative"),
        ([LineInput(quantity=0, price=Decimal("5"), title="X")], "at least 1"),
        ([LineInput(quantity=1, price=Decimal("5"))], "type the title"),
    ],
)
def test_bad_receipts_are_refused_and_nothing_is_saved(
    world: World, lines: list[LineInput], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        actions.receive(None, world.arnasoy, date=DAY, source=Source.LEGAL_DEPOSIT, lines=lines)
    assert not Receipt.objects.exists() and not Accession.objects.exists()


def test_a_gift_needs_its_deed_and_a_purchase_its_invoice(world: World) -> None:
    line = [LineInput(quantity=1, price=Decimal(1), title="X")]
    with pytest.raises(ValidationError) as gift:
        actions.receive(None, world.arnasoy, date=DAY, source=Source.GIFT_PERSON, party="Ali", lines=line)
    assert "deed_number" in gift.value.error_dict
    with pytest.raises(ValidationError) as purchase:
        actions.receive(None, world.arnasoy, date=DAY, source=Source.PURCHASE, party="Sharq", lines=line)
    assert "invoice_number" in purchase.value.error_dict
    future = DAY.replace(year=datetime.date.today().year + 1)
    with pytest.raises(ValidationError, match="future"):
        actions.receive(None, world.arnasoy, date=future, source=Source.LEGAL_DEPOSIT, lines=line)


def test_the_form_keeps_what_was_typed_on_a_negative_price(
    client: Client, world: World, dilnoza: object
) -> None:
    login(client, dilnoza)  # type: ignore[arg-type]
    data = {
        "date": "2021-03-20",
        "source": "legal_deposit",
        "line-TOTAL_FORMS": "1",
        "line-INITIAL_FORMS": "0",
        "line-0-title": "Zarafshon vohasi",
        "line-0-doc_type": "book",
        "line-0-quantity": "2",
        "line-0-price": "-100",
    }
    response = client.post(reverse("acquisitions:receipt_create"), data)
    page = response.content.decode()
    assert response.status_code == 400 and "A price cannot be negative." in page
    assert 'value="Zarafshon vohasi"' in page
    # Extra zeros in the copies: refused on the form, not millions of numbers (or a 500).
    response = client.post(
        reverse("acquisitions:receipt_create"),
        data | {"line-0-quantity": "20000000000", "line-0-price": "100"},
    )
    assert response.status_code == 400 and 'value="Zarafshon vohasi"' in response.content.decode()
    empty = client.post(
        reverse("acquisitions:receipt_create"),
        {"date": "2021-03-20", "source": "legal_deposit", "line-TOTAL_FORMS": "1", "line-INITIAL_FORMS": "0"},
    )
    assert empty.status_code == 400 and "at least one copy" in empty.content.decode()
    assert not Receipt.objects.exists()
