"""A training opened by someone who may read it but not edit it (the director, from the plan's
drill-down) is shown read-only and cannot be changed; the HR officer's edit changes what was
changed, participants included."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse

from kutubxona.core.models import AuditEntry
from kutubxona.hr import actions
from kutubxona.hr.models import Direction, Training
from kutubxona.institutions.models import User
from tests.conftest import World, login
from tests.hr.conftest import member


def _training(hilola: User, world: World) -> Training:
    return actions.create_training(
        hilola,
        world.arnasoy,
        topic="UDK bo'yicha seminar",
        organiser="Arnasoy AKM",
        form="seminar",
        direction=Direction.GIVEN,
        starts_on=datetime.date(2021, 6, 1),
        ends_on=datetime.date(2021, 6, 1),
        hours=4,
        external_participants=12,
        participants=[member(world.arnasoy, "Karimova Dilnoza")],
    )


def test_the_director_sees_a_training_read_only(world: World, hilola: User, client: Client) -> None:
    training = _training(hilola, world)
    url = reverse("hr:training", args=[training.pk])
    response = login(client, world.alice).get(url)
    assert response.status_code == 200
    assert response.context["read_only"] is True
    assert all(field.disabled for field in response.context["form"].fields.values())
    assert client.post(url, {"topic": "Boshqa"}).status_code == 403
    training.refresh_from_db()
    assert training.topic == "UDK bo'yicha seminar"


def test_the_hr_officer_edits_only_what_changed(world: World, hilola: User, client: Client) -> None:
    training = _training(hilola, world)
    url = reverse("hr:training", args=[training.pk])
    response = login(client, hilola).get(url)
    assert response.context["read_only"] is False
    assert not any(field.disabled for field in response.context["form"].fields.values())
    other = member(world.arnasoy, "Saidova Malika")
    posted = {
        "topic": "UDK va BBK bo'yicha seminar",
        "organiser": "Arnasoy AKM",
        "form": "seminar",
        "direction": Direction.GIVEN,
        "starts_on": "2021-06-01",
        "ends_on": "2021-06-01",
        "hours": "4",
        "external_participants": "12",
        "participants": [other.pk],
    }
    assert client.post(url, posted).status_code == 302
    entry = AuditEntry.objects.get(action="hr.training.update")
    assert set(entry.changes) == {"topic", "participants"}
    assert entry.changes["participants"][1] == ["Saidova Malika"]
    assert list(Training.objects.get().participants.all()) == [other]
