"""Staff records and trainings: forms, bad input, plan line 38, tenancy, audit."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kutubxona.core.models import AuditEntry
from kutubxona.hr import actions
from kutubxona.hr.models import Direction, StaffMember, Training
from kutubxona.institutions.models import User
from kutubxona.planning.models import Plan
from tests.conftest import World, login
from tests.hr.conftest import fact, member

TRAINING = {
    "topic": "Kataloglashtiruvchi maktabi",
    "organiser": "Milliy kutubxona",
    "form": "course",
    "direction": "attended",
    "starts_on": "2021-05-10",
    "ends_on": "2021-05-14",
    "hours": "36",
    "external_participants": "0",
}


def test_hr_officer_adds_a_staff_member(world: World, hilola: User, client: Client) -> None:
    login(client, hilola)
    client.cookies["django_language"] = "en"
    service = world.arnasoy.services.get(code="FT")
    data = {
        "full_name": "Abdullayeva Feruza",
        "position": "Kataloglashtiruvchi",
        "service": service.pk,
        "education": "higher_other",
        "library_work_since": "2019-09-02",
        "hired_on": "2019-09-02",
        "rate": "0.50",
    }
    assert client.post(reverse("hr:staff_create"), data).status_code == 302
    created = StaffMember.objects.get()
    assert created.institution == world.arnasoy and str(created.rate) == "0.50"
    assert AuditEntry.objects.filter(action="hr.staff.create", actor=hilola).exists()
    # Leaving before being hired: a clear message, the typed name kept, nothing changed.
    response = client.post(
        reverse("hr:staff_edit", args=[created.pk]),
        {**data, "left_on": "2019-01-01", "full_name": "Yangi ism"},
    )
    assert response.status_code == 200
    assert "The date of leaving is before the date of hiring." in response.content.decode()
    assert "Yangi ism" in response.content.decode()
    created.refresh_from_db()
    assert created.left_on is None and created.full_name == "Abdullayeva Feruza"


def test_a_training_moves_plan_line_38(world: World, plan2021: Plan, hilola: User, client: Client) -> None:
    dilnoza = member(world.arnasoy, "Karimova Dilnoza")
    login(client, hilola)
    assert fact(plan2021, "38") == 0
    response = client.post(reverse("hr:training_create"), {**TRAINING, "participants": [dilnoza.pk]})
    assert response.status_code == 302
    training = Training.objects.get()
    assert list(training.participants.all()) == [dilnoza]
    # The log names the participants (it held their ids, meaningless to its reader).
    assert AuditEntry.objects.get(action="hr.training.create").changes["participants"] == ["Karimova Dilnoza"]
    actions.create_training(
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
    )
    assert fact(plan2021, "38") == 2  # attended and given both count
    assert AuditEntry.objects.filter(action="hr.training.create").count() == 2


def test_a_training_ending_before_it_starts_is_refused(world: World, hilola: User, client: Client) -> None:
    login(client, hilola)
    client.cookies["django_language"] = "uz"  # the default language: the message in Uzbek
    response = client.post(reverse("hr:training_create"), {**TRAINING, "ends_on": "2021-05-01"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Oxirgi kun birinchi kundan oldin." in text and "Kataloglashtiruvchi maktabi" in text
    assert not Training.objects.exists()
    with pytest.raises(ValidationError):
        actions.create_training(
            None,
            world.arnasoy,
            topic="x",
            organiser="y",
            form="course",
            direction=Direction.ATTENDED,
            starts_on=datetime.date(2021, 5, 2),
            ends_on=datetime.date(2021, 5, 1),
            hours=2,
        )


def test_participants_of_another_district_are_refused(world: World) -> None:
    outsider = member(world.dostlik, "Boshqa")
    with pytest.raises(ValidationError):
        actions.create_training(
            None,
            world.arnasoy,
            participants=[outsider],
            topic="x",
            organiser="y",
            form="course",
            direction=Direction.ATTENDED,
            starts_on=datetime.date(2021, 5, 1),
            ends_on=datetime.date(2021, 5, 1),
            hours=2,
        )


def test_staff_pages_are_scoped(world: World, hilola: User, client: Client) -> None:
    dilnoza = member(world.arnasoy, "Karimova Dilnoza")
    charlie_hr = User.objects.create(username="dostlik-hr", institution=world.dostlik, role="hr")
    login(client, charlie_hr)
    assert client.get(reverse("hr:staff_edit", args=[dilnoza.pk])).status_code == 404
    assert "Karimova" not in client.get(reverse("hr:list")).content.decode()
    login(client, hilola)
    assert "Karimova" in client.get(reverse("hr:list")).content.decode()
