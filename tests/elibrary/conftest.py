"""Arnasoy's digitisation officer (iroda) and cataloguer (dilnoza), records with and without
files, and a collection and a board to put them in."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from kutubxona.catalog import actions as catalog_actions
from kutubxona.catalog import fulltext
from kutubxona.catalog.models import AccessLevel, FullText, Record
from kutubxona.elibrary import actions
from kutubxona.elibrary.models import FullTextCollection, Purpose, QrBoard
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Role
from tests.catalog.test_fulltext import pdf_bytes
from tests.catalog.test_matching import book
from tests.conftest import PASSWORD, World


@pytest.fixture(autouse=True)
def _english_pages(client: Client) -> None:
    client.cookies["django_language"] = "en"


@pytest.fixture
def iroda(world: World) -> User:
    """Arnasoy's ICT and digitisation officer: keeps the collections and the boards."""
    return institution_actions.create_staff(
        None, world.arnasoy, username="iroda", password=PASSWORD, role=Role.ICT, first_name="Iroda"
    )


@pytest.fixture
def dilnoza(world: World) -> User:
    """Arnasoy's cataloguer: adds items to collections, keeps no board."""
    return institution_actions.create_staff(
        None, world.arnasoy, username="dilnoza", password=PASSWORD, role=Role.CATALOGUER, first_name="Dilnoza"
    )


def make_book(
    institution: Institution, title: str, access: str | None = AccessLevel.PUBLIC, **kw: object
) -> Record:
    """A record, with a PDF file at `access` (None: no file)."""
    record = catalog_actions.create_record(None, institution, book(title, **kw))  # type: ignore[arg-type]
    if access is not None:
        fulltext.attach(None, record, io.BytesIO(pdf_bytes(title)), name=f"{title[:20]}.pdf", access=access)
    return record


def file_of(record: Record) -> FullText:
    return FullText.objects.get(record=record)


@pytest.fixture
def collection(world: World) -> FullTextCollection:
    return actions.create_collection(
        None, world.arnasoy, name="Arnasoy o'lkashunosligi", purpose=Purpose.LOCAL_HISTORY, is_public=True
    )


@pytest.fixture
def board(world: World) -> QrBoard:
    return actions.create_board(
        None, world.arnasoy, title="Elektron kitoblar", place="Aydar ko'li mehmonxonasi"
    )
