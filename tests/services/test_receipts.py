"""Receipts: numbered per library and year without gaps, priced from the list, cancelled not deleted."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kutubxona.core.models import AuditEntry
from kutubxona.services import actions
from kutubxona.services.models import PaymentMethod, Receipt
from tests.conftest import World, login
from tests.services.conftest import D, PriceList


def _issue(world: World, prices: PriceList, day: D, **fields: object) -> Receipt:
    values: dict[str, Any] = {
        "service": prices.copy,
        "quantity": Decimal(10),
        "payer": "Sardor Aliyev",
        "method": PaymentMethod.CASH,
        "issued_on": day,
        **fields,
    }
    return actions.issue_receipt(world.bob, world.arnasoy, **values)


def test_numbers_run_per_library_and_year(world: World, prices: PriceList) -> None:
    numbers = [str(_issue(world, prices, day)) for day in [D(2025, 12, 30), D(2025, 12, 31), D(2026, 1, 2)]]
    assert numbers == ["2025-00001", "2025-00002", "2026-00001"]
    assert _issue(world, prices, D(2026, 1, 3)).number == 2
    charlie_service = actions.create_service(
        world.charlie, world.dostlik, name_uz="Nusxa", kind="services", unit="page"
    )
    actions.set_price(world.charlie, charlie_service, amount=Decimal(500), valid_from=D(2025, 1, 1))
    other = actions.issue_receipt(
        world.admin,
        world.dostlik,
        service=charlie_service,
        quantity=Decimal(1),
        payer="X",
        method=PaymentMethod.CASH,
        issued_on=D(2026, 1, 3),
    )
    assert other.number == 1  # Do'stlik numbers its own receipts


def test_a_failed_receipt_leaves_no_gap(world: World, prices: PriceList) -> None:
    _issue(world, prices, D(2026, 2, 1))
    with pytest.raises(ValidationError):
        _issue(world, prices, D(2026, 2, 1), payer="  ")
    assert _issue(world, prices, D(2026, 2, 1)).number == 2


def test_amounts(world: World, prices: PriceList) -> None:
    assert _issue(world, prices, D(2026, 2, 1)).amount == 4000  # 10 pages x 400
    rent = _issue(
        world, prices, D(2026, 2, 1), service=prices.hall, quantity=Decimal(2), amount=Decimal(100_000)
    )
    assert (rent.amount, rent.unit_price, rent.by_agreement) == (100_000, None, True)
    with pytest.raises(ValidationError, match="leave the amount empty"):
        _issue(world, prices, D(2026, 2, 1), amount=Decimal(5000))
    for bad in (Decimal(0), Decimal(-5000)):
        with pytest.raises(ValidationError, match="more than zero"):
            _issue(world, prices, D(2026, 2, 1), service=prices.hall, amount=bad)
    with pytest.raises(ValidationError, match="more than zero"):
        _issue(world, prices, D(2026, 2, 1), quantity=Decimal(-1))
    with pytest.raises(ValidationError, match="no price for"):
        _issue(world, prices, D(2020, 2, 1))
    assert Receipt.objects.count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        Receipt.objects.filter(pk=rent.pk).update(amount=0)


def test_cancel_keeps_the_number_and_is_audited(world: World, prices: PriceList) -> None:
    receipt = _issue(world, prices, D(2026, 2, 1))
    with pytest.raises(ValidationError, match="why"):
        actions.cancel_receipt(world.bob, receipt, "")
    with pytest.raises(PermissionDenied):
        actions.cancel_receipt(world.alice, receipt, "Xato")  # the director does not work the till
    actions.cancel_receipt(world.bob, receipt, "Xizmat noto'g'ri tanlandi")
    with pytest.raises(ValidationError, match="already cancelled"):
        actions.cancel_receipt(world.bob, receipt, "Yana")
    receipt.refresh_from_db()
    assert receipt.cancelled and receipt.cancelled_by == world.bob and receipt.number == 1
    entry = AuditEntry.objects.get(action="services.receipt.cancel")
    assert entry.actor == world.bob and entry.changes["reason"] == "Xizmat noto'g'ri tanlandi"
    assert entry.institution == world.arnasoy
    assert AuditEntry.objects.filter(action="services.receipt.issue").count() == 1
    assert _issue(world, prices, D(2026, 2, 1)).number == 2


def test_receipt_pages_print_and_cancel(world: World, prices: PriceList, client: Client) -> None:
    login(client, world.bob)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("services:receipt_create"),
        {
            "service": prices.copy.pk,
            "quantity": "-3",
            "payer": "Ali",
            "method": "cash",
            "issued_on": "2026-03-01",
        },
    )
    assert (
        response.status_code == 200
        and b"more than zero" in response.content
        and b'value="Ali"' in response.content
    )
    response = client.post(
        reverse("services:receipt_create"),
        {
            "service": prices.copy.pk,
            "quantity": "3",
            "payer": "Ali",
            "method": "cash",
            "issued_on": "2026-03-01",
        },
    )
    receipt = Receipt.objects.get()
    assert response.status_code == 302 and receipt.amount == 1200 and receipt.issued_by == world.bob
    pdf = client.get(reverse("services:receipt_print", args=[receipt.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    response = client.post(reverse("services:receipt_cancel", args=[receipt.pk]), {"reason": ""})
    assert response.status_code == 200 and not Receipt.objects.get().cancelled
    client.post(reverse("services:receipt_cancel", args=[receipt.pk]), {"reason": "Xato"})
    assert Receipt.objects.get().cancelled


def test_daily_cash_summary_and_totals(world: World, prices: PriceList, client: Client) -> None:
    day = D(2026, 3, 10)
    _issue(world, prices, day)  # 4 000 cash
    _issue(world, prices, day, method=PaymentMethod.CARD, quantity=Decimal(5))  # 2 000 card
    _issue(world, prices, day, service=prices.hall, quantity=Decimal(1))  # 60 000 cash (rent)
    mistaken = _issue(world, prices, day, quantity=Decimal(100))
    actions.cancel_receipt(world.bob, mistaken, "Xato")
    _issue(world, prices, D(2026, 3, 11))  # another day
    login(client, world.alice)  # the director reads the cash summary
    client.cookies["django_language"] = "en"
    response = client.get(reverse("services:cash"), {"day": "2026-03-10"})
    summary = response.context["summary"]
    assert summary.total.amount == 66_000 and summary.total.count == 3
    methods = {line.label: line.amount for line in summary.by_method}
    assert methods == {"cash": 64_000, "card (terminal)": 2_000, "bank transfer": 0}
    services = {line.label: (line.quantity, line.amount) for line in summary.by_service}
    assert services == {"A4 nusxa ko'chirish": (15, 6_000), "Majlislar zali ijarasi": (1, 60_000)}
    assert [r.number for r in summary.cancelled] == [mistaken.number]
    xlsx = client.get(reverse("services:cash"), {"day": "2026-03-10", "format": "xlsx"})
    sheet = load_workbook(BytesIO(xlsx.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Majlislar zali ijarasi" in values and 66_000 in values
    totals = client.get(reverse("services:totals"), {"start": "2026-03-01", "end": "2026-03-31"})
    assert totals.context["summary"].total.amount == 70_000
    bad = client.get(reverse("services:totals"), {"start": "2026-03-31", "end": "2026-03-01"})
    assert b"before its start" in bad.content
