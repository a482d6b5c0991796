"""Plan lines 25, 30, 31, 34 (items added to digital collections, by purpose) and 36 (e-books put
on QR boards, on the day the board went up), with their drill-downs."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse

from kutubxona.elibrary import actions
from kutubxona.elibrary.models import Purpose
from kutubxona.planning.periods import Period
from kutubxona.planning.registry import RecordsFn, get
from kutubxona.planning.report import build_report
from tests.conftest import World, login
from tests.elibrary.conftest import make_book
from tests.planning.conftest import make_plan

DAY = datetime.date(2021, 10, 5)
SEPTEMBER = datetime.date(2021, 9, 1)
YEAR = Period(2021, "year")
LINES = ("25", "30", "31", "34", "36")


def records(key: str) -> RecordsFn:
    metric = get(key)
    assert metric is not None and metric.records is not None
    return metric.records


def facts(plan: object, period: Period = YEAR) -> dict[str, object]:
    report = build_report(plan, period)  # type: ignore[arg-type]
    return {number: report.line(number).cumulative for number in LINES}


def test_local_history_items_move_lines_30_and_34(world: World) -> None:
    plan = make_plan(world)
    before = facts(plan)
    local = actions.create_collection(
        None, world.arnasoy, name="O'lkashunoslik", purpose=Purpose.LOCAL_HISTORY
    )
    for title in ("Arnasoy tarixi", "Aydar ko'li", "Sharof Rashidov"):
        actions.add_item(None, local, make_book(world.arnasoy, title), added_at=DAY)
    after = facts(plan)
    assert {n: after[n] - before[n] for n in LINES} == {"25": 0, "30": 3, "31": 0, "34": 3, "36": 0}  # type: ignore[operator]
    # Another year, another library: not counted.
    actions.add_item(None, local, make_book(world.arnasoy, "Keyin"), added_at=datetime.date(2022, 1, 3))
    theirs = actions.create_collection(None, world.dostlik, name="Noyob", purpose=Purpose.RARE)
    actions.add_item(None, theirs, make_book(world.dostlik, "Noyob kitob"), added_at=DAY)
    other = actions.create_collection(None, world.arnasoy, name="Boshqa", purpose=Purpose.OTHER)
    actions.add_item(None, other, make_book(world.arnasoy, "Boshqa kitob"), added_at=DAY)
    final = facts(plan)
    assert final["30"] == after["30"] and final["25"] == after["25"]
    assert final["34"] == after["34"] + 1  # type: ignore[operator]
    rows = records("digitization.collection_items")(
        [world.arnasoy.pk],
        datetime.date(2021, 1, 1),
        datetime.date(2021, 12, 31),
        {"collection": "local_history"},
        10,
    )
    assert sorted(row.title for row in rows) == ["Arnasoy tarixi", "Aydar ko'li", "Sharof Rashidov"]


def test_a_board_with_four_ebooks_moves_line_36_by_four(world: World) -> None:
    plan = make_plan(world)
    board = actions.create_board(None, world.arnasoy, title="Kitoblar", place="Mehmonxona")
    for title in ("Bir", "Ikki", "Uch", "To'rt"):  # prepared in September, put up in October
        actions.add_board_item(None, board, make_book(world.arnasoy, title), added_on=SEPTEMBER)
    assert facts(plan)["36"] == 0  # not yet put up
    actions.update_board(None, board, placed_on=DAY)
    assert facts(plan)["36"] == 4
    assert build_report(plan, Period.parse(2021, "q4")).line("36").period_fact.derived == 4
    assert build_report(plan, Period.parse(2021, "q3")).line("36").period_fact.derived == 0
    rows = records("digitization.qr_items")(
        [world.arnasoy.pk], datetime.date(2021, 1, 1), datetime.date(2021, 12, 31), {}, 10
    )
    assert len(rows) == 4 and rows[0].url.endswith(f"/elibrary/boards/{board.pk}/")


def test_the_plan_lines_page_lists_the_items_behind_line_30(world: World, client: Client) -> None:
    plan = make_plan(world)
    local = actions.create_collection(
        None, world.arnasoy, name="O'lkashunoslik", purpose=Purpose.LOCAL_HISTORY
    )
    actions.add_item(None, local, make_book(world.arnasoy, "Arnasoy tarixi"), added_at=DAY)
    client.cookies["django_language"] = "en"
    for user in (world.alice, world.maria):
        login(client, user)
        html = client.get(
            reverse("planning:line", args=[plan.pk, "30"]) + "?period=2021-year"
        ).content.decode()
        assert "Arnasoy tarixi" in html and reverse("elibrary:collection", args=[local.pk]) in html
        assert client.get(reverse("elibrary:collection", args=[local.pk])).status_code == 200


def count(key: str, world: World, year: int, **dimensions: str) -> int:
    metric = get(key)
    assert metric is not None
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    found = metric.count([world.arnasoy.pk], first, last, dimensions)
    return int(found.get(world.arnasoy.pk, 0))


def line_36(world: World) -> tuple[int, int]:
    return count("digitization.qr_items", world, 2021), count("digitization.qr_items", world, 2022)


def test_an_ebook_counts_on_its_own_day_not_on_the_boards(world: World) -> None:
    """Line 36: an e-book added in 2022 to a board put up in 2021 counts in 2022; a later change
    of the board's day leaves it there; e-books of a board not yet up count on the day it goes up."""
    board = actions.create_board(None, world.arnasoy, title="Kitoblar", place="Mehmonxona", placed_on=DAY)
    actions.add_board_item(None, board, make_book(world.arnasoy, "Bir"), added_on=DAY)
    actions.add_board_item(None, board, make_book(world.arnasoy, "Ikki"), added_on=datetime.date(2022, 3, 1))
    assert line_36(world) == (1, 1)
    actions.update_board(None, board, placed_on=datetime.date(2021, 6, 1))  # a corrected day
    assert line_36(world) == (1, 1)
    rows = records("digitization.qr_items")(
        [world.arnasoy.pk], datetime.date(2022, 1, 1), datetime.date(2022, 12, 31), {}, 10
    )
    assert [(row.date, row.title) for row in rows] == [(datetime.date(2022, 3, 1), "Ikki")]
    # A board being prepared: its e-books wait, then count on the day it is put up (or later).
    later = actions.create_board(None, world.arnasoy, title="Yangi", place="Vokzal")
    actions.add_board_item(None, later, make_book(world.arnasoy, "Uch"), added_on=datetime.date(2021, 2, 1))
    actions.add_board_item(None, later, make_book(world.arnasoy, "To'rt"), added_on=datetime.date(2022, 5, 1))
    assert count("digitization.qr_items", world, 2021) == 1
    actions.update_board(None, later, placed_on=datetime.date(2021, 11, 1))
    assert line_36(world) == (2, 2)


