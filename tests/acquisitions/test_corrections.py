"""Correcting and cancelling a saved receipt or withdrawal act: numbers kept, copies removed or
given back, lines 10.x following, refusals where the copies have a history, who may do it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kutubxona.acquisitions import actions, registers
from kutubxona.acquisitions.actions import LineChange
from kutubxona.acquisitions.models import Accession, Receipt, Source, Withdrawal, WithdrawnCopy
from kutubxona.catalog.models import Copy, CopyStatus, Record
from kutubxona.circulation import actions as circulation
from kutubxona.core.models import AuditEntry
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import User
from kutubxona.institutions.roles import Role
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from tests.acquisitions.conftest import DAY, receive
from tests.circulation.conftest import reader
from tests.conftest import PASSWORD, World, login
from tests.planning.conftest import make_plan


def copies_of(receipt: Receipt) -> list[Copy]:
    return list(Copy.objects.filter(accession__line__receipt=receipt).order_by("accession__number"))


def test_a_typing_error_in_copies_and_price_is_corrected(
    client: Client, world: World, record: Record, dilnoza: User
) -> None:
    receipt = receive(world.arnasoy, record, 3, price="1000")
    line = receipt.lines.get()
    actions.edit_receipt(
        dilnoza,
        receipt,
        lines={line.pk: LineChange(2, Decimal("1500"))},
        party="“Sharq” NMIU",
        date=DAY.replace(day=21),
    )
    receipt.refresh_from_db()
    assert (receipt.copies, receipt.total, receipt.party) == (2, Decimal("3000"), "“Sharq” NMIU")
    # The third number stays in the accession register, marked; its copy is gone.
    assert list(Accession.objects.order_by("number").values_list("number", "cancelled", "price")) == [
        (1, False, Decimal("1500")),
        (2, False, Decimal("1500")),
        (3, True, Decimal("1000")),
    ]
    assert [c.price for c in copies_of(receipt)] == [Decimal("1500")] * 2
    entry = AuditEntry.objects.get(action="acquisitions.receipt.edit")
    assert entry.actor == dilnoza and entry.changes["party"] == ["“Sharq” NMAK", "“Sharq” NMIU"]
    assert entry.changes[f"line {line.pk}: {line.title}"] == {
        "quantity": [3, 2],
        "price": ["1000.00", "1500.00"],
    }
    # Adding copies gives them the next numbers of the sequence.
    actions.edit_receipt(dilnoza, receipt, lines={line.pk: LineChange(4, Decimal("1500"))})
    assert [c.accession_number for c in copies_of(receipt)] == ["1", "2", "4", "5"]
    login(client, dilnoza)  # the receipt's page names them as they are, not "1–5"
    assert "<td>1–2, 4–5</td>" in client.get(receipt.get_absolute_url()).content.decode()
    t = registers.totals([world.arnasoy.pk], *registers.year_span(2021))
    assert (t.received.copies, t.received.value) == (4, Decimal("6000"))


def test_a_price_is_not_corrected_under_a_written_off_copy(world: World, record: Record) -> None:
    receipt = receive(world.arnasoy, record, 2, price="1000")
    line = receipt.lines.get()
    act = actions.withdraw(None, world.arnasoy, date=DAY, reason="worn", copies=copies_of(receipt)[:1])
    with pytest.raises(ValidationError, match="withdrawn by an act at the price they had"):
        actions.edit_receipt(None, receipt, lines={line.pk: LineChange(2, Decimal("1200"))})
    t = registers.totals([world.arnasoy.pk], *registers.year_span(2021))
    assert (t.received.value, t.withdrawn.value, t.end.copies, t.end.value) == (2000, 1000, 1, 1000)
    # Once the act no longer holds the copy, the price follows to both copies and adds up.
    actions.cancel_withdrawal(None, act, "xato")
    actions.edit_receipt(None, receipt, lines={line.pk: LineChange(2, Decimal("1200"))})
    t = registers.totals([world.arnasoy.pk], *registers.year_span(2021))
    assert (t.end.copies, t.end.value) == (2, Decimal("2400"))


def test_a_copy_is_never_withdrawn_before_it_was_received(world: World, record: Record) -> None:
    receipt = receive(world.arnasoy, record, 2, day=datetime.date(2021, 3, 1))
    later = receive(world.arnasoy, record, 1, day=datetime.date(2021, 5, 1))
    copies = copies_of(receipt) + copies_of(later)
    act = actions.withdraw(None, world.arnasoy, date=datetime.date(2021, 6, 1), reason="worn", copies=copies)
    with pytest.raises(ValidationError, match="is withdrawn on 2021-06-01: date the receipt before it"):
        actions.edit_receipt(None, receipt, date=datetime.date(2021, 7, 1))
    with pytest.raises(ValidationError, match="received on 2021-05-01: the act cannot be dated before it"):
        actions.edit_withdrawal(None, act, date=datetime.date(2021, 4, 1), reason="worn")
    assert Accession.objects.filter(received_on=datetime.date(2021, 7, 1)).count() == 0
    # Struck off, the later copy no longer holds the act's date back; the receipt may move to its day.
    actions.edit_withdrawal(
        None, act, date=datetime.date(2021, 4, 1), reason="worn", strike=[copies_of(later)[0].pk]
    )
    actions.edit_receipt(None, receipt, date=datetime.date(2021, 4, 1))


def test_an_act_older_than_its_copy_blocks_only_a_date_moving_further(world: World, record: Record) -> None:
    receipt = receive(world.arnasoy, record, 1, day=datetime.date(2021, 3, 1))
    # `withdraw` refuses such a date now; an act made before it did may still exist.
    with pytest.raises(ValidationError, match="received on 2021-03-01: the act cannot be dated before it"):
        actions.withdraw(
            None, world.arnasoy, date=datetime.date(2021, 2, 1), reason="lost", copies=copies_of(receipt)
        )
    act = actions.withdraw(
        None, world.arnasoy, date=datetime.date(2021, 3, 1), reason="lost", copies=copies_of(receipt)
    )
    Withdrawal.objects.filter(pk=act.pk).update(date=datetime.date(2021, 2, 1))
    WithdrawnCopy.objects.filter(withdrawal=act).update(withdrawn_on=datetime.date(2021, 2, 1))
    act.refresh_from_db()
    actions.edit_receipt(None, receipt, party="“Sharq” NMIU")
    actions.edit_withdrawal(None, act, date=act.date, reason="lost", note="qayta koʻrildi")
    with pytest.raises(ValidationError, match="date the receipt before it"):
        actions.edit_receipt(None, receipt, date=datetime.date(2021, 3, 2))


def test_a_receipt_stays_in_its_year_and_takes_no_negative_numbers(world: World, record: Record) -> None:
    receipt = receive(world.arnasoy, record, 2)
    line = receipt.lines.get()
    with pytest.raises(ValidationError, match="cancel it and enter it again"):
        actions.edit_receipt(None, receipt, date=datetime.date(2022, 1, 5))
    with pytest.raises(ValidationError, match="cannot be negative"):
        actions.edit_receipt(None, receipt, lines={line.pk: LineChange(2, Decimal("-1"))})
    with pytest.raises(ValidationError, match="at least 1"):
        actions.edit_receipt(None, receipt, lines={line.pk: LineChange(0, Decimal("1"))})
    assert Receipt.objects.get(pk=receipt.pk).total == Decimal("50000")


def test_a_cancelled_receipt_moves_lines_10_back_and_keeps_its_number(world: World, record: Record) -> None:
    plan = make_plan(world)
    year = Period(2021, "year")
    receive(world.arnasoy, record, 2, source=Source.GIFT_PERSON, price="0")
    wrong = receive(world.arnasoy, record, 3, source=Source.GIFT_PERSON, price="0")
    assert [build_report(plan, year).line(n).cumulative for n in ("10", "10.4")] == [5, 5]
    actions.cancel_receipt(None, wrong, "Ikki marta kiritilgan")
    assert [build_report(plan, year).line(n).cumulative for n in ("10", "10.4")] == [2, 2]
    assert copies_of(wrong) == [] and Accession.objects.filter(cancelled=True).count() == 3
    part1 = registers.register_document(world.arnasoy, 2021).sections[0].rows
    assert [row[0] for row in part1] == [1, 2]  # the number stays, without gaps
    assert str(part1[1][3]).startswith("CANCELLED") and part1[1][4] == ""
    assert receive(world.arnasoy, record, 1).number == 3
    with pytest.raises(ValidationError, match="cancelled"):
        actions.cancel_receipt(None, wrong, "yana")


def test_a_receipt_whose_copy_was_lent_cannot_be_cancelled(world: World, record: Record) -> None:
    receipt = receive(world.arnasoy, record, 2)
    first = copies_of(receipt)[0]
    Copy.objects.filter(pk=first.pk).update(status=CopyStatus.AVAILABLE, barcode="LEND1")
    aziz = reader(world.arnasoy)
    circulation.lend(None, aziz, Copy.objects.get(pk=first.pk))
    with pytest.raises(ValidationError, match="lent, lost, withdrawn or rare"):
        actions.cancel_receipt(None, receipt, "xato")
    circulation.take_back(None, Copy.objects.get(pk=first.pk))  # back on the shelf, but it has a history
    with pytest.raises(ValidationError, match="have a history"):
        actions.cancel_receipt(None, receipt, "xato")
    assert len(copies_of(receipt)) == 2 and Receipt.objects.get(pk=receipt.pk).cancelled_on is None


def test_a_receipt_whose_copy_a_stock_take_counted_cannot_be_cancelled(world: World, record: Record) -> None:
    receipt = receive(world.arnasoy, record, 2)
    stocktake = actions.open_stocktake(None, world.arnasoy, title="X", started_on=datetime.date(2021, 8, 1))
    actions.scan(None, stocktake, copies_of(receipt)[1].accession_number)
    with pytest.raises(ValidationError, match="counted in a stock-take"):
        actions.cancel_receipt(None, receipt, "xato")
    with pytest.raises(ValidationError, match="counted in a stock-take"):
        actions.edit_receipt(None, receipt, lines={receipt.lines.get().pk: LineChange(1, Decimal("25000"))})
    assert len(copies_of(receipt)) == 2 and stocktake.scans.get().copy_id is not None


def test_an_act_is_corrected_and_cancelled_its_copies_given_back(world: World, record: Record) -> None:
    receipt = receive(world.arnasoy, record, 3, price="1000")
    copies = copies_of(receipt)
    Copy.objects.filter(pk=copies[2].pk).update(status=CopyStatus.LOST)  # a stock-take found it missing
    act = actions.withdraw(None, world.arnasoy, date=datetime.date(2021, 6, 1), reason="worn", copies=copies)
    actions.edit_withdrawal(
        None, act, date=datetime.date(2021, 6, 2), reason="lost", note="", strike=[copies[0].pk]
    )
    act.refresh_from_db()
    assert (act.copies, act.total, act.reason) == (2, Decimal("2000"), "lost")
    assert Copy.objects.get(pk=copies[0].pk).status == CopyStatus.IN_PROCESSING
    assert AuditEntry.objects.get(action="acquisitions.withdrawal.edit").changes["struck off"] == ["1"]
    with pytest.raises(ValidationError, match="cancel the act instead"):
        actions.edit_withdrawal(None, act, date=act.date, reason="lost", strike=[copies[1].pk, copies[2].pk])
    actions.cancel_withdrawal(None, act, "Boshqa kitob yozilgan")
    act.refresh_from_db()
    assert act.cancelled_copies == ["2", "3"] and act.number == 1
    printed = registers.withdrawal_document(act)  # printed again, it says it is cancelled
    assert "CANCELLED" in printed.subtitle and "Boshqa kitob yozilgan" in printed.subtitle
    assert [row[0] for row in printed.sections[0].rows] == ["2", "3", ""]
    assert "Total" not in str(printed.sections[0].rows)
    statuses = [Copy.objects.get(pk=c.pk).status for c in copies]
    assert statuses == [CopyStatus.IN_PROCESSING, CopyStatus.IN_PROCESSING, CopyStatus.LOST]
    t = registers.totals([world.arnasoy.pk], *registers.year_span(2021))
    assert (t.withdrawn.copies, t.end.copies) == (0, 3)
    part2 = registers.register_document(world.arnasoy, 2021).sections[1].rows
    assert str(part2[0][3]).startswith("CANCELLED") and part2[0][4] == ""
    # A copy of a cancelled act can be withdrawn again by a new act, numbered next.
    assert actions.withdraw(None, world.arnasoy, date=DAY, reason="worn", copies=copies[:1]).number == 2


def test_cancelling_an_act_whose_copy_changed_since_is_refused(world: World, record: Record) -> None:
    copies = copies_of(receive(world.arnasoy, record, 2))
    act = actions.withdraw(None, world.arnasoy, date=DAY, reason="worn", copies=copies)
    Copy.objects.filter(pk=copies[1].pk).update(status=CopyStatus.ON_LOAN)  # put back and lent meanwhile
    with pytest.raises(ValidationError, match="have changed since the act"):
        actions.cancel_withdrawal(None, act, "xato")
    assert Copy.objects.get(pk=copies[0].pk).status == CopyStatus.WITHDRAWN and act.items.count() == 2


def other_cataloguer(world: World) -> User:
    return institution_actions.create_staff(
        None, world.dostlik, username="gulnora", password=PASSWORD, role=Role.CATALOGUER
    )


def test_pages_cataloguer_yes_director_403_other_district_404(
    client: Client, world: World, record: Record, dilnoza: User
) -> None:
    receipt = receive(world.arnasoy, record, 2, price="1000")
    act = actions.withdraw(None, world.arnasoy, date=DAY, reason="worn", copies=copies_of(receipt)[:1])
    edit = reverse("acquisitions:receipt_edit", args=[receipt.pk])
    cancel = reverse("acquisitions:receipt_cancel", args=[receipt.pk])
    act_edit = reverse("acquisitions:withdrawal_edit", args=[act.pk])
    act_cancel = reverse("acquisitions:withdrawal_cancel", args=[act.pk])
    login(client, world.alice)
    assert [client.get(edit).status_code, client.get(act_edit).status_code] == [403, 403]
    assert client.post(cancel, {"reason": "x"}).status_code == 403
    login(client, world.maria)
    assert client.post(act_cancel, {"reason": "x"}).status_code == 403
    login(client, other_cataloguer(world))
    assert [client.get(edit).status_code, client.post(act_cancel, {"reason": "x"}).status_code] == [404, 404]
    login(client, dilnoza)
    line = receipt.lines.get()
    form = {
        "date": "2021-03-20",
        "source": "purchase",
        "party": "Sharq",
        "invoice_number": "F-13",
        f"quantity_{line.pk}": "2",
        f"price_{line.pk}": "-5",
    }
    bad = client.post(edit, form)
    assert bad.status_code == 400 and 'value="F-13"' in bad.content.decode()
    # Extra zeros typed in the copies are refused on the form (no millions of numbers, no 500).
    bad = client.post(edit, form | {f"quantity_{line.pk}": "20000000000", f"price_{line.pk}": "1000"})
    assert bad.status_code == 400 and 'value="F-13"' in bad.content.decode()
    assert Accession.objects.count() == 2
    # One copy is written off at 1000: the price stays, the rest of the correction is saved.
    assert client.post(edit, form | {f"price_{line.pk}": "1000"}).status_code == 302
    assert Receipt.objects.get(pk=receipt.pk).invoice_number == "F-13"
    refused = client.post(cancel, {"reason": "xato"})  # one copy is withdrawn: refused, said on the page
    assert refused.status_code == 400 and "withdraw them with an act" in refused.content.decode()
    assert client.post(act_cancel, {"reason": ""}).status_code == 400
    assert client.post(act_cancel, {"reason": "xato"}).status_code == 302
    assert "Cancelled on" in client.get(reverse("acquisitions:withdrawal", args=[act.pk])).content.decode()
    assert client.post(cancel, {"reason": "xato"}).status_code == 302
    assert client.get(reverse("acquisitions:receipt", args=[receipt.pk])).status_code == 200
    assert "cancelled" in client.get(reverse("acquisitions:receipts")).content.decode()
