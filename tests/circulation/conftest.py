"""Desk fixtures: a record with copies on Arnasoy's shelf, and readers registered at the desk."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from kutubxona.catalog import actions as catalog_actions
from kutubxona.catalog.models import Copy, CopyStatus
from kutubxona.institutions.models import Institution
from kutubxona.readers import actions as reader_actions
from kutubxona.readers.models import Reader, ReaderCategory
from tests.catalog.test_matching import book
from tests.conftest import World


def shelf(
    institution: Institution, count: int, title: str = "O'tkan kunlar", prefix: str = "", **fields: Any
) -> list[Copy]:
    """`count` copies of a new record, on the shelf (available), barcodes {prefix}1000...."""
    record = catalog_actions.create_record(None, institution, book(f"{title} {prefix}".strip()))
    return [
        catalog_actions.create_copy(
            None,
            record,
            accession_number=f"{prefix}{i:04d}",
            barcode=f"{prefix}1000{i:04d}",
            status=CopyStatus.AVAILABLE,
            **fields,
        )
        for i in range(1, count + 1)
    ]


def reader(institution: Institution, last_name: str = "Karimov", **fields: Any) -> Reader:
    values: dict[str, Any] = {
        "first_name": "Aziz",
        "birth_year": 1990,
        "category": ReaderCategory.TEACHER,
        "consent": True,
    }
    values.update(fields)
    return reader_actions.register_reader(None, institution, last_name=last_name, **values)


@pytest.fixture(autouse=True)
def _english_pages(client: Client) -> None:
    """Pages are checked in English (a user's language is otherwise Uzbek)."""
    client.cookies["django_language"] = "en"


@pytest.fixture
def copies(world: World) -> list[Copy]:
    return shelf(world.arnasoy, 4)


@pytest.fixture
def aziz(world: World) -> Reader:
    return reader(world.arnasoy)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
