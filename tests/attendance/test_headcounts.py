"""Headcounts of sectors without a desk: typed by the desk, checked, audited; their pages."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kutubxona.attendance import actions
from kutubxona.attendance.models import Headcount
from kutubxona.core.models import AuditEntry
from tests.attendance.conftest import DAY, headcount, sector
from tests.conftest import World, login


def test_create_update_delete_are_audited(world: World) -> None:
    counted = headcount(world, count=30, foreign=2)
    actions.update_headcount(world.bob, counted, count=35)
    actions.delete_headcount(world.bob, Headcount.objects.get(pk=counted.pk))
    entries = list(AuditEntry.objects.filter(action__startswith="headcount.").order_by("id"))
    assert [e.action for e in entries] == ["headcount.create", "headcount.update", "headcount.delete"]
    assert entries[1].changes == {"count": [30, 35]}
    assert not Headcount.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"count": -3}, "count", "cannot be negative"),
        ({"count": 5, "foreign": 6}, "foreign", "at most 5"),
        ({"day": timezone.localdate() + datetime.timedelta(days=1)}, "day", "is in the future"),
        ({"code": "lending"}, "sector", "counted at its desk"),
    ],
)
def test_bad_headcounts_are_refused_with_a_clear_message(
    world: World, fields: dict[str, object], field: str, message: str
) -> None:
    values: dict[str, object] = {
        "sector": sector(world.arnasoy, str(fields.pop("code", "youth"))),
        "day": DAY,
        "count": 10,
    }
    with pytest.raises(ValidationError) as refused:
        actions.create_headcount(world.bob, world.arnasoy, **(values | fields))
    assert message in " ".join(refused.value.message_dict[field])
    assert not Headcount.objects.exists()


def test_one_headcount_per_sector_and_day(world: World) -> None:
    headcount(world)
    with pytest.raises(ValidationError) as refused:
        headcount(world, count=4)
    assert "already has a headcount" in refused.value.message_dict["day"][0]
    headcount(world, code="e-resources")  # another sector that day is fine


def test_only_the_desk_of_the_institution_records_them(world: World) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_headcount(
            world.alice, world.arnasoy, sector=sector(world.arnasoy, "youth"), day=DAY, count=1
        )
    with pytest.raises(PermissionDenied):
        actions.create_headcount(
            world.bob, world.dostlik, sector=sector(world.dostlik, "youth"), day=DAY, count=1
        )


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(world: World, client: Client) -> None:
    login(client, world.bob)
    response = client.post(
        reverse("attendance:headcount_create"),
        {
            "sector": sector(world.arnasoy, "youth").pk,
            "day": DAY.isoformat(),
            "count": "-4",
            "note": "Kechki",
        },
    )
    assert response.status_code == 400
    assert "cannot be negative" in response.content.decode()
    assert 'value="Kechki"' in response.content.decode()
    response = client.post(
        reverse("attendance:headcount_create"),
        {"sector": sector(world.arnasoy, "youth").pk, "day": DAY.isoformat(), "count": "12", "foreign": "1"},
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "attendance:diary_month", args=[2021, 3]
    )
    assert Headcount.objects.get().count == 12


def test_desk_sectors_are_not_offered_in_the_form(world: World, client: Client) -> None:
    login(client, world.bob)
    page = client.get(reverse("attendance:headcount_create")).content.decode()
    assert str(sector(world.arnasoy, "youth").pk) in page
    assert f'value="{sector(world.arnasoy, "lending").pk}"' not in page


def test_tenancy_another_librarys_headcount_is_404_and_the_director_reads_only(
    world: World, client: Client
) -> None:
    counted = headcount(world)
    edit = reverse("attendance:headcount_edit", args=[counted.pk])
    delete = reverse("attendance:headcount_delete", args=[counted.pk])
    login(client, world.charlie)
    assert client.get(edit).status_code == 404
    assert client.post(delete).status_code == 404
    login(client, world.alice)  # the director opens it from the plan, read-only
    page = client.get(edit)
    assert page.status_code == 200 and "disabled" in page.content.decode()
    assert client.post(edit, {"count": 1}).status_code == 403
    assert client.post(delete).status_code == 403
    assert client.get(reverse("attendance:headcount_create")).status_code == 403
    login(client, world.bob)
    response = client.post(
        edit, {"sector": counted.sector_id, "day": DAY.isoformat(), "count": "31", "foreign": "0", "note": ""}
    )
    assert response.status_code == 302
    assert Headcount.objects.get().count == 31
    assert client.post(delete).status_code == 302
    assert not Headcount.objects.exists()


def test_the_list_shows_own_headcounts(world: World, client: Client) -> None:
    headcount(world, count=77)
    login(client, world.bob)
    cell = re.compile(r">\s*77\s*<")  # the count in a cell, not in a token
    page = client.get(reverse("attendance:headcounts"), {"month": "2021-03"}).content.decode()
    assert cell.search(page)
    login(client, world.charlie)  # another district, the same month
    page = client.get(reverse("attendance:headcounts"), {"month": "2021-03"}).content.decode()
    assert not cell.search(page)
