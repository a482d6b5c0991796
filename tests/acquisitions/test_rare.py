"""The rare collection: copies moved with a reason, the list printed and issued (line 24)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from kutubxona.acquisitions import actions
from kutubxona.acquisitions.models import RareCopy
from kutubxona.catalog.models import Copy, CopyCollection, Record
from kutubxona.core.models import AuditEntry
from kutubxona.documents.models import Document, DocumentKind
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from tests.acquisitions.conftest import receive
from tests.conftest import World, login
from tests.planning.conftest import make_plan


def test_a_record_marked_rare_moves_its_copies_and_back(
    client: Client, world: World, record: Record, dilnoza: object
) -> None:
    receive(world.arnasoy, record, 2)
    login(client, dilnoza)  # type: ignore[arg-type]
    response = client.post(
        reverse("acquisitions:rare"), {"record": f"#{record.pk}", "reason": "1926 first edition"}
    )
    assert response.status_code == 302
    assert set(record.copies.values_list("collection", flat=True)) == {CopyCollection.RARE}
    rare = RareCopy.objects.first()
    assert rare is not None and rare.reason == "1926 first edition"
    pdf = client.get(reverse("acquisitions:rare"), {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    client.post(reverse("acquisitions:rare_unmark", args=[rare.pk]))
    assert Copy.objects.get(pk=rare.copy_id).collection == CopyCollection.MAIN


def test_issuing_the_list_registers_a_document_for_line_24(
    world: World, record: Record, dilnoza: object
) -> None:
    plan = make_plan(world, year=datetime.date.today().year)
    with pytest.raises(ValidationError, match="empty"):
        actions.issue_rare_list(dilnoza, world.arnasoy, datetime.date.today())  # type: ignore[arg-type]
    receive(world.arnasoy, record, 1)
    actions.mark_rare(None, world.arnasoy, list(record.copies.all()), "Qo'lyozma", datetime.date.today())
    doc = actions.issue_rare_list(dilnoza, world.arnasoy, datetime.date.today())  # type: ignore[arg-type]
    assert doc.kind == DocumentKind.RARE_LIST and doc.file.read().startswith(b"%PDF")
    assert Document.objects.filter(kind=DocumentKind.RARE_LIST).count() == 1
    year = Period(datetime.date.today().year, "year")
    assert build_report(plan, year).line("24").cumulative == 1


def test_a_withdrawn_copy_leaves_the_list_and_its_pdf(
    client: Client, world: World, record: Record, dilnoza: object
) -> None:
    today = datetime.date.today()
    receive(world.arnasoy, record, 2)
    kept, gone = record.copies.order_by("accession_number")
    actions.mark_rare(None, world.arnasoy, [kept, gone], "Qo'lyozma", today)
    actions.withdraw(None, world.arnasoy, date=today, reason="lost", copies=[Copy.objects.get(pk=gone.pk)])
    login(client, dilnoza)  # type: ignore[arg-type]
    page = client.get(reverse("acquisitions:rare"))
    assert [r.copy_id for r in page.context["rows"]] == [kept.pk]
    pdf = client.get(reverse("acquisitions:rare"), {"format": "pdf"})
    lines = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().splitlines()
    assert kept.accession_number in lines and gone.accession_number not in lines
    doc = actions.issue_rare_list(dilnoza, world.arnasoy, today)  # type: ignore[arg-type]
    assert doc.note == "1 copies"
    assert AuditEntry.objects.get(action="acquisitions.rare.issue").changes == {"copies": 1}
    actions.withdraw(None, world.arnasoy, date=today, reason="lost", copies=[Copy.objects.get(pk=kept.pk)])
    with pytest.raises(ValidationError, match="empty"):
        actions.issue_rare_list(dilnoza, world.arnasoy, today)  # type: ignore[arg-type]


def test_the_issued_list_is_registered_by_the_cataloguer_who_issued_it(
    world: World, record: Record, dilnoza: object
) -> None:
    today = datetime.date.today()
    receive(world.arnasoy, record, 1)
    actions.mark_rare(None, world.arnasoy, list(record.copies.all()), "Qo'lyozma", today)
    doc = actions.issue_rare_list(dilnoza, world.arnasoy, today)  # type: ignore[arg-type]
    assert doc.author == dilnoza
    registered = AuditEntry.objects.get(action="document.register", object_id=str(doc.pk))
    assert registered.actor == dilnoza
    # Who may not edit the collection may not issue it either (the director reads it).
    with pytest.raises(PermissionDenied):
        actions.issue_rare_list(world.alice, world.arnasoy, today)
    with pytest.raises(PermissionDenied):
        actions.issue_rare_list(world.charlie, world.arnasoy, today)
