"""Tenancy (another district's rows are 404) and permissions (403 without acquisitions.edit)."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse

from kutubxona.acquisitions import actions
from kutubxona.catalog.models import Record
from tests.acquisitions.conftest import receive
from tests.conftest import World, login


def test_another_district_gets_404(client: Client, world: World, record: Record) -> None:
    receipt = receive(world.arnasoy, record, 2)
    stocktake = actions.open_stocktake(None, world.arnasoy, title="X", started_on=datetime.date(2021, 8, 1))
    login(client, world.charlie)
    assert client.get(reverse("acquisitions:receipt", args=[receipt.pk])).status_code == 404
    assert client.get(reverse("acquisitions:stocktake", args=[stocktake.pk])).status_code == 404
    assert "Sharq" not in client.get(reverse("acquisitions:receipts")).content.decode()


def test_the_lending_desk_reads_the_drill_down_but_may_not_receive(
    client: Client, world: World, record: Record
) -> None:
    receipt = receive(world.arnasoy, record, 2)
    stocktake = actions.open_stocktake(None, world.arnasoy, title="X", started_on=datetime.date(2021, 8, 1))
    login(client, world.bob)
    assert client.get(reverse("acquisitions:receipt", args=[receipt.pk])).status_code == 200
    assert client.get(reverse("acquisitions:receipts")).status_code == 403
    assert client.get(reverse("acquisitions:receipt_create")).status_code == 403
    response = client.post(reverse("acquisitions:stocktake_scan", args=[stocktake.pk]), {"code": "1"})
    assert response.status_code == 403 and not stocktake.scans.exists()


def test_the_director_reads_the_register_but_may_not_withdraw(client: Client, world: World) -> None:
    login(client, world.alice)
    assert client.get(reverse("acquisitions:register")).status_code == 200
    assert client.get(reverse("acquisitions:withdrawal_create")).status_code == 403


def test_the_methodist_reads_a_districts_register(client: Client, world: World, record: Record) -> None:
    receive(world.arnasoy, record, 2, day=datetime.date(2021, 2, 1))
    login(client, world.maria)
    url = reverse("acquisitions:register_year", args=[2021])
    page = client.get(url, {"institution": str(world.arnasoy.pk)})
    assert page.status_code == 200 and "Arnasoy AKM" in page.content.decode()
    assert page.context["doc"].sections[2].rows[1][1] == 2  # received
    assert client.get(url, {"institution": str(world.national.pk)}).status_code == 404
    login(client, world.charlie)
    assert client.get(url, {"institution": str(world.arnasoy.pk)}).status_code == 404
