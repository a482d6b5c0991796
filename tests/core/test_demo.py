"""`kutubxona demo`: the institution tree and a login per role, loaded once however often run."""

from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kutubxona.core.models import AuditEntry
from kutubxona.institutions.demo import DEMO_PASSWORD, demo_accounts
from kutubxona.institutions.models import Institution, Sector, Service, User


def _counts() -> tuple[int, ...]:
    return (
        Institution.tree.count(),
        Service.objects.count(),
        Sector.objects.count(),
        User.objects.count(),
        AuditEntry.objects.count(),
    )


def test_demo_loads_the_tree_and_is_idempotent(db: None) -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    first = _counts()
    call_command("demo", stdout=StringIO())
    assert _counts() == first
    assert first[:4] == (5, 25, 35, len(demo_accounts()))
    arnasoy = Institution.tree.get(code="arnasoy")
    assert [a.code for a in arnasoy.ancestors()] == ["milliy", "jizzax"]
    assert "arnasoy.director" in out.getvalue() and DEMO_PASSWORD in out.getvalue()


def test_every_demo_login_works_and_has_its_role(db: None) -> None:
    call_command("demo", stdout=StringIO())
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
