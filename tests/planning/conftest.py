"""A plan world: the built-in template and Arnasoy's 2021 plan with the seed's numbers."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from kutubxona.planning import actions, registry
from kutubxona.planning.builtin import ensure_template
from kutubxona.planning.demo import seed_values
from kutubxona.planning.models import Plan
from tests.conftest import World


def seed_targets() -> dict[str, dict[str, Decimal | None]]:
    """The seed reading's targets and last-year facts, as typed in the plan."""
    return {
        number: {
            "target": None if v.get("target") is None else Decimal(str(v["target"])),
            "last_year": None if v.get("last_year") is None else Decimal(str(v["last_year"])),
        }
        for number, v in seed_values().items()
    }


def make_plan(world: World, institution_code: str = "arnasoy", year: int = 2021) -> Plan:
    institution = getattr(world, institution_code)
    plan = actions.create_plan(None, institution, year, ensure_template())
    actions.set_values(None, plan, seed_targets())
    return plan


@pytest.fixture
def plan(world: World) -> Plan:
    return make_plan(world)


@pytest.fixture
def loans_typed_by_hand() -> Iterator[None]:
    """Line 17 as a line no domain counts, fed by typed facts (these tests use it so; the
    lending desk registers `circulation.loans` since session 3)."""
    metric = registry.get("circulation.loans")
    registry.unregister("circulation.loans")
    yield
    if metric is not None:
        registry.register(metric)
