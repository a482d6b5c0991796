"""Acquisitions fixtures: Arnasoy's cataloguer (dilnoza), records to receive copies of, helpers."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from kutubxona.acquisitions import actions
from kutubxona.acquisitions.actions import LineInput
from kutubxona.acquisitions.models import Receipt, Source
from kutubxona.catalog import actions as catalog_actions
from kutubxona.catalog.models import Record
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Role
from tests.catalog.test_matching import book
from tests.conftest import PASSWORD, World

DAY = datetime.date(2021, 3, 20)


@pytest.fixture
def dilnoza(world: World) -> User:
    """Arnasoy's cataloguer: she receives, withdraws and stock-takes (acquisitions.edit)."""
    return institution_actions.create_staff(
        None, world.arnasoy, username="dilnoza", password=PASSWORD, role=Role.CATALOGUER, first_name="Dilnoza"
    )


def make_record(institution: Institution, title: str = "O'tkan kunlar", **kwargs: Any) -> Record:
    return catalog_actions.create_record(None, institution, book(title, **kwargs))


@pytest.fixture
def record(world: World) -> Record:
    return make_record(world.arnasoy, isbn="9789943000018")


def receive(
    institution: Institution,
    record: Record | None,
    quantity: int,
    *,
    source: str = Source.PURCHASE,
    price: str = "25000",
    day: datetime.date = DAY,
    **fields: Any,
) -> Receipt:
    by_source: dict[str, dict[str, str]] = {
        Source.PURCHASE: {"party": "“Sharq” NMAK", "invoice_number": "F-12"},
        Source.GIFT_PERSON: {"party": "Qodirov Anvar", "deed_number": "7"},
        Source.GIFT_ORG: {"party": "Tuman hokimligi", "deed_number": "8"},
        Source.EXCHANGE: {"party": "Jizzax VAKM"},
        Source.LEGAL_DEPOSIT: {},
    }
    defaults = by_source[source]
    line = LineInput(
        quantity=quantity, price=Decimal(price), record=record, title="" if record else "Yangi kitob"
    )
    return actions.receive(None, institution, date=day, source=source, lines=[line], **(defaults | fields))


@pytest.fixture
def client(client: Client) -> Client:
    """Pages in English, so messages are checked as written."""
    client.cookies["django_language"] = "en"
    return client
