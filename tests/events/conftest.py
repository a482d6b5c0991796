"""Events fixtures: Arnasoy's bibliographer, a planned event, and a catalogue of copies to show."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from kutubxona.catalog import actions as catalog_actions
from kutubxona.catalog.models import Copy
from kutubxona.events import actions
from kutubxona.events.models import Event, EventKind
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Role
from tests.catalog.test_matching import book
from tests.conftest import PASSWORD, World

DAY = datetime.date(2021, 3, 20)


@pytest.fixture
def nodira(world: World) -> User:
    """Arnasoy's bibliographer: the other role (with the lending desk) that runs events."""
    return institution_actions.create_staff(
        None,
        world.arnasoy,
        username="nodira",
        password=PASSWORD,
        role=Role.BIBLIOGRAPHER,
        first_name="Nodira",
    )


def make_copies(institution: Institution, count: int, prefix: str = "") -> list[Copy]:
    record = catalog_actions.create_record(
        None, institution, book(f"Xamsa {prefix}", author="Navoiy, Alisher")
    )
    return [
        catalog_actions.create_copy(
            None, record, accession_number=f"{prefix}{i:04d}", barcode=f"{prefix}2000{i:04d}"
        )
        for i in range(1, count + 1)
    ]


@pytest.fixture
def copies(world: World) -> list[Copy]:
    return make_copies(world.arnasoy, 12)


def make_event(world: World, kind: str = EventKind.EVENT, day: datetime.date = DAY, **fields: Any) -> Event:
    values: dict[str, Any] = {"title": "Navro'z bayrami", "place_kind": "library"} | fields
    return actions.create_event(None, world.arnasoy, kind=kind, date=day, **values)


@pytest.fixture
def event(world: World) -> Event:
    return make_event(world)


@pytest.fixture
def client(client: Client) -> Client:
    """Pages in English, so messages are checked as written (one test checks the Uzbek)."""
    client.cookies["django_language"] = "en"
    return client
