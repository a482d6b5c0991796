"""Who may open which services page: another district's rows are 404, a missing permission 403."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from kutubxona.core.models import AuditEntry
from kutubxona.institutions.models import User
from kutubxona.services import actions
from kutubxona.services.models import PaymentMethod
from tests.conftest import World, login
from tests.services.conftest import PriceList, order


@pytest.fixture
def rows(world: World, dana: User, prices: PriceList) -> dict[str, int]:
    placed = order(dana, world, prices.page)
    receipt = actions.record_payment(dana, placed, method=PaymentMethod.CASH)
    return {"order": placed.pk, "receipt": receipt.pk}


def test_another_district_gets_404(world: World, rows: dict[str, int], client: Client) -> None:
    charlie_desk = User.objects.create(username="dostlik.desk", institution=world.dostlik, role="lending")
    login(client, charlie_desk)
    for name, key in [
        ("services:order", "order"),
        ("services:receipt", "receipt"),
        ("services:receipt_print", "receipt"),
    ]:
        assert client.get(reverse(name, args=[rows[key]])).status_code == 404, name
    assert client.post(reverse("services:order_start", args=[rows["order"]])).status_code == 404
    assert (
        client.post(reverse("services:receipt_cancel", args=[rows["receipt"]]), {"reason": "x"}).status_code
        == 404
    )
    assert b"Nodira" not in client.get(reverse("services:index")).content
    # The regional methodist who approves the plan reads the records behind its lines, and no more.
    login(client, world.maria)
    assert client.get(reverse("services:order", args=[rows["order"]])).status_code == 200
    assert client.get(reverse("services:receipt", args=[rows["receipt"]])).status_code == 200
    assert client.get(reverse("services:receipt_create")).status_code == 403
    assert client.post(reverse("services:order_start", args=[rows["order"]])).status_code == 403


def test_roles(world: World, rows: dict[str, int], client: Client) -> None:
    login(client, world.alice)  # the director: price list, receipts and income; reads the desk's orders
    assert client.get(reverse("services:prices")).status_code == 200
    assert client.get(reverse("services:receipt", args=[rows["receipt"]])).status_code == 200
    assert client.get(reverse("services:cash")).status_code == 200
    assert b"Nodira" in client.get(reverse("services:receipts")).content
    assert client.get(reverse("services:service_create")).status_code == 200
    assert client.get(reverse("services:receipt_create")).status_code == 403
    assert client.get(reverse("services:order_create")).status_code == 403
    login(client, world.bob)  # the lending desk: orders and receipts, not the prices
    assert client.get(reverse("services:index")).status_code == 200
    assert client.get(reverse("services:order", args=[rows["order"]])).status_code == 200
    assert client.get(reverse("services:order_create")).status_code == 200
    assert client.get(reverse("services:receipt_create")).status_code == 200
    assert client.get(reverse("services:service_create")).status_code == 403
    client.logout()
    response = client.get(reverse("services:index"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_director_reads_an_order_without_its_work_forms(
    world: World, rows: dict[str, int], client: Client
) -> None:
    """The plan's drill-down of the deliveries line opens the order for the director, read-only."""
    login(client, world.alice)
    listed = client.get(reverse("services:index"))
    assert listed.status_code == 200 and reverse("services:order_create") not in listed.content.decode()
    page = client.get(reverse("services:order", args=[rows["order"]]))
    assert page.status_code == 200
    assert page.context["order"].pk == rows["order"] and not page.context["can_work"]
    for step in ("order_start", "order_upload", "order_pay", "order_cancel"):
        assert reverse(f"services:{step}", args=[rows["order"]]) not in page.content.decode()
    assert client.post(reverse("services:order_start", args=[rows["order"]])).status_code == 403
    login(client, world.bob)  # the desk that works the order still sees its steps
    page = client.get(reverse("services:order", args=[rows["order"]]))
    assert reverse("services:order_cancel", args=[rows["order"]]) in page.content.decode()


def test_home_shows_the_modules(world: World, client: Client) -> None:
    login(client, world.bob)
    codes = {m.code for m in client.get(reverse("home")).context["modules"]}
    assert "services" in codes and "prices" not in codes
    login(client, world.alice)
    codes = {m.code for m in client.get(reverse("home")).context["modules"]}
    assert "prices" in codes and "services" not in codes


def test_every_step_of_an_order_is_audited(world: World, dana: User, prices: PriceList) -> None:
    placed = order(dana, world, prices.page, free=True, quantity=Decimal(3))
    actions.start_work(dana, placed)
    actions.mark_delivered(dana, placed)
    entries = AuditEntry.objects.filter(object_type="services.DeliveryOrder", object_id=str(placed.pk))
    assert list(entries.order_by("id").values_list("action", "actor_name")) == [
        ("services.order.create", "dana"),
        ("services.order.start", "dana"),
        ("services.order.deliver", "dana"),
    ]
    assert entries.order_by("id").last().changes["status"] == ["in_work", "delivered"]  # type: ignore[union-attr]
    assert all(entry.institution == world.arnasoy for entry in entries)
