"""The reader's page lists their visits and interlibrary requests, linked to their pages."""

from __future__ import annotations

import datetime
from html import unescape

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kutubxona.institutions.roles import Role
from kutubxona.interlibrary import actions as ill_actions
from kutubxona.interlibrary.models import Direction
from tests.attendance.conftest import DAY, at, serve
from tests.circulation.conftest import reader
from tests.conftest import World, _staff, login


def test_the_readers_page_lists_visits_and_interlibrary_requests(client: Client, world: World) -> None:
    aziz, other = reader(world.arnasoy, "Karimov"), reader(world.arnasoy, "Boshqa")
    serve(world.arnasoy, aziz, at(DAY, 9))
    serve(world.arnasoy, aziz, at(DAY + datetime.timedelta(days=1), 10))
    serve(world.arnasoy, other, at(DAY, 11))
    today = timezone.localdate()
    asked = ill_actions.create_request(
        world.bob,
        world.arnasoy,
        direction=Direction.BORROW,
        partner_name="Samarqand viloyat AKM",
        item="Qodiriy A. Mehrobdan chayon",
        reader=aziz,
        reader_name=aziz.full_name,
        requested_on=today,
        due_on=today + datetime.timedelta(days=20),
    )
    login(client, world.alice)  # the director reads readers
    html = unescape(client.get(reverse("readers:detail", args=[aziz.pk])).content.decode())
    assert "2 ta qatnov qayd etilgan" in html  # the page in Uzbek, the staff's default
    day_page = reverse("attendance:day", args=[DAY.year, DAY.month, DAY.day])
    assert f'href="{day_page}?institution={world.arnasoy.pk}"' in html
    assert f'href="{reverse("interlibrary:detail", args=[asked.pk])}"' in html and "Mehrobdan chayon" in html
    nothing = unescape(client.get(reverse("readers:detail", args=[other.pk])).content.decode())
    assert "1 ta qatnov qayd etilgan" in nothing and "Kutubxonalararo so'rov yo'q." in nothing


def test_a_visits_link_opens_the_readers_library_day_for_a_regional_user(
    client: Client, world: World
) -> None:
    """A methodist of the region reads a district's reader: the day's page is the district's,
    not the region's own (which has none of the reader's visits)."""
    aziz = reader(world.arnasoy, "Karimov")
    serve(world.arnasoy, aziz, at(DAY, 9))
    login(client, _staff(world.region, "nodira", Role.METHODIST, "Nodira"))
    html = unescape(client.get(reverse("readers:detail", args=[aziz.pk])).content.decode())
    day_page = reverse("attendance:day", args=[DAY.year, DAY.month, DAY.day])
    link = f"{day_page}?institution={world.arnasoy.pk}"
    assert f'href="{link}"' in html
    assert "Karimov" in unescape(client.get(link).content.decode())
