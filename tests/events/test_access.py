"""Tenancy (another district's events are not found), permissions (403) and the audit log."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kutubxona.catalog.models import Copy
from kutubxona.core.models import AuditEntry
from kutubxona.events import actions
from kutubxona.events.models import Event, EventKind
from kutubxona.institutions.models import User
from tests.conftest import World, login
from tests.events.conftest import make_event
from tests.events.test_bad_input import png


def test_another_district_gets_404(client: Client, world: World, event: Event) -> None:
    login(client, world.charlie)
    for name, args in [("detail", [event.pk]), ("edit", [event.pk])]:
        assert client.get(reverse(f"events:{name}", args=args)).status_code == 404
    assert client.post(reverse("events:held", args=[event.pk]), {"held-attendees": "5"}).status_code == 404
    assert client.post(reverse("events:item_add", args=[event.pk]), {"item-code": "1"}).status_code == 404
    assert "Navro" not in client.get(reverse("events:list")).content.decode()
    assert "Navro" not in client.get(reverse("events:calendar_month", args=[2021, 3])).content.decode()
    assert client.get(reverse("events:plan_year", args=[2021])).context["plan"].totals.total.planned == 0


def test_the_regional_methodist_reads_but_does_not_record(client: Client, world: World, event: Event) -> None:
    login(client, world.maria)
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 200
    assert client.post(reverse("events:held", args=[event.pk]), {"held-attendees": "5"}).status_code == 403
    event.refresh_from_db()
    assert event.status == "planned"


@pytest.mark.parametrize("who", ["alice", "dilnoza"])
def test_roles_without_events_edit_get_403(client: Client, world: World, event: Event, who: str) -> None:
    if who == "dilnoza":
        from kutubxona.institutions import actions as ia

        user = ia.create_staff(None, world.arnasoy, username="dilnoza", password=None, role="cataloguer")
    else:
        user = world.alice  # the director reads events; the services record them
    login(client, user)
    assert client.get(reverse("events:create")).status_code == 403
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 403
    assert client.post(reverse("events:held", args=[event.pk]), {"held-attendees": "5"}).status_code == 403
    assert client.post(reverse("events:status", args=[event.pk, "cancelled"])).status_code == 403
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 200
    assert (
        reverse("events:edit", args=[event.pk])
        not in client.get(reverse("events:detail", args=[event.pk])).content.decode()
    )


def test_actions_refuse_without_the_permission(world: World, event: Event) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.mark_held(world.alice, event, attendees=3)
    with pytest.raises(PermissionDenied):
        actions.create_event(world.charlie, world.arnasoy, kind="event", title="X", date=event.date)


def test_anonymous_is_sent_to_login(client: Client, event: Event) -> None:
    response = client.get(reverse("events:detail", args=[event.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_every_change_is_audited(world: World, nodira: User, copies: list[Copy]) -> None:
    exhibition = actions.create_event(
        nodira,
        world.arnasoy,
        kind=EventKind.EXHIBITION,
        title="Yangi kitoblar",
        date=make_event(world).date,
        organisers=[nodira],
    )
    item = actions.add_item(nodira, exhibition, copies[0].barcode)
    actions.remove_item(nodira, item)
    actions.update_event(nodira, exhibition, title="Yangi adabiyotlar")
    actions.mark_held(nodira, exhibition, attendees=20)
    photo = actions.add_photo(nodira, exhibition, png("zal.png"))
    actions.remove_photo(nodira, photo)
    actions.set_status(nodira, exhibition, "cancelled", "xato")
    entries = AuditEntry.objects.filter(actor=nodira, object_id=str(exhibition.pk)).order_by("id")
    assert [e.action for e in entries] == [
        "event.create",
        "event.item.add",
        "event.item.remove",
        "event.update",
        "event.held",
        "event.photo.add",
        "event.photo.remove",
        "event.cancel",
    ]
    assert entries[3].changes == {"title": ["Yangi kitoblar", "Yangi adabiyotlar"]}
    assert entries[4].changes["attendees"] == [None, 20]
    assert all(e.institution == world.arnasoy for e in entries)
