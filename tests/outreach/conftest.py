"""Outreach fixtures: Arnasoy's ICT specialist (who keeps the website and channels) and a plan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client

from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import User
from kutubxona.institutions.roles import Role
from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from tests.conftest import PASSWORD, World
from tests.planning.conftest import make_plan


@pytest.fixture
def ilhom(world: World) -> User:
    return institution_actions.create_staff(
        None, world.arnasoy, username="ilhom", password=PASSWORD, role=Role.ICT, first_name="Ilhom"
    )


@pytest.fixture
def plan(world: World) -> Plan:
    return make_plan(world)


@pytest.fixture
def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def line_fact(plan: Plan, number: str, year: int = 2021) -> Decimal:
    return build_report(plan, Period.parse(year, "year")).line(number).cumulative
