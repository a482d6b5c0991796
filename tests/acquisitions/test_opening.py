"""The opening balance carried over from the paper register: part 3's arithmetic, the imported
copies inside it (never below zero), bad input, the audit trail and who may change it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kutubxona.acquisitions import actions, registers
from kutubxona.acquisitions.actions import BalanceInput
from kutubxona.acquisitions.models import OpeningBalance
from kutubxona.catalog import actions as catalog_actions
from kutubxona.catalog.models import Copy, CopyStatus, Record
from kutubxona.core.models import AuditEntry
from kutubxona.institutions.actions import create_staff
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Role
from tests.acquisitions.conftest import receive
from tests.conftest import PASSWORD, World, login

PAPER_DAY = datetime.date(2020, 12, 31)


def balance(
    institution: Institution,
    books: int = 100,
    value: str = "1000000",
    *,
    as_of: datetime.date = PAPER_DAY,
    languages: dict[str, int] | None = None,
    actor: User | None = None,
) -> OpeningBalance:
    given = BalanceInput(
        as_of=as_of,
        by_type={"book": (books, Decimal(value)), "periodical": (20, Decimal("50000"))},
        by_language=languages or {},
        by_subject={},
    )
    return actions.set_opening_balance(actor, institution, given)


def imported(record: Record, count: int, price: str = "5000") -> list[Copy]:
    """Copies the catalogue has without a receipt (as a MARC import leaves them)."""
    return [
        catalog_actions.create_copy(
            None, record, accession_number=f"P{n}", price=Decimal(price), status=CopyStatus.AVAILABLE
        )
        for n in range(1, count + 1)
    ]


def test_part_3_starts_from_the_opening_balance_every_later_year(world: World, record: Record) -> None:
    balance(world.arnasoy)  # 120 copies worth 1,050,000
    receive(world.arnasoy, record, 10, price="2000", day=datetime.date(2021, 3, 1))
    received = list(Copy.objects.filter(accession__isnull=False).order_by("pk"))
    actions.withdraw(None, world.arnasoy, date=datetime.date(2021, 6, 1), reason="worn", copies=received[:2])
    t2021 = registers.totals([world.arnasoy.pk], *registers.year_span(2021))
    assert (t2021.start.copies, t2021.start.value) == (120, Decimal("1050000"))
    assert (t2021.end.copies, t2021.end.value) == (128, Decimal("1066000"))
    t2022 = registers.totals([world.arnasoy.pk], *registers.year_span(2022))
    assert (t2022.start.copies, t2022.start.value) == (128, Decimal("1066000"))
    t2020 = registers.totals([world.arnasoy.pk], *registers.year_span(2020))
    assert t2020.end.copies == 0  # the paper years are not kept here
    # The region's roll-up adds the district's balance.
    region = registers.totals([world.arnasoy.pk, world.dostlik.pk], *registers.year_span(2022))
    assert region.start.copies == 128
    # Part 1 of the first year opens with the brought-forward line; later years do not.
    part1 = registers.register_document(world.arnasoy, 2021).sections[0].rows
    assert part1[0][2] == "brought forward from the paper register" and part1[0][4:7] == [
        120,
        "1 050 000.00",
        100,
    ]
    assert registers.register_document(world.arnasoy, 2022).sections[0].rows == []
    assert registers.register_document(world.arnasoy, 2022).sections[2].rows[0][1] == 128


def test_an_imported_copy_leaves_the_balance_which_never_goes_below_zero(
    world: World, record: Record
) -> None:
    copies = imported(record, 3)
    day = datetime.date(2021, 5, 1)
    with pytest.raises(ValidationError, match="opening balance, which has 0 copies"):
        actions.withdraw(None, world.arnasoy, date=day, reason="worn", copies=copies[:1])
    given = BalanceInput(
        as_of=PAPER_DAY, by_type={"book": (2, Decimal("10000"))}, by_language={}, by_subject={}
    )
    actions.set_opening_balance(None, world.arnasoy, given)
    actions.withdraw(None, world.arnasoy, date=day, reason="worn", copies=copies[:2])
    with pytest.raises(ValidationError, match=r"has 0 copies worth 0\.00 left"):
        actions.withdraw(None, world.arnasoy, date=day, reason="lost", copies=copies[2:])
    assert Copy.objects.get(pk=copies[2].pk).status == CopyStatus.AVAILABLE
    t = registers.totals([world.arnasoy.pk], *registers.year_span(2021))
    assert (t.start.copies, t.withdrawn.copies, t.end.copies, t.end.value) == (2, 2, 0, Decimal(0))
    # Lowering the balance under what is already withdrawn of it is refused.
    less = BalanceInput(
        as_of=PAPER_DAY, by_type={"book": (1, Decimal("10000"))}, by_language={}, by_subject={}
    )
    with pytest.raises(ValidationError, match="already withdrawn"):
        actions.set_opening_balance(None, world.arnasoy, less)


def test_bad_input_is_refused_and_nothing_saved(world: World, record: Record) -> None:
    receive(world.arnasoy, record, 1, day=datetime.date(2021, 2, 1))
    with pytest.raises(ValidationError, match="must be dated before it"):
        balance(world.arnasoy, as_of=datetime.date(2021, 2, 1))
    with pytest.raises(ValidationError, match="cannot be negative"):
        balance(world.arnasoy, books=-5)
    with pytest.raises(ValidationError, match="add up to 100, but the copies by type add up to 120"):
        balance(world.arnasoy, languages={"uzb": 80, "rus": 20})
    with pytest.raises(ValidationError, match="future"):
        balance(world.arnasoy, as_of=datetime.date.today() + datetime.timedelta(days=1))
    assert not OpeningBalance.objects.exists()
    balance(world.arnasoy, languages={"uzb": 100, "rus": 20})
    # A receipt or act dated inside the paper period is refused once the balance is there.
    with pytest.raises(ValidationError, match="date the receipt after it"):
        receive(world.arnasoy, record, 1, day=datetime.date(2020, 12, 31))


def test_a_cancelled_receipt_or_act_does_not_hold_the_balance_back(world: World, record: Record) -> None:
    typo = receive(world.arnasoy, record, 1, day=datetime.date(2020, 3, 20))  # 2020 typed for 2021
    act = actions.withdraw(
        None, world.arnasoy, date=datetime.date(2020, 4, 1), reason="worn", copies=list(Copy.objects.all())
    )
    actions.cancel_withdrawal(None, act, "xato")
    actions.cancel_receipt(None, typo, "yil xato")
    assert balance(world.arnasoy).as_of == PAPER_DAY
    t = registers.totals([world.arnasoy.pk], *registers.year_span(2021))
    assert (t.start.copies, t.start.value) == (120, Decimal("1050000"))


def test_a_correction_keeps_the_before_and_after(world: World, dilnoza: User) -> None:
    balance(world.arnasoy, actor=dilnoza)
    balance(world.arnasoy, books=90, actor=dilnoza)
    created, changed = AuditEntry.objects.filter(action__startswith="acquisitions.opening").order_by("pk")
    assert created.action == "acquisitions.opening.create" and created.changes["copies"] == 120
    assert changed.action == "acquisitions.opening.set" and changed.actor == dilnoza
    assert changed.changes["copies"] == [120, 110]
    assert changed.changes["lines"][0]["type:book"] == [100, "1000000.00"]


def test_the_page_cataloguer_edits_director_reads_other_district_404(
    client: Client, world: World, dilnoza: User
) -> None:
    url, arnasoy = reverse("acquisitions:opening"), world.arnasoy.pk
    login(client, dilnoza)
    form = {"as_of": "2020-12-31", "note": "KSU 1-kitob", "copies_book": "300", "value_book": "2500000"}
    form |= {
        f"{p}_{k}": "0"
        for p in ("copies", "value")
        for k in ("periodical", "audiovisual", "electronic", "other")
    }
    bad = client.post(url, form | {"copies_periodical": "-3"})
    assert bad.status_code == 400 and 'value="KSU 1-kitob"' in bad.content.decode()
    # Extra digits typed by mistake are refused on the form (they gave a 500 on both databases).
    for huge in ({"value_book": "99999999999999.99"}, {"copies_book": "3000000000"}):
        bad = client.post(url, form | huge)
        assert bad.status_code == 400 and 'value="KSU 1-kitob"' in bad.content.decode()
    assert not OpeningBalance.objects.exists()
    saved = client.post(url, form | {"lang_uzb": "250", "lang_rus": "50"})
    assert saved.status_code == 302
    assert saved["Location"] == reverse("acquisitions:register_year", args=[2021]) + f"?institution={arnasoy}"
    assert OpeningBalance.objects.get().copies == 300
    # The region's administrator corrects a district's balance and lands on that district's register.
    login(client, create_staff(None, world.region, username="rk", password=PASSWORD, role=Role.SYSADMIN))
    saved = client.post(f"{url}?institution={arnasoy}", form | {"copies_book": "310"})
    assert saved["Location"] == reverse("acquisitions:register_year", args=[2021]) + f"?institution={arnasoy}"
    assert OpeningBalance.objects.get().copies == 310
    login(client, world.alice)  # the director reads it, may not change it
    page = client.get(url)
    assert (
        page.status_code == 200
        and 'value="310"' in page.content.decode()
        and "disabled" in page.content.decode()
    )
    assert client.post(url, form).status_code == 403
    login(client, world.maria)  # the methodist reads the district's
    assert client.get(url, {"institution": str(world.arnasoy.pk)}).status_code == 200
    login(client, world.charlie)
    assert client.get(url, {"institution": str(world.arnasoy.pk)}).status_code == 404


def test_part_1_by_subject_and_language_as_the_paper_register(world: World, record: Record) -> None:
    languages = {"uzb": 100, "rus": 20}
    given = BalanceInput(
        as_of=PAPER_DAY,
        by_type={"book": (120, Decimal("1000"))},
        by_language=languages,
        by_subject={"udc:8": 70, "udc:3": 50},
    )
    actions.set_opening_balance(None, world.arnasoy, given)
    Record.objects.filter(pk=record.pk).update(udc="821.512.133", language="uzb")
    record.refresh_from_db()
    receive(world.arnasoy, record, 4, day=datetime.date(2021, 3, 1))
    receive(world.arnasoy, None, 2, day=datetime.date(2021, 4, 1))  # queued: not classified yet
    cancelled = receive(world.arnasoy, record, 9, day=datetime.date(2021, 5, 1))
    actions.cancel_receipt(None, cancelled, "xato")
    doc = registers.register_document(world.arnasoy, 2021)
    by_subject, by_language = doc.sections[3], doc.sections[4]
    assert by_subject.headers == ["No.", "not classified", "UDC 3", "UDC 8"]
    assert by_subject.rows == [["—", 0, 50, 70], [1, 0, 0, 4], [2, 2, 0, 0]]
    assert by_language.headers == ["No.", "Uzbek", "Russian", "not given"]
    assert by_language.rows == [["—", 100, 20, 0], [1, 4, 0, 0], [2, 0, 0, 2]]
