"""The demo gives Arnasoy a price list, a year of deliveries and receipts, and work in progress."""

from __future__ import annotations

from django.utils import timezone

from kutubxona.institutions.models import Institution
from kutubxona.planning import registry
from kutubxona.planning.demo import SEED_YEAR, simulated_entries
from kutubxona.services.models import DeliveryOrder, OrderStatus, PaidService, Receipt


def test_demo_feeds_lines_23_and_42(demo: str) -> None:
    arnasoy = Institution.tree.get(code="arnasoy")
    deliveries, income = registry.get("services.deliveries"), registry.get("services.income")
    assert deliveries is not None and income is not None
    for year in (SEED_YEAR, timezone.localdate().year):
        start, end = (
            timezone.localdate().replace(year=year, month=1, day=1),
            timezone.localdate().replace(year=year, month=12, day=31),
        )
        expected = sum(amount for _day, amount in simulated_entries(arnasoy, year, "23"))
        counted = deliveries.count([arnasoy.pk], start, end, {})[arnasoy.pk]
        assert expected * 0.95 <= counted <= expected  # each customer's share is rounded down
        rent = sum(amount for _day, amount in simulated_entries(arnasoy, year, "42.2"))
        assert (
            rent - 1000 * 12 <= income.count([arnasoy.pk], start, end, {"kind": "rent"})[arnasoy.pk] <= rent
        )
        services = sum(amount for _day, amount in simulated_entries(arnasoy, year, "42.1"))
        assert income.count([arnasoy.pk], start, end, {"kind": "services"})[arnasoy.pk] >= services
    in_progress = DeliveryOrder.objects.filter(institution=arnasoy, ordered_on=timezone.localdate())
    assert {o.status for o in in_progress} >= {OrderStatus.NEW, OrderStatus.IN_WORK, OrderStatus.READY}
    assert PaidService.objects.filter(institution=arnasoy).exists()
    assert Receipt.objects.filter(institution__code="zomin").exists()
