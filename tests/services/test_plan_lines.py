"""The work plan's lines 23, 23.1-23.3, 42.1 and 42.2 are counted from orders and receipts."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import User
from kutubxona.institutions.roles import Role
from kutubxona.planning import registry
from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from kutubxona.services import actions, metrics
from kutubxona.services.models import Customer, PaymentMethod
from tests.conftest import PASSWORD, World, login
from tests.planning.conftest import make_plan
from tests.services.conftest import PriceList, order, pdf_upload

LINES = ["23", "23.1", "23.2", "23.3", "42", "42.1", "42.2"]


def _facts(plan: Plan) -> dict[str, Decimal]:
    report = build_report(plan, Period.parse(plan.year, "year"))
    return {number: report.line(number).cumulative for number in LINES}


def _moved(before: dict[str, Decimal], after: dict[str, Decimal]) -> dict[str, Decimal]:
    return {number: after[number] - before[number] for number in LINES if after[number] != before[number]}


def test_a_paid_delivery_through_its_link_and_a_rent_move_the_plan(
    world: World, dana: User, prices: PriceList, client: Client
) -> None:
    plan = make_plan(world, year=timezone.localdate().year)
    before = _facts(plan)
    # A domestic reader orders 10 pages of one article (one electronic copy), pays 5 000 so'm.
    placed = order(dana, world, prices.page, quantity=Decimal(10))
    actions.start_work(dana, placed)
    actions.attach_copy(dana, placed, pdf_upload())
    actions.record_payment(dana, placed, method=PaymentMethod.CASH)
    assert _moved(before, _facts(plan)) == {"42": 5000, "42.1": 5000}  # paid, not yet delivered
    client.get(reverse("services:download_file", args=[placed.token]))
    assert _moved(before, _facts(plan)) == {"23": 1, "23.1": 1, "42": 5000, "42.1": 5000}
    # A rent of the hall for 3 hours moves 42.2.
    actions.issue_receipt(
        world.bob,
        world.arnasoy,
        service=prices.hall,
        quantity=Decimal(3),
        payer="MChJ",
        method=PaymentMethod.TRANSFER,
    )
    assert _moved(before, _facts(plan)) == {"23": 1, "23.1": 1, "42": 185_000, "42.1": 5000, "42.2": 180_000}


def test_copies_by_customer_and_cancelled_receipts(world: World, dana: User, prices: PriceList) -> None:
    plan = make_plan(world, year=timezone.localdate().year)
    before = _facts(plan)
    for customer, copies in [(Customer.FOREIGN, 3), (Customer.LIBRARY, 20)]:
        placed = order(
            dana, world, prices.page, customer=customer, copies=copies, country="Turkiya", free=True
        )
        actions.start_work(dana, placed)
        actions.mark_delivered(dana, placed)  # sent by e-mail
    receipt = actions.issue_receipt(
        world.bob,
        world.arnasoy,
        service=prices.copy,
        quantity=Decimal(5),
        payer="Ali",
        method=PaymentMethod.CASH,
    )
    assert _moved(before, _facts(plan)) == {"23": 23, "23.2": 3, "23.3": 20, "42": 2000, "42.1": 2000}
    actions.cancel_receipt(world.bob, receipt, "Noto'g'ri xizmat tanlandi")
    assert _moved(before, _facts(plan)) == {"23": 23, "23.2": 3, "23.3": 20}
    # Another district's work does not count here.
    other = make_plan(world, "dostlik", year=plan.year)
    assert _facts(other)["23"] == before["23"]


def test_drill_down_rows_link_to_orders_and_receipts(world: World, dana: User, prices: PriceList) -> None:
    placed = order(dana, world, prices.page, free=True, copies=2)
    actions.start_work(dana, placed)
    actions.mark_delivered(dana, placed)
    receipt = actions.issue_receipt(
        world.bob,
        world.arnasoy,
        service=prices.hall,
        quantity=Decimal(1),
        payer="MChJ",
        method=PaymentMethod.CASH,
    )
    today = timezone.localdate()
    assert registry.get("services.deliveries") is not None and registry.get("services.income") is not None
    (row,) = metrics.delivery_rows([world.arnasoy.pk], today, today, {"customer": "domestic"}, 10)
    assert row.value == 2 and row.url == reverse("services:order", args=[placed.pk])
    (row,) = metrics.income_rows([world.arnasoy.pk], today, today, {"kind": "rent"}, 10)
    assert row.value == 60_000 and row.url == reverse("services:receipt", args=[receipt.pk])
    assert metrics.income_rows([world.arnasoy.pk], today, today, {"kind": "services"}, 10) == []


def test_the_drill_down_links_a_receipt_only_for_who_may_open_it(
    world: World, prices: PriceList, client: Client
) -> None:
    """A cataloguer reads the plan but not the receipts: the link was a 403 (the demo walk)."""
    plan = make_plan(world, year=timezone.localdate().year)
    receipt = actions.issue_receipt(
        world.bob,
        world.arnasoy,
        service=prices.hall,
        quantity=Decimal(1),
        payer="MChJ",
        method=PaymentMethod.CASH,
    )
    cataloguer = institution_actions.create_staff(
        None, world.arnasoy, username="dilnoza", password=PASSWORD, role=Role.CATALOGUER
    )
    line = reverse("planning:line", args=[plan.pk, "42.2"])
    link = f'href="{reverse("services:receipt", args=[receipt.pk])}"'
    page = login(client, cataloguer).get(line).content.decode()
    assert f"№{receipt}" in page and link not in page
    assert client.get(reverse("services:receipt", args=[receipt.pk])).status_code == 403
    assert link in login(client, world.alice).get(line).content.decode()
