"""Registration and re-registration (lines 15, 15.1, 15.2), duplicates and merge, anonymisation."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kutubxona.catalog import actions as catalog_actions
from kutubxona.catalog.models import Copy
from kutubxona.circulation import actions as desk
from kutubxona.circulation.models import Loan
from kutubxona.core.models import AuditEntry
from kutubxona.planning import registry
from kutubxona.readers import actions
from kutubxona.readers.duplicates import duplicate_groups
from kutubxona.readers.models import Reader, ReaderCategory, Registration
from tests.circulation.conftest import reader, shelf
from tests.conftest import World

YEAR = datetime.date(2025, 1, 1)


def _count(world: World, kind: str | None) -> int:
    metric = registry.get("readers.registrations")
    assert metric is not None
    dims = {"kind": kind} if kind else {}
    return int(
        metric.count([world.arnasoy.pk], YEAR, YEAR.replace(month=12, day=31), dims).get(world.arnasoy.pk, 0)
    )


def test_registration_and_yearly_renewal_count_for_15(world: World) -> None:
    r = actions.register_reader(
        world.bob,
        world.arnasoy,
        on=datetime.date(2024, 5, 2),
        last_name="Karimova",
        first_name="Dilnoza",
        birth_year=2001,
        category=ReaderCategory.STUDENT,
        consent=True,
    )
    assert r.card == f"R{r.pk:08d}"
    actions.renew_registration(world.bob, r, on=datetime.date(2025, 2, 3))
    with pytest.raises(ValidationError):
        actions.renew_registration(world.bob, r, on=datetime.date(2025, 9, 1))  # once a year
    reader(world.arnasoy, "Yangi")  # registered today
    actions.register_reader(
        world.bob,
        world.arnasoy,
        on=datetime.date(2025, 3, 1),
        last_name="Olim",
        first_name="B",
        category="other",
        consent=True,
    )
    assert (_count(world, "new"), _count(world, "renewal"), _count(world, None)) == (1, 1, 2)


def test_registration_refuses_bad_input(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.register_reader(
            world.bob, world.arnasoy, last_name="A", first_name="B", category="other", consent=False
        )
    assert "consent" in caught.value.message_dict
    first = reader(world.arnasoy, "Bir", card="K-1")
    with pytest.raises(ValidationError) as caught:
        reader(world.arnasoy, "Ikki", card="K-1")
    assert "card" in caught.value.message_dict
    assert reader(world.dostlik, "Ikki", card="K-1").card == first.card  # unique per library
    with pytest.raises(PermissionDenied):
        actions.register_reader(
            world.alice, world.arnasoy, last_name="A", first_name="B", category="other", consent=True
        )
    assert Reader.objects.filter(institution=world.arnasoy).count() == 1


def test_duplicates_found_by_folded_name_or_phone_and_merged(world: World) -> None:
    keep = reader(world.arnasoy, "Qo'chqorov", first_name="Oybek", birth_year=1985)
    twin = reader(world.arnasoy, "Қўчқоров", first_name="Ойбек", birth_year=1985)  # Cyrillic spelling
    phone_a = reader(world.arnasoy, "Nazarova", phone="+998 91 555 11 22")
    phone_b = reader(world.arnasoy, "Nazarova-Aliyeva", phone="91-555-11-22")
    reader(world.arnasoy, "Qo'chqorov", first_name="Oybek", birth_year=1999)  # another person
    groups = [{r.pk for r in g} for g in duplicate_groups(world.arnasoy)]
    assert {keep.pk, twin.pk} in groups and {phone_a.pk, phone_b.pk} in groups and len(groups) == 2

    copy = shelf(world.arnasoy, 1)[0]
    desk.lend(world.bob, twin, copy)
    merged = actions.merge_readers(world.bob, keep, twin)
    assert not Reader.objects.filter(pk=twin.pk).exists()
    assert Loan.objects.get(copy=copy).reader_id == merged.pk
    assert Registration.objects.filter(reader=keep).count() == 2  # both stay counted on their day
    entry = AuditEntry.objects.get(action="readers.reader.merge")
    assert entry.changes["duplicate"]["last_name"] == "Қўчқоров"
    with pytest.raises(ValidationError):
        actions.merge_readers(world.bob, keep, keep)


def test_anonymise_inactive_keeps_statistics(world: World) -> None:
    today = timezone.localdate()
    old_day = today - datetime.timedelta(days=5 * 365)
    old = actions.register_reader(
        world.bob,
        world.arnasoy,
        on=old_day,
        last_name="Eski",
        first_name="Kitobxon",
        phone="901112233",
        category="pensioner",
        consent=True,
    )
    still_borrowing = actions.register_reader(
        world.bob,
        world.arnasoy,
        on=old_day,
        last_name="Qarzdor",
        first_name="X",
        category="other",
        consent=True,
    )
    copy = shelf(world.arnasoy, 1)[0]
    desk.lend(world.bob, still_borrowing, copy, when=timezone.now() - datetime.timedelta(days=4 * 365))
    active = reader(world.arnasoy, "Faol")
    assert actions.anonymise_inactive(world.bob, world.arnasoy, years=3) == 1
    old.refresh_from_db()
    assert (old.last_name, old.phone, old.category, old.anonymised_on) == ("—", "", "pensioner", today)
    assert Registration.objects.filter(reader=old).count() == 1
    still_borrowing.refresh_from_db()
    active.refresh_from_db()
    assert still_borrowing.anonymised_on is None and active.anonymised_on is None
    with pytest.raises(ValidationError):
        desk.lend(world.bob, old, shelf(world.arnasoy, 1, prefix="N")[0])


def test_anonymise_command_uses_the_setting(world: World) -> None:
    from io import StringIO

    from django.core.management import call_command

    actions.register_reader(
        None,
        world.arnasoy,
        on=datetime.date(2015, 3, 1),
        last_name="Uzoq",
        first_name="Vaqt",
        category="other",
        consent=True,
    )
    out = StringIO()
    call_command("anonymise_readers", stdout=out)
    assert "Readers anonymised: 1 (inactive for 3 years)" in out.getvalue()
    call_command("anonymise_readers", stdout=out)
    assert Reader.objects.get(anonymised_on__isnull=False).last_name == "—"


def test_a_generated_card_number_is_never_a_copys_barcode_nor_a_typed_card(world: World) -> None:
    first = reader(world.arnasoy, "Birinchi")
    # The numbers the next readers would be given are taken: by copies, and one by a typed card.
    taken = [actions.card_number(Reader(pk=first.pk + n)) for n in (1, 2, 3)]
    record = shelf(world.arnasoy, 1, "Sarob", prefix="S")[0].record
    for number in taken[:2]:
        catalog_actions.create_copy(None, record, accession_number=f"A-{number}", barcode=number)
    typed = reader(world.arnasoy, "Yozilgan", card=taken[2])  # takes the next id, first + 1
    assert typed.card == taken[2]
    new = [reader(world.arnasoy, f"Yangi {n}") for n in range(3)]  # ids first + 2, + 3, + 4
    cards = {r.card for r in new}
    assert len(cards) == 3 and not cards & set(taken)
    assert not Copy.objects.filter(institution=world.arnasoy, barcode__in=cards).exists()
