"""Staff personas for the registers of issue 8: an HR officer, a bibliographer, an ICT officer
of Arnasoy; and a plan of 2021 to see the lines move."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from kutubxona.hr import actions
from kutubxona.hr.models import Education, StaffMember
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Role
from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from tests.conftest import PASSWORD, World
from tests.planning.conftest import make_plan


def staff_user(institution: Institution, username: str, role: str) -> User:
    return institution_actions.create_staff(
        None, institution, username=username, password=PASSWORD, role=role, first_name=username.title()
    )


@pytest.fixture
def hilola(world: World) -> User:
    """Arnasoy's HR officer."""
    return staff_user(world.arnasoy, "hilola", Role.HR)


@pytest.fixture
def sherzod(world: World) -> User:
    """Arnasoy's bibliographer: documents and methodological help."""
    return staff_user(world.arnasoy, "sherzod", Role.BIBLIOGRAPHER)


@pytest.fixture
def jasur(world: World) -> User:
    """Arnasoy's ICT officer: security reports."""
    return staff_user(world.arnasoy, "jasur", Role.ICT)


@pytest.fixture
def plan2021(world: World) -> Plan:
    return make_plan(world)


def fact(plan: Plan, number: str) -> Decimal:
    return build_report(plan, Period.parse(plan.year, "year")).line(number).cumulative


def member(institution: Institution, name: str, **fields: Any) -> StaffMember:
    values: dict[str, Any] = {
        "position": "Kutubxonachi",
        "education": Education.HIGHER_IN_FIELD,
        "library_work_since": datetime.date(2010, 1, 1),
        "hired_on": datetime.date(2015, 1, 1),
        **fields,
    }
    return actions.create_staff_member(None, institution, full_name=name, **values)
