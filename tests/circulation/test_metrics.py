"""Lines 17 (copies lent) and 22, 22.1-22.3 (distinct borrowers by category), and the diary's loans."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kutubxona.circulation import actions
from kutubxona.circulation.metrics import loans_per_day_and_sector
from kutubxona.institutions.models import Sector
from kutubxona.planning import registry
from kutubxona.readers import actions as reader_actions
from kutubxona.readers.models import ReaderCategory
from tests.circulation.conftest import days, reader, shelf
from tests.conftest import World


def _metric(key: str, world: World, **dims: str) -> int:
    metric = registry.get(key)
    assert metric is not None
    today = timezone.localdate()
    return int(metric.count([world.arnasoy.pk], today - days(1), today, dims).get(world.arnasoy.pk, 0))


def test_loans_and_borrowers(world: World) -> None:
    sector = Sector.objects.create(institution=world.arnasoy, code="abonement", name_uz="Abonement")
    books = shelf(world.arnasoy, 8, sector=sector)
    today = timezone.localdate()
    org = reader_actions.create_organisation(
        None,
        world.arnasoy,
        name="Shifoxona",
        contract_number="1",
        contract_from=today - days(1),
        contract_to=today + days(1),
    )
    nurse1 = reader(world.arnasoy, "Hamshira", organisation=org)
    nurse2 = reader(world.arnasoy, "Hamshira2", organisation=org)
    specialist = reader(world.arnasoy, "Kutubxonachi", category=ReaderCategory.AKM_SPECIALIST)
    pupil = reader(world.arnasoy, "O'quvchi", category=ReaderCategory.PUPIL)
    for who, copy in [
        (nurse1, 0),
        (nurse2, 1),
        (specialist, 2),
        (specialist, 3),
        (pupil, 4),
        (pupil, 5),
        (pupil, 6),
    ]:
        actions.lend(world.bob, who, books[copy])
    actions.take_back(world.bob, books[4])
    actions.lend(world.bob, pupil, books[4])  # lent again: another loan, the same borrower
    assert _metric("circulation.loans", world) == 8
    assert _metric("circulation.borrowers", world, category="organisation") == 1
    assert _metric("circulation.borrowers", world, category="akm_specialist") == 1
    assert _metric("circulation.borrowers", world, category="individual") == 1
    assert _metric("circulation.borrowers", world) == 3
    metric = registry.get("circulation.borrowers")
    assert metric is not None and metric.records is not None
    rows = metric.records([world.arnasoy.pk], today, today, {}, 10)
    assert {r.title for r in rows} == {"Shifoxona", str(specialist), str(pupil)}
    assert loans_per_day_and_sector([world.arnasoy.pk], today, today) == {(today, sector.pk): 8}
    assert loans_per_day_and_sector([world.dostlik.pk], today, today) == {}
    assert (
        loans_per_day_and_sector([world.arnasoy.pk], today + datetime.timedelta(days=1), today + days(2))
        == {}
    )
