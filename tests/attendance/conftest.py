"""Visits fixtures: a moment at Arnasoy's desk, the sectors by code, a headcount maker."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kutubxona.attendance import actions
from kutubxona.attendance.models import Headcount
from kutubxona.core.signals import reader_served
from kutubxona.institutions.models import Institution, Sector
from kutubxona.readers import actions as readers_actions
from kutubxona.readers.models import Reader
from tests.conftest import World

DAY = datetime.date(2021, 3, 15)


def sector(institution: Institution, code: str) -> Sector:
    return Sector.objects.get(institution=institution, code=code)


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def reader(institution: Institution, number: int) -> Reader:
    """The library's test reader `number` (card `T<number>`), registered on first use."""
    found = Reader.objects.filter(institution=institution, card=f"T{number}").first()
    return found or readers_actions.register_reader(
        None,
        institution,
        card=f"T{number}",
        last_name=f"Reader{number}",
        first_name="Test",
        category="other",
        consent=True,
    )


def serve(
    institution: Institution,
    who: Reader | int,
    when: datetime.datetime,
    code: str | None = "lending",
    **extra: Any,
) -> None:
    """What the lending desk does when it serves a reader (inside its own transaction); `who`
    a reader or the number of the library's test reader."""
    reader_served.send(
        sender=None,
        institution=institution,
        sector=sector(institution, code) if code else None,
        reader_id=(who if isinstance(who, Reader) else reader(institution, who)).pk,
        when=when,
        foreign=extra.get("foreign", False),
    )


def headcount(
    world: World, code: str = "youth", day: datetime.date = DAY, count: int = 30, foreign: int = 0
) -> Headcount:
    return actions.create_headcount(
        world.bob, world.arnasoy, sector=sector(world.arnasoy, code), day=day, count=count, foreign=foreign
    )


@pytest.fixture
def client(client: Client) -> Client:
    """Pages in English, so messages are checked as written."""
    client.cookies["django_language"] = "en"
    return client
