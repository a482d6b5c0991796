"""The library directory (line 3 when issued) and the methodological help log (line 5)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kutubxona.core.models import AuditEntry
from kutubxona.documents.models import Document, DocumentKind
from kutubxona.institutions.models import User
from kutubxona.methodology import actions
from kutubxona.methodology.models import Library, LibraryType, MethodHelp
from kutubxona.planning.models import Plan
from tests.conftest import World, login
from tests.hr.conftest import fact, member

LIBRARY = {
    "name": "5-maktab kutubxonasi",
    "type": "school",
    "address": "Navbahor qishlog'i",
    "latitude": "40.6123",
    "longitude": "67.7011",
    "contact_person": "Jo'rayeva Dilfuza",
    "phone": "+998 72 512-10-05",
    "collection_size": "5100",
    "readers": "455",
    "is_active": "on",
}


def library(world: World, name: str = "3-maktab kutubxonasi", **fields: object) -> Library:
    return actions.create_library(None, world.arnasoy, name=name, type=LibraryType.SCHOOL, **fields)


def test_adding_a_library_and_bad_coordinates(world: World, sherzod: User, client: Client) -> None:
    login(client, sherzod)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("methodology:library_create"), {**LIBRARY, "latitude": "140.5"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "A latitude is between -90 and 90 degrees." in text and "5-maktab kutubxonasi" in text
    response = client.post(reverse("methodology:library_create"), {**LIBRARY, "longitude": ""})
    assert "Give both the latitude and the longitude, or neither." in response.content.decode()
    assert not Library.objects.exists()
    assert client.post(reverse("methodology:library_create"), LIBRARY).status_code == 302
    created = Library.objects.get()
    assert created.latitude == Decimal("40.6123") and "mlat=40.612300" in created.map_url
    assert AuditEntry.objects.filter(action="library.create", actor=sherzod).exists()


def test_help_log_moves_plan_line_5(world: World, plan2021: Plan, sherzod: User, client: Client) -> None:
    school = library(world)
    giver = member(world.arnasoy, "Rahimov Sherzod")
    login(client, sherzod)
    data = {
        "date": "2021-03-10",
        "library": school.pk,
        "form": "on_site",
        "topic": "Katalog yuritish",
        "staff": [giver.pk],
    }
    assert client.post(reverse("methodology:help_create"), data).status_code == 302
    assert (
        client.post(
            reverse("methodology:help_create"), {**data, "form": "written", "date": "2021-04-01"}
        ).status_code
        == 302
    )
    assert fact(plan2021, "5") == 2
    item = MethodHelp.objects.order_by("date").first()
    assert item is not None and list(item.staff.all()) == [giver]
    # The library's page shows its help history.
    page = client.get(reverse("methodology:library", args=[school.pk]))
    assert page.content.decode().count("Katalog yuritish") == 2
    assert AuditEntry.objects.filter(action="method_help.create").count() == 2
    client.post(reverse("methodology:help_delete", args=[item.pk]))
    assert fact(plan2021, "5") == 1


def test_help_for_another_districts_library_is_refused(world: World, sherzod: User, client: Client) -> None:
    other = actions.create_library(None, world.dostlik, name="Boshqa", type=LibraryType.SCHOOL)
    login(client, sherzod)
    data = {"date": "2021-03-10", "library": other.pk, "form": "oral", "topic": "x"}
    response = client.post(reverse("methodology:help_create"), data)
    assert response.status_code == 200 and not MethodHelp.objects.exists()


def test_issuing_the_directory_moves_plan_line_3(
    world: World, plan2021: Plan, sherzod: User, client: Client
) -> None:
    login(client, sherzod)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("methodology:issue_directory"), follow=True)
    assert "The directory is empty" in response.content.decode()
    library(world, latitude=Decimal("40.6"), longitude=Decimal("67.7"), collection_size=4800)
    library(world, "Navbahor mahalla kutubxonasi")
    with_dates = actions.issue_directory(sherzod, world.arnasoy, datetime.date(2021, 11, 20))
    assert with_dates.kind == DocumentKind.DIRECTORY and with_dates.file.read(5) == b"%PDF-"
    assert fact(plan2021, "3") == 1
    response = client.post(reverse("methodology:issue_directory"))
    assert response.status_code == 302
    assert Document.objects.filter(kind=DocumentKind.DIRECTORY).count() == 2


def test_directory_exports(world: World, sherzod: User, client: Client) -> None:
    library(world, latitude=Decimal("40.6"), longitude=Decimal("67.7"), collection_size=4800)
    actions.create_library(None, world.arnasoy, name="Kollej kutubxonasi", type=LibraryType.LYCEUM_COLLEGE)
    login(client, sherzod)
    xlsx = client.get(reverse("methodology:libraries"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "3-maktab kutubxonasi" in values and 4800 in values and "40.60000, 67.70000" in values
    filtered = client.get(reverse("methodology:libraries"), {"type": "lyceum_college", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(filtered.content)).active
    assert sheet is not None
    names = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Kollej kutubxonasi" in names and "3-maktab kutubxonasi" not in names
    assert client.get(reverse("methodology:libraries"), {"format": "pdf"}).content.startswith(b"%PDF")
    page = client.get(reverse("methodology:libraries"), {"q": "КОЛЛЕЖ"})  # script-blind search
    assert [lib.name for lib in page.context["libraries"]] == ["Kollej kutubxonasi"]


def test_directory_access(world: World, sherzod: User, client: Client) -> None:
    school = library(world)
    assert login(client, world.bob).get(reverse("methodology:libraries")).status_code == 403
    assert (
        login(client, world.charlie).get(reverse("methodology:library", args=[school.pk])).status_code == 404
    )
    # The director reads the directory but does not keep it.
    login(client, world.alice)
    assert client.get(reverse("methodology:library", args=[school.pk])).status_code == 200
    assert client.post(reverse("methodology:library", args=[school.pk]), LIBRARY).status_code == 403
    assert client.get(reverse("methodology:help_create")).status_code == 403
