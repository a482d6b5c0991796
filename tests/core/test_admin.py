"""The Django admin: for system administrators only, unscoped, and its writes are audited."""

from django.test import Client
from django.urls import reverse

from kutubxona.core.models import AuditEntry
from tests.conftest import World, login


def test_sysadmin_uses_the_admin_across_institutions(world: World, client: Client) -> None:
    login(client, world.admin)
    assert client.get(reverse("admin:index")).status_code == 200
    listing = client.get(reverse("admin:institutions_institution_changelist"))
    assert listing.status_code == 200 and b"Do&#x27;stlik AKM" in listing.content
    assert client.get(reverse("admin:institutions_user_change", args=[world.charlie.pk])).status_code == 200
    assert client.get(reverse("admin:core_auditentry_changelist")).status_code == 200


def test_admin_saves_are_audited(world: World, client: Client) -> None:
    login(client, world.admin)
    url = reverse("admin:institutions_institution_change", args=[world.dostlik.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(
        {
            "phone": "+998 72 555 00 00",
            "services-TOTAL_FORMS": "0",
            "services-INITIAL_FORMS": "0",
            "sectors-TOTAL_FORMS": "0",
            "sectors-INITIAL_FORMS": "0",
        }
    )
    data["parent"] = world.region.pk
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = AuditEntry.objects.get(action="admin.change")
    assert (
        entry.actor == world.admin
        and entry.institution == world.dostlik
        and "phone" in entry.changes["fields"]
    )


def test_staff_without_admin_rights_are_sent_to_the_admin_login(world: World, client: Client) -> None:
    login(client, world.alice)
    assert client.get(reverse("admin:index")).status_code == 302
