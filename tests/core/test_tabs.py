"""A page's tabs and buttons lead only where its visitor may go: a director who opens a reader
or a receipt from a plan line does not meet a row of 403s."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import User
from kutubxona.institutions.roles import Role
from tests.acquisitions.conftest import make_record, receive
from tests.circulation.conftest import reader
from tests.conftest import PASSWORD, World, login

SUBNAV = re.compile(r'<nav class="subnav".*?</nav>', re.S)
PAGE_HEAD = re.compile(r'<div class="page-head">.*?</div>', re.S)
HREF = re.compile(r'href="(/[^"#?]*)')


def _links(html: str) -> list[str]:
    parts = SUBNAV.findall(html) + PAGE_HEAD.findall(html)
    return sorted({href for part in parts for href in HREF.findall(part)})


def _staff(world: World, username: str, role: str) -> User:
    return institution_actions.create_staff(
        None, world.arnasoy, username=username, password=PASSWORD, role=role, first_name=username
    )


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.LENDING, Role.CATALOGUER, Role.ICT, Role.HR])
def test_every_tab_of_the_reader_and_receipt_pages_opens(world: World, client: Client, role: str) -> None:
    login(client, _staff(world, f"user-{role}", role))
    pages = [
        reverse("readers:detail", args=[reader(world.arnasoy).pk]),
        reverse("acquisitions:receipt", args=[receive(world.arnasoy, make_record(world.arnasoy), 2).pk]),
    ]
    for page in pages:
        response = client.get(page)
        if response.status_code != 200:
            continue  # the page itself is not for this role: nothing to lead astray
        links = _links(response.content.decode())
        if page.startswith("/readers/"):
            assert reverse("readers:list") in links  # the scan of the tabs finds them
        refused = [link for link in links if client.get(link).status_code == 403]
        assert refused == [], f"{role} on {page}"
