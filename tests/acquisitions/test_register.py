"""The collection register (KSU): totals are receipts minus withdrawals; XLSX and PDF."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kutubxona.acquisitions import actions, registers
from kutubxona.acquisitions.models import Source
from kutubxona.catalog.models import Copy, CopyStatus, Record
from tests.acquisitions.conftest import receive
from tests.conftest import World, login


def test_totals_equal_receipts_minus_withdrawals(world: World, record: Record) -> None:
    old = receive(world.arnasoy, record, 10, price="1000", day=datetime.date(2020, 5, 1))
    new = receive(
        world.arnasoy, record, 4, price="2500", day=datetime.date(2021, 2, 1), source=Source.EXCHANGE
    )
    receive(world.arnasoy, None, 3, price="500", day=datetime.date(2021, 3, 1), source=Source.LEGAL_DEPOSIT)
    old_copies = list(Copy.objects.filter(accession__line__receipt=old).order_by("pk"))
    actions.withdraw(
        None, world.arnasoy, date=datetime.date(2020, 12, 1), reason="worn", copies=old_copies[:2]
    )
    new_copies = list(Copy.objects.filter(accession__line__receipt=new).order_by("pk"))
    actions.withdraw(
        None, world.arnasoy, date=datetime.date(2021, 6, 1), reason="lost", copies=new_copies[:1]
    )
    t = registers.totals([world.arnasoy.pk], *registers.year_span(2021))
    assert (t.start.copies, t.start.value) == (8, Decimal("8000"))
    assert (t.received.copies, t.received.value) == (7, Decimal("11500"))
    assert (t.withdrawn.copies, t.withdrawn.value) == (1, Decimal("2500"))
    assert (t.end.copies, t.end.value) == (14, Decimal("17000"))
    # The same as summing receipts and acts by hand.
    assert t.end.copies == 10 + 4 + 3 - 2 - 1


def test_register_page_xlsx_and_pdf(client: Client, world: World, record: Record, dilnoza: object) -> None:
    receive(world.arnasoy, record, 2, price="3000", day=datetime.date(2021, 2, 1))
    login(client, dilnoza)  # type: ignore[arg-type]
    page = client.get(reverse("acquisitions:register_year", args=[2021]))
    assert page.status_code == 200 and "Part 3. Totals of the collection" in page.content.decode()
    xlsx = client.get(reverse("acquisitions:register_year", args=[2021]), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "“Sharq” NMAK · invoice № F-12" in values and "6 000.00" in values
    assert "books" in values and "periodicals" in values  # part 1's copies by type
    pdf = client.get(reverse("acquisitions:register_year", args=[2021]), {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    accessions = client.get(reverse("acquisitions:accessions"), {"year": "2021", "format": "pdf"})
    assert accessions.content.startswith(b"%PDF")
    assert client.get(reverse("acquisitions:accessions"), {"year": "2021"}).status_code == 200
    act = actions.withdraw(
        None,
        world.arnasoy,
        date=datetime.date(2021, 5, 1),
        reason="worn",
        copies=list(Copy.objects.all()[:1]),
    )
    printed = client.get(reverse("acquisitions:withdrawal", args=[act.pk]), {"format": "pdf"})
    assert printed["Content-Type"] == "application/pdf" and printed.content.startswith(b"%PDF")


def test_a_withdrawal_of_a_copy_on_loan_is_refused_whole(world: World, record: Record) -> None:
    receipt = receive(world.arnasoy, record, 3)
    copies = list(Copy.objects.filter(accession__line__receipt=receipt).order_by("pk"))
    Copy.objects.filter(pk=copies[1].pk).update(status=CopyStatus.ON_LOAN)
    with pytest.raises(ValidationError, match="on loan cannot be withdrawn"):
        actions.withdraw(None, world.arnasoy, date=datetime.date(2021, 5, 1), reason="worn", copies=copies)
    assert list(Copy.objects.filter(pk__in=[c.pk for c in copies]).values_list("status", flat=True)) != [
        "withdrawn"
    ]
    assert not Copy.objects.filter(status=CopyStatus.WITHDRAWN).exists()
    act = actions.withdraw(
        None, world.arnasoy, date=datetime.date(2021, 5, 1), reason="worn", copies=[copies[0]]
    )
    assert act.number == 1 and act.copies == 1
    assert registers.withdrawal_document(act).sections[0].rows[0][0] == copies[0].accession_number
    with pytest.raises(ValidationError, match="Already withdrawn"):
        actions.withdraw(
            None, world.arnasoy, date=datetime.date(2021, 5, 2), reason="worn", copies=[copies[0]]
        )
