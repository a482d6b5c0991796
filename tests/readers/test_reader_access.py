"""A reader logged into the catalogue opens the library's "readers" full texts (the check the
readers' app registers), sees the hold button, and nothing of another library."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from kutubxona.catalog import actions as catalog_actions
from kutubxona.catalog.models import AccessLevel
from kutubxona.readers import actions
from kutubxona.readers.session import SESSION_KEY
from tests.catalog.test_fulltext import attach, pdf_bytes
from tests.catalog.test_matching import book
from tests.circulation.conftest import reader
from tests.conftest import World


def test_reader_opens_readers_files_of_own_library_only(client: Client, world: World) -> None:
    own = catalog_actions.create_record(None, world.arnasoy, book("Kecha va kunduz"))
    other = catalog_actions.create_record(None, world.dostlik, book("Sarob"))
    mine = attach(None, own, pdf_bytes(), access=AccessLevel.READERS)
    theirs = attach(None, other, pdf_bytes(), access=AccessLevel.READERS)
    staff_only = attach(None, own, pdf_bytes(), access=AccessLevel.STAFF)
    aziz = reader(world.arnasoy)
    actions.set_pin(None, aziz, "kitob-sevaman")
    assert client.get(f"/catalog/files/{mine.pk}/").status_code == 302  # not yet logged in
    client.post("/my/login/", {"card": aziz.card, "password": "kitob-sevaman"})
    assert client.get(f"/catalog/files/{mine.pk}/").status_code == 200
    assert client.get(f"/catalog/files/{theirs.pk}/").status_code == 302
    assert client.get(f"/catalog/files/{staff_only.pk}/").status_code == 302
    client.post("/my/logout/")
    assert client.get(f"/catalog/files/{mine.pk}/").status_code == 302


def test_hold_snippet_only_for_a_reader(client: Client, world: World) -> None:
    record = catalog_actions.create_record(None, world.arnasoy, book("Kecha va kunduz"))
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = {}  # type: ignore[assignment]
    assert "hold" not in render_to_string(
        "circulation/_record_hold.html", {"record": record}, request=request
    )
    request.session = {SESSION_KEY: [1, world.arnasoy.pk]}  # type: ignore[assignment]
    html = render_to_string("circulation/_record_hold.html", {"record": record}, request=request)
    assert "/desk/hold/" in html and f'value="{record.pk}"' in html
