"""Every demo login works and has its role; the cataloguer finds the demo books from the home page."""

from django.test import Client
from django.urls import reverse

from kutubxona.institutions.demo import DEMO_PASSWORD, demo_accounts
from kutubxona.institutions.models import User
from tests.conftest import login


def test_every_demo_login_works_and_has_its_role(demo: str) -> None:
    for code, role, _service, username in demo_accounts():
        user = User.objects.get(username=username)
        assert user.institution is not None and user.institution.code == code and user.role == role
    client = Client()
    assert (
        client.post(reverse("login"), {"username": "arnasoy.director", "password": DEMO_PASSWORD}).status_code
        == 302
    )
    assert client.get(reverse("home")).status_code == 200
    assert User.objects.get(username="admin").is_superuser


def test_the_demo_catalogue_on_the_home_page(client: Client, demo: str) -> None:
    login(client, User.objects.get(username="arnasoy.cataloguer"))
    assert reverse("catalog:list") in client.get(reverse("home")).content.decode()
    page = client.get(reverse("catalog:list"), {"q": "Навоий"}).content.decode()
    assert "Xamsa" in page and "Лисон ут-тайр" in page
