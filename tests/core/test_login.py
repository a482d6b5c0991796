"""Logging in and out, wrong passwords, and the slow-down after repeated failures."""

from typing import Any

from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, World


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> Any:
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_login_leads_home_showing_institution_and_role(world: World, client: Client) -> None:
    client.cookies["django_language"] = "en"
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    home = client.get(reverse("home")).content.decode()
    assert "Arnasoy AKM" in home and "Director" in home
    assert "Institutions" in home and "Audit log" in home  # modules a director may open


def test_lending_desk_home_shows_only_its_modules(world: World, client: Client) -> None:
    client.cookies["django_language"] = "en"
    _login(client, "bob", PASSWORD)
    home = client.get(reverse("home"))
    codes = {m.code for m in home.context["modules"]}
    assert "desk" in codes and "audit" not in codes and "acquisitions" not in codes


def test_wrong_password_says_so_in_the_users_language(world: World, client: Client) -> None:
    client.cookies["django_language"] = "uz"
    response = _login(client, "alice", "wrong")
    assert response.status_code == 200
    text = response.content.decode()
    assert "parol" in text.lower() and "Please enter" not in text
    client.cookies["django_language"] = "ru"
    assert "пароль" in _login(client, "alice", "wrong").content.decode()


def test_repeated_failures_lock_the_user_name_from_that_address(world: World, client: Client) -> None:
    client.cookies["django_language"] = "en"
    for _ in range(5):
        _login(client, "alice", "wrong")
    locked = _login(client, "alice", PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not locked out with it, and a correct password works there.
    other = Client()
    assert _login(other, "alice", PASSWORD, ip="10.0.0.2").status_code == 302


def test_the_lock_out_says_the_minutes_in_the_right_form(world: World, client: Client, settings: Any) -> None:
    client.cookies["django_language"] = "en"
    settings.AXES_COOLOFF_TIME = 1 / 60  # one minute
    for _ in range(5):
        _login(client, "alice", "wrong")
    assert "Please wait 1 minute and" in _login(client, "alice", PASSWORD).content.decode()
    client.cookies["django_language"] = "ru"
    settings.AXES_COOLOFF_TIME = 5 / 60
    assert "Подождите 5 минут и" in _login(client, "alice", PASSWORD).content.decode()


def test_logout_needs_post_and_ends_the_session(world: World, client: Client) -> None:
    _login(client, "alice", PASSWORD)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302  # back to login


def test_password_change(world: World, client: Client) -> None:
    _login(client, "alice", PASSWORD)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Yangi-parol-2026", "new_password2": "Yangi-parol-2026"},
    )
    assert response.status_code == 302
    world.alice.refresh_from_db()
    assert world.alice.check_password("Yangi-parol-2026")
    # Still logged in after the change.
    assert client.get(reverse("home")).status_code == 200


def test_password_change_error_keeps_the_form(world: World, client: Client) -> None:
    client.cookies["django_language"] = "en"
    _login(client, "alice", PASSWORD)
    response = client.post(
        reverse("password_change"),
        {"old_password": "nope", "new_password1": "Yangi-parol-2026", "new_password2": "Yangi-parol-2026"},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    world.alice.refresh_from_db()
    assert world.alice.check_password(PASSWORD)


def test_password_page_is_uzbek_where_django_has_no_uzbek(world: World, client: Client) -> None:
    """Django's Uzbek catalogue lacks the validators' help and errors (seen in the demo walk)."""
    client.cookies["django_language"] = "uz"
    _login(client, "alice", PASSWORD)
    page = client.get(reverse("password_change")).content.decode()
    assert "Eski parol" in page and "kamida 8 ta belgidan" in page
    assert "Your password" not in page and "Old password" not in page
    response = client.post(
        reverse("password_change"), {"old_password": "nope", "new_password1": "123", "new_password2": "123"}
    )
    text = response.content.decode()
    assert "Eski parol notoʻgʻri kiritildi" in text
    assert "Bu parol juda keng tarqalgan." in text and "faqat raqamlardan iborat" in text


def test_staff_form_is_uzbek(world: World, client: Client) -> None:
    client.cookies["django_language"] = "uz"
    _login(client, "alice", PASSWORD)
    page = client.get(reverse("institutions:staff_edit", args=["arnasoy", world.bob.pk])).content.decode()
    assert "Designates whether" not in page and "Email address" not in page
    assert "oʻchirish oʻrniga" in page