def test_a_resource_in_two_collections_counts_once_in_line_34(world: World) -> None:
    """Line 34 counts the full-text database's resources; lines 25/30/31 count per purpose."""
    local = actions.create_collection(
        None, world.arnasoy, name="O'lkashunoslik", purpose=Purpose.LOCAL_HISTORY
    )
    rare = actions.create_collection(None, world.arnasoy, name="Noyob", purpose=Purpose.RARE)
    both = make_book(world.arnasoy, "Arnasoy tarixi")
    actions.add_item(None, local, both, added_at=DAY)
    actions.add_item(None, rare, both, added_at=DAY)
    actions.add_item(None, rare, make_book(world.arnasoy, "Qadimiy qo'lyozma"), added_at=DAY)
    # The same resource put in a third collection a year later counts in neither year again.
    other = actions.create_collection(None, world.arnasoy, name="Boshqa", purpose=Purpose.OTHER)
    actions.add_item(None, other, both, added_at=datetime.date(2022, 2, 1))
    assert count("digitization.collection_items", world, 2021) == 2
    assert count("digitization.collection_items", world, 2022) == 0
    assert count("digitization.collection_items", world, 2021, collection="local_history") == 1
    assert count("digitization.collection_items", world, 2021, collection="rare") == 2
    rows = records("digitization.collection_items")(
        [world.arnasoy.pk], datetime.date(2021, 1, 1), datetime.date(2021, 12, 31), {}, 10
    )
    assert sorted(row.title for row in rows) == ["Arnasoy tarixi", "Qadimiy qo'lyozma"]


def test_a_removal_leaves_the_closed_period_and_a_re_add_counts_once(world: World, client: Client) -> None:
    """Items taken out are dated, not deleted: 2021 keeps its count (lines 30, 34, 36); the
    pages no longer show them; the same record may be put back, and is not counted twice."""
    local = actions.create_collection(
        None, world.arnasoy, name="O'lkashunoslik", purpose=Purpose.LOCAL_HISTORY, is_public=True
    )
    record = make_book(world.arnasoy, "Arnasoy tarixi")
    item = actions.add_item(None, local, record, added_at=DAY)
    board = actions.create_board(None, world.arnasoy, title="Kitoblar", place="Mehmonxona", placed_on=DAY)
    on_board = actions.add_board_item(None, board, record, added_on=DAY)
    before = [count(key, world, 2021) for key in ("digitization.collection_items", "digitization.qr_items")]
    assert (
        before == [1, 1]
        and count("digitization.collection_items", world, 2021, collection="local_history") == 1
    )
    actions.remove_item(None, item)
    actions.remove_board_item(None, on_board)
    after = [count(key, world, 2021) for key in ("digitization.collection_items", "digitization.qr_items")]
    assert after == before
    assert count("digitization.collection_items", world, 2021, collection="local_history") == 1
    # Hidden from the pages.
    public = reverse("collections:collection", args=[world.arnasoy.code, local.pk])
    assert "Arnasoy tarixi" not in client.get(public).content.decode()
    assert "Arnasoy tarixi" not in client.get(public, {"q": "arnasoy"}).content.decode()
    login(client, world.alice)
    assert (
        "Arnasoy tarixi" not in client.get(reverse("elibrary:collection", args=[local.pk])).content.decode()
    )
    assert "Arnasoy tarixi" not in client.get(reverse("elibrary:board", args=[board.pk])).content.decode()
    # Put back the next year: shown again, counted in neither year a second time.
    again = actions.add_item(None, local, record, added_at=datetime.date(2022, 4, 1))
    back = actions.add_board_item(None, board, record, added_on=datetime.date(2022, 4, 1))
    assert again.pk != item.pk and back.link.code != on_board.link.code
    assert "Arnasoy tarixi" in client.get(reverse("elibrary:collection", args=[local.pk])).content.decode()
    assert [
        count(key, world, 2022) for key in ("digitization.collection_items", "digitization.qr_items")
    ] == [0, 0]
    assert count("digitization.collection_items", world, 2022, collection="local_history") == 0
