"""The audit log: written with the change, rolled back with it, readable by the director."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from kutubxona.core import audit
from kutubxona.core.models import AuditEntry
from kutubxona.institutions import actions
from kutubxona.institutions.models import Institution
from tests.conftest import World, login


def test_an_action_writes_who_what_and_the_change(world: World) -> None:
    actions.update_institution(world.alice, world.arnasoy, phone="+998 72 000 00 00", name_uz="Arnasoy AKM")
    entry = AuditEntry.objects.get(action="institution.update")
    assert entry.actor == world.alice and entry.actor_name == "alice"
    assert entry.institution == world.arnasoy
    assert entry.object_type == "institutions.Institution" and entry.object_id == str(world.arnasoy.pk)
    # Only what changed is recorded.
    assert entry.changes == {"phone": ["", "+998 72 000 00 00"]}


def test_a_failed_action_leaves_neither_change_nor_entry(world: World) -> None:
    with pytest.raises(ValidationError):
        actions.update_institution(world.alice, world.arnasoy, phone="+998", latitude=123)
    assert Institution.tree.get(pk=world.arnasoy.pk).phone == ""
    assert not AuditEntry.objects.filter(action="institution.update").exists()


def test_a_refused_action_writes_nothing(world: World) -> None:
    with pytest.raises(PermissionDenied):
        actions.update_institution(world.bob, world.arnasoy, phone="1")
    with pytest.raises(PermissionDenied):
        actions.update_institution(world.charlie, world.arnasoy, phone="1")
    assert not AuditEntry.objects.filter(action="institution.update").exists()


def test_recording_outside_a_transaction_is_refused(world: World, django_db_blocker: object) -> None:
    # pytest-django wraps each test in a transaction; autocommit mode is what a careless
    # caller outside an action would be in.

    with transaction.atomic():
        audit.record(world.alice, "test.inside", world.arnasoy, institution=world.arnasoy)
    connection = transaction.get_connection()
    was = connection.in_atomic_block
    connection.in_atomic_block = False
    try:
        with pytest.raises(audit.AuditOutsideTransaction):
            audit.record(world.alice, "test.outside", world.arnasoy, institution=world.arnasoy)
    finally:
        connection.in_atomic_block = was


def test_director_reads_own_institutions_log_only(world: World, client: Client) -> None:
    actions.update_institution(world.alice, world.arnasoy, phone="111")
    # A phone no row id or date can contain by chance (PostgreSQL's ids run high).
    actions.update_institution(world.charlie, world.dostlik, phone="+998-65-DOSTLIK")
    login(client, world.alice)
    response = client.get(reverse("audit"))
    assert response.status_code == 200
    entries = list(response.context["page"])
    assert entries and {e.institution_id for e in entries} == {world.arnasoy.pk}
    assert "DOSTLIK" not in response.content.decode()


def test_a_creation_shows_its_values_whole(world: World, client: Client) -> None:
    with transaction.atomic():
        audit.record(
            world.alice,
            "test.create",
            world.arnasoy,
            institution=world.arnasoy,
            changes={"name": "Arnasoy AKM", "tags": ["a", "b", "c"], "note": ""},
        )
    actions.update_institution(world.alice, world.arnasoy, phone="111")
    login(client, world.alice)
    html = client.get(reverse("audit")).content.decode()
    assert "Arnasoy AKM</div>" in html
    assert "A → r" not in html
    assert "a, b, c</div>" in html
    assert "— → 111" in html


def test_a_created_list_of_two_is_not_read_as_a_change(world: World) -> None:
    """A training created with two participants showed "Karimova → Yusupova" (the demo walk)."""
    with transaction.atomic():
        entry = audit.record(
            world.alice,
            "hr.training.create",
            world.arnasoy,
            institution=world.arnasoy,
            changes={"participants": ["Karimova D.", "Yusupova M."]},
        )
    assert entry.change_lines() == [("participants", "Karimova D., Yusupova M.")]


def test_a_list_of_two_things_in_an_edit_is_not_read_as_a_change(world: World) -> None:
    """A record edit adding two MARC lines showed "080 $a53 → 084 $a22.3" (as if 080 became
    084); an act cancelled with two copies, "00012 → 00013"."""
    with transaction.atomic():
        edit = audit.record(
            world.alice,
            "catalog.record.update",
            world.arnasoy,
            institution=world.arnasoy,
            changes={"udc": ["", "53"], "fields_added": ["080    $a53", "084    $a22.3$2rubbk"]},
        )
        cancel = audit.record(
            world.alice,
            "acquisitions.withdrawal.cancel",
            world.arnasoy,
            institution=world.arnasoy,
            changes={"copies": ["00012", "00013"]},
        )
    assert edit.change_lines() == [("udc", "— → 53"), ("fields_added", "080    $a53, 084    $a22.3$2rubbk")]
    assert cancel.change_lines() == [("copies", "00012, 00013")]


def test_actions_read_as_words_in_the_users_language(world: World, client: Client) -> None:
    actions.update_institution(world.alice, world.arnasoy, phone="111")
    with transaction.atomic():
        audit.record(world.alice, "new.thing.done", world.arnasoy, institution=world.arnasoy)
    login(client, world.alice)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("audit")).content.decode()
    assert '<td title="institution.update">Institution: edited</td>' in html
    assert '<option value="institution.update">Institution: edited</option>' in html
    assert '<td title="new.thing.done">new.thing.done</td>' in html  # not known here: the code itself
    client.cookies["django_language"] = "uz"
    html = client.get(reverse("audit")).content.decode()
    assert ">Muassasa: tahrirlandi</td>" in html
    assert '<span class="muted">telefon:</span> — → 111' in html  # the field as its model names it
    client.cookies["django_language"] = "ru"
    assert ">Учреждение: изменено</td>" in client.get(reverse("audit")).content.decode()


def test_audit_log_filters(world: World, client: Client) -> None:
    actions.update_institution(world.alice, world.arnasoy, phone="111")
    login(client, world.alice)
    response = client.get(reverse("audit"), {"action": "institution.update"})
    assert [e.action for e in response.context["page"]] == ["institution.update"]
    response = client.get(reverse("audit"), {"who": "nobody"})
    assert list(response.context["page"]) == []


def test_lending_desk_has_no_audit_page(world: World, client: Client) -> None:
    login(client, world.bob)
    assert client.get(reverse("audit")).status_code == 403
