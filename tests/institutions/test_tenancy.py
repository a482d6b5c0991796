"""Tenancy: a district sees only its own rows; a regional methodist sees its districts."""

import contextvars

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import ScopeError, scope

from kutubxona.institutions.models import Institution, Sector, Service, User
from tests.conftest import World, login


def test_query_outside_any_scope_is_an_error(world: World) -> None:
    def count_services() -> int:
        return Service.objects.count()

    # A fresh context has no scope at all, as in a command or thread that forgot to set one.
    with pytest.raises(ScopeError):
        contextvars.Context().run(count_services)


def test_scope_limits_rows_to_the_institutions_given(world: World) -> None:
    with scope(institution=[world.arnasoy.pk]):
        assert {s.institution_id for s in Service.objects.all()} == {world.arnasoy.pk}
        assert Sector.objects.count() == 7
        assert list(Institution.objects.all()) == [world.arnasoy]
        assert set(User.scoped.values_list("username", flat=True)) == {"alice", "bob"}


def test_district_user_sees_only_own_institution(world: World, client: Client) -> None:
    login(client, world.alice)
    assert client.get(reverse("institutions:detail", args=["arnasoy"])).status_code == 200
    response = client.get(reverse("institutions:detail", args=["dostlik"]))
    assert response.status_code == 404
    assert b"Do'stlik" not in response.content and b"charlie" not in response.content


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("institutions:detail", ["dostlik"]),
        ("institutions:edit", ["dostlik"]),
        ("institutions:staff_create", ["dostlik"]),
        ("institutions:detail", ["jizzax"]),
    ],
)
def test_other_institutions_pages_are_404(
    world: World, client: Client, url_name: str, args: list[str]
) -> None:
    login(client, world.alice)
    assert client.get(reverse(url_name, args=args)).status_code == 404


def test_cannot_change_another_districts_staff(world: World, client: Client) -> None:
    login(client, world.alice)
    url = reverse("institutions:staff_edit", args=["dostlik", world.charlie.pk])
    assert client.get(url).status_code == 404
    # Even with the own institution's code in the URL, the user must belong to it.
    url = reverse("institutions:staff_edit", args=["arnasoy", world.charlie.pk])
    response = client.post(url, {"first_name": "X", "last_name": "Y", "role": "lending"})
    assert response.status_code == 404
    world.charlie.refresh_from_db()
    assert world.charlie.first_name == "Charos" and world.charlie.role == "director"


def test_cannot_edit_another_district_by_post(world: World, client: Client) -> None:
    login(client, world.charlie)
    response = client.post(reverse("institutions:edit", args=["arnasoy"]), {"name_uz": "Hijacked"})
    assert response.status_code == 404
    world.arnasoy.refresh_from_db()
    assert world.arnasoy.name_uz == "Arnasoy AKM"


def test_regional_methodist_reads_its_districts(world: World, client: Client) -> None:
    login(client, world.maria)
    listing = client.get(reverse("institutions:list"))
    assert listing.status_code == 200
    codes = {i.code for i in listing.context["institutions"]}
    assert codes == {"jizzax", "arnasoy", "dostlik"}
    detail = client.get(reverse("institutions:detail", args=["dostlik"]))
    assert detail.status_code == 200
    assert b"charlie" in detail.content
    # ...but not the National Library above the region.
    assert client.get(reverse("institutions:detail", args=["milliy"])).status_code == 404


def test_methodist_may_read_but_not_edit_a_district(world: World, client: Client) -> None:
    login(client, world.maria)
    assert client.get(reverse("institutions:edit", args=["arnasoy"])).status_code == 403


def test_a_new_institution_below_the_region_becomes_visible_to_its_methodist(world: World) -> None:
    from kutubxona.institutions import actions

    zomin = actions.create_institution(
        None, code="zomin", parent=world.region, kind="district", name_uz="Zomin"
    )
    assert zomin.pk in User.objects.get(pk=world.maria.pk).visible_institution_ids()
    assert zomin.pk not in User.objects.get(pk=world.alice.pk).visible_institution_ids()
    assert zomin.path == f"{world.region.path}{zomin.pk}/"
