"""The price list: a new price closes the old one, overlaps are refused, the director approves."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from kutubxona.core.models import AuditEntry
from kutubxona.services import actions
from kutubxona.services.models import PaidService, Price, PriceUnit, ServiceKind
from tests.conftest import World, login
from tests.services.conftest import D, PriceList


def test_a_new_price_closes_the_previous_one(world: World, prices: PriceList) -> None:
    old, new = Price.objects.filter(service=prices.page).order_by("valid_from")
    assert (old.valid_from, old.valid_to) == (D(2021, 1, 1), D(2023, 12, 31))
    assert (new.valid_from, new.valid_to) == (D(2024, 1, 1), None)
    assert prices.page.price_on(D(2023, 12, 31)) == old
    assert prices.page.price_on(D(2024, 1, 1)) == new
    assert prices.page.price_on(D(2020, 12, 31)) is None
    assert actions.unit_price(prices.page, D(2026, 5, 1)) == Decimal(500)
    actions_logged = list(
        AuditEntry.objects.filter(object_type="services.Price").values_list("action", "actor_name")
    )
    assert ("services.price.close", "alice") in actions_logged
    assert ("services.price.create", "alice") in actions_logged


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2022, 6, 1), None),  # inside the closed 2021-2023 price
        (D(2020, 6, 1), D(2021, 1, 1)),  # ends on the first day of the first price
        (D(2024, 1, 1), None),  # the same day as the open price
        (D(2019, 1, 1), None),  # open-ended before every price
    ],
)
def test_overlapping_validity_is_refused_and_nothing_changes(
    world: World, prices: PriceList, start: D, end: D | None
) -> None:
    before = list(Price.objects.filter(service=prices.page).values_list("amount", "valid_from", "valid_to"))
    with pytest.raises(ValidationError, match="overlaps the price of"):
        actions.set_price(world.alice, prices.page, amount=Decimal(700), valid_from=start, valid_to=end)
    after = list(Price.objects.filter(service=prices.page).values_list("amount", "valid_from", "valid_to"))
    assert after == before


def test_a_price_for_an_earlier_free_period_is_accepted(world: World, prices: PriceList) -> None:
    actions.set_price(
        world.alice, prices.page, amount=Decimal(250), valid_from=D(2020, 1, 1), valid_to=D(2020, 12, 31)
    )
    assert prices.page.price_on(D(2020, 7, 1)).amount == 250  # type: ignore[union-attr]
    assert prices.page.price_on(D(2021, 7, 1)).amount == 300  # type: ignore[union-attr]


def test_bad_prices_are_refused(world: World, prices: PriceList) -> None:
    with pytest.raises(ValidationError, match="negative"):
        actions.set_price(world.alice, prices.copy, amount=Decimal(-1), valid_from=D(2030, 1, 1))
    with pytest.raises(ValidationError, match="before its start"):
        actions.set_price(
            world.alice, prices.copy, amount=Decimal(1), valid_from=D(2030, 1, 2), valid_to=D(2030, 1, 1)
        )


def test_only_the_director_approves_prices(world: World, prices: PriceList) -> None:
    with pytest.raises(PermissionDenied):
        actions.set_price(world.bob, prices.copy, amount=Decimal(1), valid_from=D(2030, 1, 1))
    with pytest.raises(PermissionDenied):
        actions.create_service(
            world.bob, world.arnasoy, name_uz="X", kind=ServiceKind.SERVICES, unit=PriceUnit.PAGE
        )
    with pytest.raises(PermissionDenied):  # another district's director
        actions.set_price(world.charlie, prices.copy, amount=Decimal(1), valid_from=D(2030, 1, 1))


def test_price_page_refuses_an_overlap_with_a_clear_message(
    world: World, prices: PriceList, client: Client
) -> None:
    login(client, world.alice)
    client.cookies["django_language"] = "en"
    prefix = f"s{prices.page.pk}"
    response = client.post(
        reverse("services:price_create", args=[prices.page.pk]),
        {f"{prefix}-amount": "900", f"{prefix}-valid_from": "2022-03-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    text = response.content.decode()
    assert response.status_code == 200 and "overlaps the price of 300 so&#x27;m" in text
    assert 'value="900"' in text  # what was typed is kept
    assert Price.objects.filter(service=prices.page).count() == 2
    response = client.post(
        reverse("services:price_create", args=[prices.page.pk]),
        {f"{prefix}-amount": "900", f"{prefix}-valid_from": "2027-01-01"},
    )
    assert response.status_code == 302
    assert prices.page.price_on(D(2027, 1, 1)).amount == 900  # type: ignore[union-attr]


def test_director_adds_a_service_with_its_price(world: World, client: Client) -> None:
    login(client, world.alice)
    response = client.post(
        reverse("services:service_create"),
        {
            "name_uz": "Internet (1 soat)",
            "kind": "services",
            "unit": "hour",
            "amount": "5000",
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 302
    service = PaidService.objects.get(name_uz="Internet (1 soat)")
    assert service.institution == world.arnasoy and service.price_on(D(2026, 2, 1)).amount == 5000  # type: ignore[union-attr]


def test_price_list_page_and_pdf(world: World, prices: PriceList, client: Client) -> None:
    login(client, world.bob)  # the desk reads the price list, but does not change it
    page = client.get(reverse("services:prices")).content.decode()
    assert "A4 nusxa ko&#x27;chirish" in page and "New price" not in page and "Yangi narx" not in page
    pdf = client.get(reverse("services:prices_print"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("services:service_create")).status_code == 403
    login(client, world.charlie)  # another district sees its own (empty) price list
    assert "A4 nusxa" not in client.get(reverse("services:prices")).content.decode()
