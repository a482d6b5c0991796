"""Every page of the three registers renders, in each interface language, with records on it."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from kutubxona.documents import actions as documents
from kutubxona.hr import actions as hr
from kutubxona.hr.models import Direction, ReportKind
from kutubxona.institutions.models import User
from kutubxona.methodology import actions
from kutubxona.methodology.models import HelpForm, LibraryType
from tests.conftest import World, login
from tests.hr.conftest import member, staff_user


@pytest.mark.parametrize("language", ["uz", "uz-cyrl", "ru", "en"])
def test_pages_render(world: World, client: Client, language: str) -> None:
    keeper = staff_user(world.arnasoy, "keeper", "sysadmin")  # every permission, own institution only
    day = datetime.date(2021, 3, 10)
    person = member(world.arnasoy, "Karimova Dilnoza", left_on=datetime.date(2021, 2, 1))
    training = hr.create_training(
        None,
        world.arnasoy,
        participants=[person],
        topic="Seminar",
        organiser="Milliy kutubxona",
        form="seminar",
        direction=Direction.GIVEN,
        starts_on=day,
        ends_on=day,
        hours=4,
        external_participants=3,
    )
    report, _ = hr.issue_report(None, world.arnasoy, ReportKind.QUARTERLY, 2021, 1, datetime.date(2021, 4, 1))
    doc = documents.register_document(None, world.arnasoy, kind="guide", title="Qo'llanma", date=day)
    library = actions.create_library(None, world.arnasoy, name="Maktab", type=LibraryType.SCHOOL)
    item = actions.record_help(
        None, world.arnasoy, date=day, library=library, form=HelpForm.ORAL, topic="Katalog"
    )
    login(client, keeper)
    client.cookies["django_language"] = language
    for name, args in [
        ("hr:list", []),
        ("hr:staff_create", []),
        ("hr:staff_edit", [person.pk]),
        ("hr:report", []),
        ("hr:reports", []),
        ("hr:issued_report", [report.pk]),
        ("hr:trainings", []),
        ("hr:training_create", []),
        ("hr:training", [training.pk]),
        ("documents:list", []),
        ("documents:create", []),
        ("documents:detail", [doc.pk]),
        ("documents:security_report", []),
        ("methodology:libraries", []),
        ("methodology:library_create", []),
        ("methodology:library", [library.pk]),
        ("methodology:help_list", []),
        ("methodology:help_create", []),
        ("methodology:help", [item.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
    page = client.get(reverse("hr:report"), {"kind": "quarterly", "year": "2021", "quarter": "1"})
    assert page.status_code == 200 and page.context["issued"] == report
    assert client.get(reverse("home")).content.decode().count(reverse("documents:list")) >= 1


def test_home_links_the_modules(world: World, client: Client) -> None:
    hr_officer: User = staff_user(world.arnasoy, "hilola", "hr")
    text = login(client, hr_officer).get(reverse("home")).content.decode()
    assert reverse("hr:list") in text and reverse("documents:list") in text
