"""The scanning page over HTTP: JSON for the page's script, a plain form post without it; closing."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse

from kutubxona.acquisitions import actions
from kutubxona.catalog.models import Copy, CopyStatus, Record
from tests.acquisitions.conftest import receive
from tests.conftest import World, login


def test_scans_as_json_and_as_a_form(client: Client, world: World, record: Record, dilnoza: object) -> None:
    receipt = receive(world.arnasoy, record, 3)
    Copy.objects.update(status=CopyStatus.AVAILABLE)
    codes = list(
        Copy.objects.filter(accession__line__receipt=receipt).values_list("accession_number", flat=True)
    )
    stocktake = actions.open_stocktake(
        None, world.arnasoy, title="Xatlov", started_on=datetime.date(2021, 8, 1)
    )
    login(client, dilnoza)  # type: ignore[arg-type]
    url = reverse("acquisitions:stocktake_scan", args=[stocktake.pk])
    data = client.post(url, {"code": codes[0]}, HTTP_ACCEPT="application/json").json()
    assert data["outcome"] == "found" and not data["repeated"]
    assert data["progress"]["accounted"] == 1 and data["progress"]["expected"] == 3
    again = client.post(url, {"code": codes[0]}, HTTP_ACCEPT="application/json").json()
    assert again["repeated"] and "counted once" in again["message"]
    empty = client.post(url, {"code": ""}, HTTP_ACCEPT="application/json")
    assert empty.status_code == 400 and empty.json()["error"]
    plain = client.post(url, {"code": codes[1]}, follow=True)
    assert "found" in plain.content.decode() and plain.redirect_chain[-1][1] == 302
    close = reverse("acquisitions:stocktake_close", args=[stocktake.pk])
    assert client.post(close, {"closed_on": "2021-08-05"}).status_code == 302
    report = client.get(stocktake.get_absolute_url()).content.decode()
    assert codes[2] in report and "Stock-take report" in report
    twice = client.post(close, {"closed_on": "2021-08-06"}, follow=True).content.decode()
    assert "already closed" in twice
    assert (
        client.get(
            reverse("acquisitions:stocktake_report", args=[stocktake.pk]), {"format": "xlsx"}
        ).status_code
        == 200
    )
