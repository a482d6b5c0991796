"""Draft → submitted → approved by the institution above; amendments keep the history."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kutubxona.core.models import AuditEntry
from kutubxona.planning import actions
from kutubxona.planning.models import Plan, PlanEvent, PlanLine, PlanStatus
from tests.conftest import World


def _line(plan: Plan, number: str) -> PlanLine:
    return PlanLine.objects.get(plan=plan, number=number)


def test_submit_and_approve_by_the_region(world: World, plan: Plan) -> None:
    actions.submit_plan(world.alice, plan)
    assert plan.status == PlanStatus.SUBMITTED
    with pytest.raises(PermissionDenied):
        actions.approve_plan(world.alice, plan)  # a director cannot approve their own plan
    with pytest.raises(PermissionDenied):
        actions.approve_plan(world.charlie, plan)  # nor another district's director
    actions.approve_plan(world.maria, plan, "Tasdiqlandi")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == world.maria
    assert list(PlanEvent.objects.filter(plan=plan).values_list("kind", flat=True)) == [
        "approved",
        "submitted",
    ]
    assert AuditEntry.objects.filter(
        action="plan.approve", actor=world.maria, institution=world.arnasoy
    ).exists()


def test_return_needs_a_comment(world: World, plan: Plan) -> None:
    actions.submit_plan(world.alice, plan)
    with pytest.raises(ValidationError):
        actions.return_plan(world.maria, plan, "  ")
    actions.return_plan(world.maria, plan, "10-qatorni aniqlashtiring")
    assert plan.status == PlanStatus.RETURNED
    actions.update_line(world.alice, _line(plan, "10"), target=Decimal(454))
    actions.submit_plan(world.alice, plan)  # a returned plan can be submitted again
    assert plan.status == PlanStatus.SUBMITTED


def test_an_approved_plan_is_changed_only_by_amendment(world: World, plan: Plan) -> None:
    actions.submit_plan(world.alice, plan)
    actions.approve_plan(world.maria, plan)
    line = _line(plan, "17")
    with pytest.raises(ValidationError, match="amendment with a reason"):
        actions.update_line(world.alice, line, target=Decimal(16000))
    with pytest.raises(ValidationError):
        actions.amend_line(world.alice, line, "", target=Decimal(16000))
    actions.amend_line(world.alice, line, "New reading room opened", target=Decimal(16000))
    assert _line(plan, "17").target == 16000
    event = PlanEvent.objects.get(plan=plan, kind="amended")
    assert (event.line_number, event.comment) == ("17", "New reading room opened")
    assert event.changes == {"target": ["15560.00", "16000.00"]}


def test_lending_desk_cannot_edit_targets(world: World, plan: Plan) -> None:
    with pytest.raises(PermissionDenied):
        actions.update_line(world.bob, _line(plan, "17"), target=Decimal(1))
    with pytest.raises(PermissionDenied):
        actions.submit_plan(world.bob, plan)


def test_facts_only_by_the_institutions_own_staff(world: World, plan: Plan) -> None:
    line = _line(plan, "17")
    with pytest.raises(PermissionDenied):
        actions.add_manual_fact(world.maria, line, date=datetime.date(2021, 5, 1), value=Decimal(1))
    with pytest.raises(PermissionDenied):
        actions.add_manual_fact(world.charlie, line, date=datetime.date(2021, 5, 1), value=Decimal(1))
    with pytest.raises(ValidationError):
        actions.add_manual_fact(world.bob, line, date=datetime.date(2022, 1, 1), value=Decimal(1))
    fact = actions.add_manual_fact(
        world.bob, line, date=datetime.date(2021, 5, 1), value=Decimal(3), note="diary"
    )
    assert AuditEntry.objects.get(action="plan.add_fact").changes["value"] == "3"
    actions.delete_manual_fact(world.bob, fact)
    assert not line.manual_facts.exists()


@pytest.mark.usefixtures("loans_typed_by_hand")
def test_draft_next_year_carries_the_facts(world: World, plan: Plan) -> None:
    actions.add_manual_fact(
        world.bob, _line(plan, "17"), date=datetime.date(2021, 6, 1), value=Decimal(15000)
    )
    actions.add_manual_fact(world.bob, _line(plan, "17"), date=datetime.date(2021, 12, 1), value=Decimal(700))
    nxt = actions.draft_next_year(world.alice, plan)
    assert (nxt.year, nxt.status) == (2022, PlanStatus.DRAFT)
    line = _line(nxt, "17")
    assert (line.last_year, line.target) == (Decimal(15700), None)
    assert PlanLine.objects.filter(plan=nxt).count() == 55
    with pytest.raises(ValidationError):
        actions.draft_next_year(world.alice, plan)


def test_add_and_remove_lines_of_a_draft(world: World, plan: Plan) -> None:
    with pytest.raises(ValidationError):
        actions.add_line(world.alice, plan, number="17", section="II", name_uz="Duplicate")
    line = actions.add_line(world.alice, plan, number="43", section="V", name_uz="Podkast", unit="times")
    assert line.order > _line(plan, "42.2").order
    with pytest.raises(ValidationError):
        actions.remove_line(world.alice, _line(plan, "10"))  # it has sub-lines
    actions.remove_line(world.alice, line)
    assert not PlanLine.objects.filter(plan=plan, number="43").exists()
