"""Interlibrary requests: statuses along the allowed moves, dated and audited; line 19 counts
the fulfilled ones; bad input refused with a clear message; pages and tenancy."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kutubxona.core.models import AuditEntry
from kutubxona.interlibrary import actions, metrics
from kutubxona.interlibrary.models import Direction, Request, Status
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from tests.conftest import World, login
from tests.events.conftest import make_copies
from tests.planning.conftest import make_plan

DAY = datetime.date(2021, 4, 5)
YEAR = Period(2021, "year")


def borrow(world: World, **fields: Any) -> Request:
    values: dict[str, Any] = {
        "direction": Direction.BORROW,
        "partner": world.dostlik,
        "item": "Qodiriy A. O'tkan kunlar. 1926",
        "reader_name": "Aziza Karimova",
        "reader_card": "A-0042",
        "requested_on": DAY,
    }
    return actions.create_request(world.bob, world.arnasoy, **(values | fields))


def lend(world: World, **fields: Any) -> Request:
    values: dict[str, Any] = {
        "direction": Direction.LEND,
        "partner_name": "Samarqand viloyat AKM",
        "item": "Navoiy A. Xamsa",
        "requested_on": DAY,
    }
    return actions.create_request(world.bob, world.arnasoy, **(values | fields))


@pytest.fixture
def client(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_statuses_move_and_date_themselves_with_an_audit_entry(world: World) -> None:
    ours = borrow(world)
    ours = actions.change_status(world.bob, ours, Status.SENT, DAY + datetime.timedelta(days=2))
    ours = actions.change_status(world.bob, ours, Status.RECEIVED, DAY + datetime.timedelta(days=6), "Pochta")
    ours = actions.change_status(world.bob, ours, Status.RETURNED, DAY + datetime.timedelta(days=20))
    assert (ours.sent_on, ours.received_on, ours.returned_on) == (
        datetime.date(2021, 4, 7),
        datetime.date(2021, 4, 11),
        datetime.date(2021, 4, 25),
    )
    assert "2021-04-11: Pochta" in ours.note
    entries = AuditEntry.objects.filter(object_type="interlibrary.Request", object_id=str(ours.pk)).order_by(
        "id"
    )
    assert [e.action for e in entries] == ["interlibrary.create"] + ["interlibrary.status"] * 3
    assert entries.last().changes["status"] == ["received", "returned"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("make", "path", "refused"),
    [
        (borrow, [Status.REFUSED], Status.SENT),  # closed
        (borrow, [Status.CANCELLED], Status.RECEIVED),
        (borrow, [], Status.RETURNED),  # not received yet
        (borrow, [Status.SENT], Status.CANCELLED),  # on its way: too late to cancel
        (lend, [], Status.RECEIVED),  # we have not sent it
        (lend, [Status.SENT, Status.RETURNED], Status.RETURNED),
    ],
)
def test_a_move_that_is_not_allowed_is_refused_with_what_is(
    world: World, make: Any, path: list[str], refused: str
) -> None:
    item = make(world)
    for status in path:
        item = actions.change_status(world.bob, item, status, DAY)
    with pytest.raises(ValidationError) as error:
        actions.change_status(world.bob, item, refused, DAY)
    message = error.value.messages[0]
    assert f"cannot become {Status(refused).label}" in message and "It can become" in message
    assert Request.objects.get(pk=item.pk).status == item.status


def test_bad_input_is_refused(world: World) -> None:
    future = timezone.localdate() + datetime.timedelta(days=3)
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"partner": None, "partner_name": ""}, "partner_name", "Name the other library"),
        ({"partner": world.arnasoy}, "partner", "cannot be this library"),
        ({"item": ""}, "item", "Say which item"),
        ({"reader_name": ""}, "reader_name", "name the reader"),
        ({"requested_on": future}, "requested_on", "is in the future"),
        ({"due_on": DAY - datetime.timedelta(days=1)}, "due_on", "before the request"),
    ]
    for fields, field, message in cases:
        with pytest.raises(ValidationError) as error:
            borrow(world, **fields)
        assert message in error.value.message_dict[field][0], fields
    item = borrow(world)
    with pytest.raises(ValidationError, match="in the future"):
        actions.change_status(world.bob, item, Status.SENT, future)
    with pytest.raises(ValidationError, match="before the request"):
        actions.change_status(world.bob, item, Status.SENT, DAY - datetime.timedelta(days=1))
    assert not Request.objects.exclude(pk=item.pk).exists()


def test_only_the_desk_of_the_institution_records_them(world: World) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_request(
            world.alice, world.arnasoy, direction=Direction.LEND, partner_name="X", item="Y", requested_on=DAY
        )
    item = lend(world)
    with pytest.raises(PermissionDenied):
        actions.change_status(world.charlie, item, Status.SENT, DAY)


def test_line_19_counts_ours_received_and_theirs_sent(world: World) -> None:
    plan = make_plan(world)
    ours, theirs, waiting, refused = borrow(world), lend(world), borrow(world), lend(world)
    assert build_report(plan, YEAR).line("19").cumulative == 0
    actions.change_status(world.bob, ours, Status.SENT, DAY)
    assert build_report(plan, YEAR).line("19").cumulative == 0  # on its way to us: not yet
    ours = actions.change_status(world.bob, ours, Status.RECEIVED, datetime.date(2021, 4, 9))
    actions.change_status(world.bob, theirs, Status.SENT, datetime.date(2021, 7, 1))
    actions.change_status(world.bob, refused, Status.REFUSED, DAY)
    actions.change_status(world.bob, ours, Status.RETURNED, datetime.date(2021, 5, 1))  # still counts once
    assert waiting.status == Status.REQUESTED
    report = build_report(plan, YEAR)
    assert report.line("19").cumulative == 2
    assert build_report(plan, Period.parse(2021, "q2")).line("19").period_fact.derived == 1
    ids = [world.arnasoy.pk]
    assert metrics.count_fulfilled(ids, YEAR.start, YEAR.end, {"direction": "lend"}) == {world.arnasoy.pk: 1}
    rows = metrics.fulfilled_rows(ids, YEAR.start, YEAR.end, {}, 10)
    assert [(r.date, r.url) for r in rows] == [
        (datetime.date(2021, 7, 1), f"/interlibrary/{theirs.pk}/"),
        (datetime.date(2021, 4, 9), f"/interlibrary/{ours.pk}/"),
    ]


def test_pages_record_a_request_and_change_its_status(world: World, client: Client) -> None:
    copy = make_copies(world.arnasoy, 1, prefix="M")[0]
    login(client, world.bob)
    response = client.post(
        reverse("interlibrary:create"),
        {
            "direction": "lend",
            "partner": world.dostlik.pk,
            "barcode": "nope",
            "requested_on": DAY.isoformat(),
        },
    )
    assert (
        response.status_code == 400
        and "No copy of this library has the barcode nope" in response.content.decode()
    )
    response = client.post(
        reverse("interlibrary:create"),
        {
            "direction": "lend",
            "partner": world.dostlik.pk,
            "barcode": copy.barcode,
            "requested_on": DAY.isoformat(),
        },
    )
    item = Request.objects.get()
    assert response["Location"] == reverse("interlibrary:detail", args=[item.pk])
    assert item.record == copy.record and item.partner == world.dostlik
    detail = reverse("interlibrary:detail", args=[item.pk])
    assert "Xamsa" in client.get(detail).content.decode()
    status = reverse("interlibrary:status", args=[item.pk])
    refused = client.post(status, {"status": "returned", "on": DAY.isoformat()})
    assert refused.status_code == 400 and "cannot become returned" in refused.content.decode()
    assert client.post(status, {"status": "sent", "on": DAY.isoformat()}).status_code == 302
    assert Request.objects.get().status == Status.SENT
    listing = client.get(reverse("interlibrary:list"), {"status": "sent"}).content.decode()
    assert detail in listing
    assert detail not in client.get(reverse("interlibrary:list"), {"status": "refused"}).content.decode()
    edit = reverse("interlibrary:edit", args=[item.pk])
    response = client.post(
        edit,
        {
            "partner": world.dostlik.pk,
            "barcode": "",
            "item": "Xamsa, 1-jild",
            "requested_on": DAY.isoformat(),
        },
    )
    assert response.status_code == 302
    assert Request.objects.get().item == "Xamsa, 1-jild"


def test_tenancy(world: World, client: Client) -> None:
    item = borrow(world)
    detail = reverse("interlibrary:detail", args=[item.pk])
    login(client, world.charlie)
    assert client.get(detail).status_code == 404
    assert client.post(reverse("interlibrary:status", args=[item.pk]), {"status": "sent"}).status_code == 404
    assert detail not in client.get(reverse("interlibrary:list")).content.decode()
    login(client, world.alice)  # reads, does not record
    assert client.get(detail).status_code == 200
    assert client.get(reverse("interlibrary:edit", args=[item.pk])).status_code == 403
    assert client.post(reverse("interlibrary:status", args=[item.pk]), {"status": "sent"}).status_code == 403
    assert client.get(reverse("interlibrary:create")).status_code == 403
    assert Request.objects.get().status == Status.REQUESTED


def test_the_admin_lists_requests_and_visits(world: World, client: Client) -> None:
    borrow(world)
    login(client, world.admin)
    for name in ["interlibrary_request", "attendance_visit", "attendance_headcount"]:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name


def test_overdue_requests_are_marked_and_filtered(world: World, client: Client) -> None:
    late = borrow(world, due_on=DAY + datetime.timedelta(days=30))
    actions.change_status(world.bob, late, Status.RECEIVED, DAY + datetime.timedelta(days=5))
    in_time = lend(world, due_on=timezone.localdate())
    actions.change_status(world.bob, in_time, Status.SENT, DAY)
    back = borrow(world, due_on=DAY + datetime.timedelta(days=30))
    back = actions.change_status(world.bob, back, Status.RECEIVED, DAY)
    actions.change_status(world.bob, back, Status.RETURNED, DAY + datetime.timedelta(days=9))
    assert [r.overdue for r in Request.objects.order_by("id")] == [True, False, False]
    login(client, world.bob)
    page = client.get(reverse("interlibrary:list"), {"overdue": "1"}).content.decode()
    assert reverse("interlibrary:detail", args=[late.pk]) in page and "overdue since 2021-05-05" in page
    assert reverse("interlibrary:detail", args=[in_time.pk]) not in page
    assert reverse("interlibrary:detail", args=[back.pk]) not in page


def test_line_19_drill_down_orders_and_limits_in_the_database(world: World) -> None:
    """The newest fulfilled first, by the day each counts (received for ours, sent for theirs,
    even when they later tell us it arrived), and only `limit` rows read."""
    on = datetime.date
    ours_early, ours_late, theirs = borrow(world), borrow(world), lend(world)
    actions.change_status(world.bob, ours_early, Status.RECEIVED, on(2021, 4, 9))
    actions.change_status(world.bob, ours_late, Status.RECEIVED, on(2021, 6, 2))
    actions.change_status(world.bob, theirs, Status.SENT, on(2021, 5, 1))
    actions.change_status(world.bob, theirs, Status.RECEIVED, on(2021, 8, 30))  # counts on 1 May
    for _ in range(3):  # older ones, beyond the limit
        actions.change_status(world.bob, borrow(world), Status.RECEIVED, on(2021, 4, 6))
    ids = [world.arnasoy.pk]
    with CaptureQueriesContext(connection) as queries:
        rows = metrics.fulfilled_rows(ids, YEAR.start, YEAR.end, {}, 3)
    assert [(r.date, r.url) for r in rows] == [
        (on(2021, 6, 2), f"/interlibrary/{ours_late.pk}/"),
        (on(2021, 5, 1), f"/interlibrary/{theirs.pk}/"),
        (on(2021, 4, 9), f"/interlibrary/{ours_early.pk}/"),
    ]
    assert len(queries) == 1
    sql = queries[0]["sql"].upper()
    assert "ORDER BY" in sql and "LIMIT 3" in sql
