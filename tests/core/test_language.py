"""The four interface languages, chosen by the user and remembered on their account."""

import pytest
from django.test import Client
from django.urls import reverse

from kutubxona.core.models import AuditEntry
from tests.conftest import PASSWORD, World, login

# One string of the home page in each language.
EXPECTED = {"uz": "Chiqish", "uz-cyrl": "Чиқиш", "ru": "Выйти", "en": "Log out"}


@pytest.mark.parametrize("language", EXPECTED)
def test_home_page_in_each_language(world: World, client: Client, language: str) -> None:
    login(client, world.alice)
    client.post(reverse("switch_language"), {"language": language, "next": "/"})
    page = client.get(reverse("home")).content.decode()
    assert EXPECTED[language] in page
    assert f'<html lang="{language}">' in page


def test_default_language_is_uzbek_latin(world: World, client: Client) -> None:
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="uz">' in page and EXPECTED["uz"] not in page and "Kirish" in page


def test_choice_is_remembered_on_the_account(world: World, client: Client) -> None:
    login(client, world.alice)
    client.post(reverse("switch_language"), {"language": "ru", "next": "/"})
    world.alice.refresh_from_db()
    assert world.alice.language == "ru"
    assert AuditEntry.objects.filter(action="account.set_language", actor=world.alice).exists()
    # A new browser (no cookie) logs in and gets Russian at once.
    other = Client()
    other.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert EXPECTED["ru"] in other.get(reverse("home")).content.decode()


def test_unknown_language_is_ignored(world: World, client: Client) -> None:
    login(client, world.alice)
    response = client.post(reverse("switch_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    world.alice.refresh_from_db()
    assert world.alice.language == ""


def test_next_may_not_leave_the_site(world: World, client: Client) -> None:
    response = client.post(reverse("switch_language"), {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_cyrillic_names_come_from_the_transliterator(world: World, client: Client) -> None:
    login(client, world.alice)
    client.post(reverse("switch_language"), {"language": "uz-cyrl", "next": "/"})
    page = client.get(reverse("institutions:detail", args=["arnasoy"])).content.decode()
    assert "Абонементлар сектори" in page  # a default sector, named only in Latin
