"""Staff accounts: who may create and change them, and what a form error keeps."""

from django.test import Client
from django.urls import reverse

from kutubxona.core.models import AuditEntry
from kutubxona.institutions.models import User
from tests.conftest import World, login

NEW_STAFF = {
    "username": "dilnoza",
    "password": "Kitob-2021-uzun",
    "first_name": "Dilnoza",
    "last_name": "Karimova",
    "email": "",
    "position": "Bosh kutubxonachi",
    "role": "cataloguer",
    "service": "",
    "is_active": "on",
}


def test_director_creates_a_staff_account(world: World, client: Client) -> None:
    login(client, world.alice)
    service = world.arnasoy.services.get(code="FT")
    response = client.post(
        reverse("institutions:staff_create", args=["arnasoy"]), {**NEW_STAFF, "service": service.pk}
    )
    assert response.status_code == 302
    user = User.objects.get(username="dilnoza")
    assert (user.institution, user.role, user.service) == (world.arnasoy, "cataloguer", service)
    assert user.check_password("Kitob-2021-uzun")
    entry = AuditEntry.objects.get(action="staff.create", actor=world.alice)
    assert (entry.actor, entry.institution, entry.object_id) == (world.alice, world.arnasoy, str(user.pk))
    assert entry.changes["role"] == "cataloguer"


def test_form_error_keeps_what_was_typed(world: World, client: Client) -> None:
    login(client, world.alice)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("institutions:staff_create", args=["arnasoy"]), {**NEW_STAFF, "username": "bob"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "already exists" in form.errors["username"][0]
    assert form["first_name"].value() == "Dilnoza" and form["position"].value() == "Bosh kutubxonachi"
    assert not User.objects.filter(first_name="Dilnoza").exists()
    assert not AuditEntry.objects.filter(action="staff.create", actor=world.alice).exists()


def test_lending_desk_cannot_manage_staff(world: World, client: Client) -> None:
    login(client, world.bob)
    response = client.post(reverse("institutions:staff_create", args=["arnasoy"]), NEW_STAFF)
    assert response.status_code == 403
    assert not User.objects.filter(username="dilnoza").exists()


def test_director_cannot_hand_out_the_methodist_role(world: World, client: Client) -> None:
    login(client, world.alice)
    response = client.post(
        reverse("institutions:staff_create", args=["arnasoy"]), {**NEW_STAFF, "role": "methodist"}
    )
    assert response.status_code == 200  # the choice is not offered: a form error
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="dilnoza").exists()


def test_director_cannot_deactivate_themself(world: World, client: Client) -> None:
    login(client, world.alice)
    url = reverse("institutions:staff_edit", args=["arnasoy", world.alice.pk])
    response = client.post(
        url, {"first_name": "Alisa", "last_name": "Test", "role": "director", "email": "", "position": ""}
    )
    assert response.status_code == 200
    world.alice.refresh_from_db()
    assert world.alice.is_active


def test_director_changes_a_role_and_it_is_audited(world: World, client: Client) -> None:
    login(client, world.alice)
    url = reverse("institutions:staff_edit", args=["arnasoy", world.bob.pk])
    data = {
        "first_name": "Bobur",
        "last_name": "Test",
        "role": "ict",
        "email": "",
        "position": "",
        "is_active": "on",
    }
    assert client.post(url, data).status_code == 302
    world.bob.refresh_from_db()
    assert world.bob.role == "ict"
    entry = AuditEntry.objects.get(action="staff.update")
    assert entry.changes == {"role": ["lending", "ict"]}
