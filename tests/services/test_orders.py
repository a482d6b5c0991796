"""Delivery orders: pricing, the steps of the work, payment, the download link and its end."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kutubxona.core.models import AuditEntry
from kutubxona.institutions.models import User
from kutubxona.services import actions
from kutubxona.services.models import Customer, DeliveryOrder, OrderStatus, PaymentMethod
from tests.conftest import World
from tests.services.conftest import D, PriceList, order, pdf_upload


def _ready_and_paid(dana: User, world: World, prices: PriceList) -> DeliveryOrder:
    placed = order(dana, world, prices.page)
    actions.start_work(dana, placed)
    actions.attach_copy(dana, placed, pdf_upload())
    actions.record_payment(dana, placed, method=PaymentMethod.CASH)
    return placed


def test_the_amount_is_the_price_on_the_order_date(world: World, dana: User, prices: PriceList) -> None:
    assert order(dana, world, prices.page, ordered_on=D(2021, 5, 1)).amount == Decimal(3000)
    assert order(dana, world, prices.page, ordered_on=D(2026, 5, 1)).amount == Decimal(5000)
    assert order(dana, world, prices.page, free=True).amount == 0
    with pytest.raises(ValidationError, match="no price for"):
        order(dana, world, prices.page, ordered_on=D(2019, 5, 1))


def test_an_order_needs_contact_country_and_price(world: World, dana: User, prices: PriceList) -> None:
    with pytest.raises(ValidationError) as error:
        order(dana, world, prices.page, phone="", customer=Customer.FOREIGN)
    assert set(error.value.message_dict) == {"email", "country"}
    with pytest.raises(ValidationError, match="free of charge"):
        order(dana, world, None)
    assert DeliveryOrder.objects.count() == 0


def test_an_upload_that_is_not_a_pdf_or_image_is_refused(world: World, dana: User, prices: PriceList) -> None:
    placed = order(dana, world, prices.page)
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    with pytest.raises(ValidationError, match="not a PDF or an image"):
        actions.attach_copy(dana, placed, fake)
    placed.refresh_from_db()
    assert placed.status == OrderStatus.NEW and not placed.file
    png = SimpleUploadedFile("x.bin", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    actions.attach_copy(dana, placed, png)
    placed.refresh_from_db()
    assert placed.status == OrderStatus.READY and placed.file_type == "image/png"
    assert placed.link_expires_at is None  # not paid yet: the link has not started


def test_an_unpaid_order_is_not_delivered(
    world: World, dana: User, prices: PriceList, client: Client
) -> None:
    placed = order(dana, world, prices.page)
    actions.start_work(dana, placed)
    actions.attach_copy(dana, placed, pdf_upload())
    with pytest.raises(ValidationError, match="not paid"):
        actions.mark_delivered(dana, placed)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("services:download_file", args=[placed.token]))
    assert response.status_code == 403 and b"not paid for yet" in response.content
    placed.refresh_from_db()
    assert placed.status == OrderStatus.READY and placed.downloads == 0


def test_the_customer_downloads_through_the_link(
    world: World, dana: User, prices: PriceList, client: Client
) -> None:
    placed = _ready_and_paid(dana, world, prices)
    (receipt,) = placed.receipts.all()
    assert receipt.amount == 5000 and receipt.order == placed and receipt.payer == "Nodira Rahimova"
    days = (placed.link_expires_at - timezone.now()).days  # type: ignore[operator]
    assert days == 6  # the setting's 7 days, less the seconds since
    page = client.get(reverse("services:download", args=[placed.token]))
    assert page.status_code == 200
    placed.refresh_from_db()
    assert placed.status == OrderStatus.READY  # opening the page (a mail scanner) delivers nothing
    response = client.get(reverse("services:download_file", args=[placed.token]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    placed.refresh_from_db()
    assert (placed.status, placed.delivered_on, placed.downloads) == (
        OrderStatus.DELIVERED,
        timezone.localdate(),
        1,
    )
    assert AuditEntry.objects.filter(action="services.order.download", object_id=str(placed.pk)).count() == 1
    client.get(reverse("services:download_file", args=[placed.token]))  # again: still one delivery
    placed.refresh_from_db()
    assert placed.downloads == 2
    assert AuditEntry.objects.filter(action="services.order.download").count() == 1


@pytest.mark.parametrize(("language", "words"), [("en", "has expired"), ("uz", "muddati"), ("ru", "истёк")])
def test_an_expired_link_shows_a_clear_page_and_nothing_else(
    world: World, dana: User, prices: PriceList, client: Client, language: str, words: str
) -> None:
    placed = _ready_and_paid(dana, world, prices)
    DeliveryOrder.objects.filter(pk=placed.pk).update(
        link_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.cookies["django_language"] = language
    for name in ("services:download", "services:download_file"):
        response = client.get(reverse(name, args=[placed.token]))
        text = response.content.decode()
        assert response.status_code == 410 and words in text
        assert "Boburnoma" not in text and "Nodira" not in text and 'href="/services/d/' not in text
    placed.refresh_from_db()
    assert placed.status == OrderStatus.READY and placed.downloads == 0
    # The desk makes a new link: the old one stays dead, the new one works.
    old = placed.token
    actions.renew_link(dana, placed)
    assert client.get(reverse("services:download", args=[old])).status_code == 404
    assert client.get(reverse("services:download", args=[placed.token])).status_code == 200


def test_a_cancelled_order_link_and_an_unknown_link(
    world: World, dana: User, prices: PriceList, client: Client
) -> None:
    placed = order(dana, world, prices.page, free=True)
    actions.attach_copy(dana, placed, pdf_upload())
    with pytest.raises(ValidationError, match="why"):
        actions.cancel_order(dana, placed, "  ")
    actions.cancel_order(dana, placed, "Buyurtmachi voz kechdi")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("services:download_file", args=[placed.token]))
    assert response.status_code == 410 and b"was cancelled" in response.content
    assert client.get(reverse("services:download", args=["no-such-token"])).status_code == 404
    with pytest.raises(ValidationError, match="cannot be changed"):
        actions.attach_copy(dana, placed, pdf_upload())


def test_a_paid_order_is_cancelled_only_after_its_receipt(
    world: World, dana: User, prices: PriceList
) -> None:
    placed = order(dana, world, prices.page)
    receipt = actions.record_payment(dana, placed, method=PaymentMethod.CARD)
    with pytest.raises(ValidationError, match="already paid"):
        actions.record_payment(dana, placed, method=PaymentMethod.CARD)
    with pytest.raises(ValidationError, match="cancel its receipt first"):
        actions.cancel_order(dana, placed, "Xato")
    actions.cancel_receipt(dana, receipt, "Pul qaytarildi")
    actions.cancel_order(dana, placed, "Xato")
    assert placed.status == OrderStatus.CANCELLED


def test_order_pages_walk_through_the_steps(
    world: World, dana: User, prices: PriceList, client: Client
) -> None:
    login_as = client.force_login
    login_as(dana, backend="django.contrib.auth.backends.ModelBackend")
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("services:order_create"),
        {
            "ordered_on": "2026-03-02",
            "customer": "foreign",
            "customer_name": "Aigerim Bekova",
            "email": "aigerim@example.kz",
            "country": "",
            "wanted": "Maqola",
            "copies": "1",
            "service": prices.page.pk,
            "quantity": "12",
        },
    )
    assert response.status_code == 200 and b"Name the country" in response.content
    assert b"aigerim@example.kz" in response.content  # kept as typed
    response = client.post(
        reverse("services:order_create"),
        {
            "ordered_on": "2026-03-02",
            "customer": "foreign",
            "customer_name": "Aigerim Bekova",
            "email": "aigerim@example.kz",
            "country": "Qozog'iston",
            "wanted": "Maqola",
            "copies": "1",
            "service": prices.page.pk,
            "quantity": "12",
        },
    )
    placed = DeliveryOrder.objects.get()
    assert response.status_code == 302 and placed.amount == 6000
    url = reverse("services:order", args=[placed.pk])
    assert client.post(reverse("services:order_start", args=[placed.pk])).status_code == 302
    bad = SimpleUploadedFile("a.pdf", b"hello", content_type="application/pdf")
    response = client.post(reverse("services:order_upload", args=[placed.pk]), {"file": bad})
    assert response.status_code == 200 and b"not a PDF or an image" in response.content
    client.post(reverse("services:order_upload", args=[placed.pk]), {"file": pdf_upload()})
    response = client.post(reverse("services:order_deliver", args=[placed.pk]), follow=True)
    assert b"record the payment first" in response.content
    client.post(
        reverse("services:order_pay", args=[placed.pk]),
        {"method": "transfer", "payer": "", "issued_on": "2026-03-05"},
    )
    page = client.get(url).content.decode()
    placed.refresh_from_db()
    assert placed.paid and placed.token in page
