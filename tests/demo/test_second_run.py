"""`kutubxona demo` into an empty database (the package's shared load): the institution tree and
a login per role, and a second run that adds nothing to any table of any app."""

from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django_scopes import scopes_disabled

from kutubxona.institutions.demo import DEMO_PASSWORD, demo_accounts
from kutubxona.institutions.models import Institution, Sector, Service, User


def _rows_per_model() -> dict[str, int]:
    with scopes_disabled():
        return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_demo_loads_the_tree_and_a_second_run_adds_nothing(demo: str) -> None:
    first = _rows_per_model()
    call_command("demo", stdout=StringIO())
    assert _rows_per_model() == first
    assert (Institution.tree.count(), Service.objects.count(), Sector.objects.count()) == (5, 25, 35)
    assert User.objects.count() == len(demo_accounts())
    arnasoy = Institution.tree.get(code="arnasoy")
    assert [a.code for a in arnasoy.ancestors()] == ["milliy", "jizzax"]
    assert "arnasoy.director" in demo and DEMO_PASSWORD in demo
    # Every app with records has some: a domain whose demo stopped loading shows up here.
    for label in ("catalog.Record", "events.Event", "services.Receipt", "outreach.Post", "hr.StaffMember"):
        assert first[label] > 0, label
