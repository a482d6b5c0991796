"""An entry of the help log opened by someone who reads the register but may not edit it (the
HR officer) is shown read-only and cannot be changed."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse

from kutubxona.institutions.models import User
from kutubxona.methodology import actions
from kutubxona.methodology.models import Library, LibraryType
from tests.conftest import World, login


def test_a_reader_of_the_log_sees_the_entry_read_only(
    world: World, hilola: User, sherzod: User, client: Client
) -> None:
    school = actions.create_library(None, world.arnasoy, name="3-maktab kutubxonasi", type=LibraryType.SCHOOL)
    item = actions.record_help(
        sherzod, world.arnasoy, date=datetime.date(2021, 3, 10), library=school, form="oral", topic="Katalog"
    )
    url = reverse("methodology:help", args=[item.pk])
    response = login(client, hilola).get(url)
    assert response.status_code == 200 and response.context["read_only"] is True
    assert all(field.disabled for field in response.context["form"].fields.values())
    assert client.post(url, {"topic": "Boshqa"}).status_code == 403
    response = login(client, sherzod).get(url)
    assert response.context["read_only"] is False
    assert Library.objects.get().help.get().topic == "Katalog"
