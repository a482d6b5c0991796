"""The monthly staff report counts the records right, and issuing it moves plan line 2."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kutubxona.core.models import AuditEntry
from kutubxona.hr import actions, figures
from kutubxona.hr.models import Education, ReportKind, StaffReport
from kutubxona.institutions.models import User
from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from tests.conftest import World, login
from tests.hr.conftest import fact, member

MARCH = Period(2021, "month", 3)


def staff_of_varied_categories(world: World) -> None:
    a = world.arnasoy
    ab = a.services.get(code="AB")
    af = a.services.get(code="AF")
    member(a, "Karimova Dilnoza", service=ab, library_work_since=datetime.date(1995, 9, 1))
    member(a, "Rahimov Sherzod", service=ab, education=Education.HIGHER_IN_FIELD, rate=Decimal("0.5"))
    member(a, "Yusupova Malika", service=af, education=Education.HIGHER_OTHER)
    member(a, "Qodirov Otabek", service=af, education=Education.SECONDARY_SPECIAL_IN_FIELD)
    member(a, "Saidova Nodira", education=Education.SECONDARY_SPECIAL_OTHER)
    member(
        a,
        "Nazarov Bekzod",
        education=Education.SECONDARY,
        library_work_since=datetime.date(2021, 3, 15),
        hired_on=datetime.date(2021, 3, 15),
    )
    # Left before March: not counted at all.
    member(a, "Ergasheva Gulnora", education=Education.HIGHER_OTHER, left_on=datetime.date(2021, 2, 10))
    # Left during March: not on the staff at its end, but named among those who left.
    member(a, "Toshmatov Jasur", education=Education.SECONDARY, left_on=datetime.date(2021, 3, 20))
    # Hired after March: not yet counted.
    member(
        a, "Xolmatova Zuhra", hired_on=datetime.date(2021, 4, 1), library_work_since=datetime.date(2021, 4, 1)
    )
    # Another district's staff never appears in Arnasoy's report.
    member(world.dostlik, "Boshqa Tuman", education=Education.HIGHER_OTHER)


def test_monthly_report_counts_staff_by_education_category(world: World) -> None:
    staff_of_varied_categories(world)
    data = figures.build(world.arnasoy, MARCH)
    assert data["total"] == 6
    assert data["education"] == {
        "higher_field": 2,
        "higher_other": 1,
        "secondary_special_field": 1,
        "secondary_special_other": 1,
        "secondary": 1,
    }
    assert data["rate"] == "5.50"
    assert data["hired"] == ["Nazarov Bekzod"]
    assert data["left"] == ["Toshmatov Jasur"]
    assert sorted(map(tuple, data["services"])) == [
        ("", "", 2),
        ("AB", "Axborot-bibliografiya xizmati", 2),
        ("AF", "Abonementlar va foydalanuvchilarga xizmat ko'rsatish xizmati", 2),
    ]
    # Experience at 31 March 2021: 25 years (since 1995), 11 years (since 2010) x4, 0 (March 2021).
    assert data["experience"] == {"lt3": 1, "3to10": 0, "10to20": 4, "20plus": 1}


def test_issuing_moves_plan_line_2_once(world: World, plan2021: Plan, hilola: User) -> None:
    staff_of_varied_categories(world)
    assert fact(plan2021, "2") == 0
    report, created = actions.issue_report(
        hilola, world.arnasoy, ReportKind.MONTHLY, 2021, 3, datetime.date(2021, 4, 2)
    )
    assert created and report.figures["total"] == 6
    assert fact(plan2021, "2") == 1
    # Re-issued after a correction: the snapshot is replaced, the line is not counted twice.
    member(world.arnasoy, "Kech qo'shilgan", hired_on=datetime.date(2021, 3, 1))
    again, created = actions.issue_report(
        hilola, world.arnasoy, ReportKind.MONTHLY, 2021, 3, datetime.date(2021, 4, 9)
    )
    assert not created and again.pk == report.pk and again.figures["total"] == 7
    assert again.issued_on == datetime.date(2021, 4, 2)
    assert fact(plan2021, "2") == 1
    actions.issue_report(hilola, world.arnasoy, ReportKind.QUARTERLY, 2021, 1, datetime.date(2021, 4, 10))
    assert fact(plan2021, "2") == 2
    quarterly = StaffReport.objects.get(kind=ReportKind.QUARTERLY)
    assert quarterly.figures["monthly_reports"] == {"1": False, "2": False, "3": True}
    assert list(
        AuditEntry.objects.filter(action__startswith="hr.report")
        .values_list("action", flat=True)
        .order_by("id")
    ) == ["hr.report.issue", "hr.report.reissue", "hr.report.issue"]


def test_a_report_is_not_issued_before_its_month(world: World, hilola: User) -> None:
    with pytest.raises(ValidationError):
        actions.issue_report(hilola, world.arnasoy, ReportKind.MONTHLY, 2021, 5, datetime.date(2021, 4, 30))


def test_only_hr_of_the_institution_issues(world: World, hilola: User) -> None:
    with pytest.raises(PermissionDenied):
        actions.issue_report(world.bob, world.arnasoy, ReportKind.MONTHLY, 2021, 3)
    with pytest.raises(PermissionDenied):
        actions.issue_report(hilola, world.dostlik, ReportKind.MONTHLY, 2021, 3)


def test_report_page_exports_and_issue(world: World, hilola: User, client: Client) -> None:
    staff_of_varied_categories(world)
    login(client, hilola)
    client.cookies["django_language"] = "en"
    query = {"kind": "monthly", "year": "2021", "month": "3"}
    page = client.get(reverse("hr:report"), query)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Higher education in the field (library and information)" in text and "Toshmatov Jasur" in text
    xlsx = client.get(reverse("hr:report"), {**query, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Higher education in the field (library and information)" in values and 6 in values
    pdf = client.get(reverse("hr:report"), {**query, "format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    response = client.post(reverse("hr:issue"), {"kind": "monthly", "year": "2021", "index": "3"})
    report = StaffReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "hr:issued_report", args=[report.pk]
    )
    issued = client.get(reverse("hr:issued_report", args=[report.pk]), {"format": "xlsx"})
    assert load_workbook(io.BytesIO(issued.content)).active is not None
    assert client.get(reverse("hr:report"), {"kind": "monthly", "year": "x"}).status_code == 400


def test_reports_access(world: World, hilola: User, client: Client) -> None:
    report, _ = actions.issue_report(
        hilola, world.arnasoy, ReportKind.MONTHLY, 2021, 3, datetime.date(2021, 4, 1)
    )
    url = reverse("hr:issued_report", args=[report.pk])
    assert login(client, world.alice).get(url).status_code == 200  # the director reads reports
    assert login(client, world.maria).get(url).status_code == 200  # the region receives them
    assert login(client, world.charlie).get(url).status_code == 404  # another district
    assert login(client, world.bob).get(url).status_code == 403  # the lending desk
    assert client.get(reverse("hr:list")).status_code == 403
    # The director reads reports but does not issue them.
    login(client, world.alice)
    assert (
        client.post(reverse("hr:issue"), {"kind": "monthly", "year": "2021", "index": "4"}).status_code == 403
    )
