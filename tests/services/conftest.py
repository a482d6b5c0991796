"""Services fixtures: Arnasoy's ICT specialist, a small price list, and helpers for files."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.pdfgen.canvas import Canvas

from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import User
from kutubxona.institutions.roles import Role
from kutubxona.services import actions
from kutubxona.services.models import Customer, DeliveryOrder, PaidService, PriceUnit, ServiceKind
from tests.conftest import PASSWORD, World

D = datetime.date


@dataclass
class PriceList:
    page: PaidService  # electronic delivery of a page, 500 so'm (2021: 300)
    copy: PaidService  # photocopy of a page, 400 so'm
    hall: PaidService  # rent of the hall, 60 000 so'm an hour


@pytest.fixture
def dana(world: World) -> User:
    """Arnasoy's ICT and digitisation specialist: delivers orders and issues receipts."""
    return institution_actions.create_staff(
        None, world.arnasoy, username="dana", password=PASSWORD, role=Role.ICT, first_name="Dana"
    )


def _service(world: World, name: str, kind: str, unit: str) -> PaidService:
    return actions.create_service(world.alice, world.arnasoy, name_uz=name, kind=kind, unit=unit)


@pytest.fixture
def prices(world: World) -> PriceList:
    page = _service(world, "Sahifani elektron yetkazib berish", ServiceKind.SERVICES, PriceUnit.PAGE)
    actions.set_price(world.alice, page, amount=Decimal(300), valid_from=D(2021, 1, 1))
    actions.set_price(world.alice, page, amount=Decimal(500), valid_from=D(2024, 1, 1))
    copy = _service(world, "A4 nusxa ko'chirish", ServiceKind.SERVICES, PriceUnit.PAGE)
    actions.set_price(world.alice, copy, amount=Decimal(400), valid_from=D(2021, 1, 1))
    hall = _service(world, "Majlislar zali ijarasi", ServiceKind.RENT, PriceUnit.HOUR)
    actions.set_price(world.alice, hall, amount=Decimal(60_000), valid_from=D(2021, 1, 1))
    return PriceList(page=page, copy=copy, hall=hall)


def pdf_upload(name: str = "copy.pdf") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Elektron nusxa")
    canvas.save()
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def order(actor: User, world: World, service: PaidService | None, **fields: Any) -> DeliveryOrder:
    values: dict[str, Any] = {
        "customer": Customer.DOMESTIC,
        "customer_name": "Nodira Rahimova",
        "phone": "+998 90 123 45 67",
        "wanted": "Boburnoma: 10 sahifa",
        "service": service,
        "quantity": Decimal(10),
        **fields,
    }
    return actions.create_order(actor, world.arnasoy, **values)
