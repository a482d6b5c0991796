"""Personas, in the manner of healthchecks' alice/bob/charlie, for every access rule.

Arnasoy AKM (a district): alice is its director, bob works at its lending desk.
Do'stlik AKM (another district of the same region): charlie is its director.
Jizzakh regional AKM: maria is its methodist and sees both districts.
admin is the system administrator (superuser).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django_scopes import scopes_disabled

from kutubxona.institutions import actions
from kutubxona.institutions.models import Institution, InstitutionKind, User
from kutubxona.institutions.roles import Role

PASSWORD = "a-Long-test-password-1"


@dataclass
class World:
    national: Institution
    region: Institution
    arnasoy: Institution
    dostlik: Institution
    alice: User
    bob: User
    charlie: User
    maria: User
    admin: User


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages built outside a request (reports, import results, errors) are checked in English;
    a request still runs in the language its user, cookie or browser asks for."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _unscoped() -> Iterator[None]:
    """Test bodies set up and inspect rows directly; views still run in the user's scope."""
    with scopes_disabled():
        yield


def _institution(code: str, parent: Institution | None, kind: str, name: str) -> Institution:
    return actions.create_institution(
        None, code=code, parent=parent, kind=kind, name_uz=name, short_name=name
    )


def _staff(
    institution: Institution, username: str, role: str, first_name: str, superuser: bool = False
) -> User:
    return actions.create_staff(
        None,
        institution,
        username=username,
        password=PASSWORD,
        role=role,
        first_name=first_name,
        last_name="Test",
        is_superuser=superuser,
        is_staff=superuser,
    )


@pytest.fixture(scope="session")
def samples() -> Path:
    """The folder of real MARC files (setting KUTUBXONA_MARC_SAMPLES); missing is a failure, not a skip."""
    folder = Path(settings.KUTUBXONA_MARC_SAMPLES)
    if not (folder / "README.md").is_file():
        pytest.fail(f"the MARC sample files are not at {folder}: set KUTUBXONA_MARC_SAMPLES")
    return folder


@pytest.fixture
def world(db: None) -> World:
    national = _institution("milliy", None, InstitutionKind.NATIONAL, "Milliy kutubxona")
    region = _institution("jizzax", national, InstitutionKind.REGIONAL, "Jizzax VAKM")
    arnasoy = _institution("arnasoy", region, InstitutionKind.DISTRICT, "Arnasoy AKM")
    dostlik = _institution("dostlik", region, InstitutionKind.DISTRICT, "Do'stlik AKM")
    return World(
        national=national,
        region=region,
        arnasoy=arnasoy,
        dostlik=dostlik,
        alice=_staff(arnasoy, "alice", Role.DIRECTOR, "Alisa"),
        bob=_staff(arnasoy, "bob", Role.LENDING, "Bobur"),
        charlie=_staff(dostlik, "charlie", Role.DIRECTOR, "Charos"),
        maria=_staff(region, "maria", Role.METHODIST, "Mariya"),
        admin=_staff(national, "admin", Role.SYSADMIN, "Admin", superuser=True),
    )


def login(client: Client, user: User) -> Client:
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def login_in_browser(page: object, base_url: str, username: str) -> None:
    """Log in through the login page (in Uzbek, the default language), as a person would."""
    page.goto(f"{base_url}/login/")  # type: ignore[attr-defined]
    page.fill("#id_username", username)  # type: ignore[attr-defined]
    page.fill("#id_password", PASSWORD)  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url(f"{base_url}/")  # type: ignore[attr-defined]
