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
from tests.conftest import World

DAY = datetime.date(2021, 3, 15)


def sector(institution: Institution, code: str) -> Sector:
    return Sector.objects.get(institution=institution, code=code)


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def serve(
    institution: Institution,
    reader_id: int,
    when: datetime.datetime,
    code: str | None = "lending",
    **extra: Any,
) -> None:
    """What the lending desk does when it serves a reader (inside its own transaction)."""
    reader_served.send(
        sender=None,
        institution=institution,
        sector=sector(institution, code) if code else None,
        reader_id=reader_id,
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
