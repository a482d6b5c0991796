"""The event pages: create, edit, mark held, cancel; the list, the calendar and the cultural plan."""

from __future__ import annotations

import datetime
import html
import io

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kutubxona.events import actions
from kutubxona.events.models import Event, EventKind, EventStatus
from kutubxona.institutions.models import Sector
from tests.conftest import World, login
from tests.events.conftest import DAY, make_event


def test_a_librarian_creates_an_event_and_marks_it_held(client: Client, world: World) -> None:
    login(client, world.bob)
    youth = Sector.objects.get(institution=world.arnasoy, code="youth")
    response = client.post(
        reverse("events:create"),
        {
            "kind": "event",
            "title": "Alisher Navoiy tavalludining 580 yilligiga bag'ishlangan adabiy kecha",
            "date": "2021-02-09",
            "start_time": "14:00",
            "end_time": "16:00",
            "in_plan": "on",
            "place_kind": "library",
            "sector": youth.pk,
            "organisers": [world.bob.pk],
            "partner": "12-maktab",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/events/{event.pk}/"
    assert event.status == EventStatus.PLANNED and list(event.organisers.all()) == [world.bob]
    assert event.sector == youth and event.created_by == world.bob

    response = client.post(
        reverse("events:held", args=[event.pk]),
        {"held-children": "10", "held-youth": "12", "held-adults": "3", "held-report": "Yaxshi o'tdi"},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.status, event.attendees, event.report) == (EventStatus.HELD, 25, "Yaxshi o'tdi")
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "580 yilligiga" in page and '<dd data-testid="attendees">25</dd>' in page
    assert html.escape(str(youth)) in page


def test_edit_and_cancel(client: Client, world: World, event: Event) -> None:
    login(client, world.bob)
    response = client.post(
        reverse("events:edit", args=[event.pk]),
        {
            "kind": "club",
            "title": "Kitobxonlar klubi",
            "date": "2021-03-21",
            "place_kind": "school",
            "address": "5-maktab",
        },
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.kind, event.title, event.address) == ("club", "Kitobxonlar klubi", "5-maktab")
    client.post(reverse("events:status", args=[event.pk, "cancelled"]), {"cancel-reason": "Karantin"})
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    client.post(reverse("events:status", args=[event.pk, "planned"]))
    event.refresh_from_db()
    assert event.status == EventStatus.PLANNED


def test_calendar_shows_the_event_on_its_day(client: Client, world: World, event: Event) -> None:
    login(client, world.alice)  # the director reads events, as she reads the plan
    page = client.get(reverse("events:calendar_month", args=[2021, 3])).content.decode()
    cell = page.split('data-date="2021-03-20"', 1)[1].split("</td>", 1)[0]
    assert "Navro&#x27;z bayrami" in cell and f"/events/{event.pk}/" in cell
    assert "Navro&#x27;z" not in page.split('data-date="2021-03-19"', 1)[1].split("</td>", 1)[0]
    assert reverse("events:calendar_month", args=[2021, 2]) in page  # previous
    assert reverse("events:calendar_month", args=[2021, 4]) in page  # next
    assert client.get(reverse("events:calendar_month", args=[2021, 13])).status_code == 404
    assert client.get(reverse("events:calendar")).status_code == 200


def test_list_filters(client: Client, world: World) -> None:
    make_event(world, title="Bahor kechasi")
    make_event(world, EventKind.CLUB, day=datetime.date(2021, 4, 2), title="Klub yig'ilishi")
    login(client, world.bob)
    url = reverse("events:list")
    assert "Klub yig" not in client.get(url, {"kind": "event"}).content.decode()
    page = client.get(url, {"month": "2021-04"}).content.decode()
    assert "Klub yig" in page and "Bahor kechasi" not in page
    assert "YYYY-MM" in client.get(url, {"month": "aprel"}).content.decode()
    assert "Bahor kechasi" in client.get(url, {"status": "planned"}).content.decode()


def test_the_cultural_plan_counts_planned_and_held(client: Client, world: World) -> None:
    held = make_event(world)  # March, planned then held
    actions.mark_held(None, held, attendees=30)
    make_event(world, day=datetime.date(2021, 3, 25))  # March, planned, not held yet
    cancelled = make_event(world, EventKind.CLUB, day=datetime.date(2021, 3, 26))
    actions.set_status(None, cancelled, EventStatus.CANCELLED)
    unplanned = make_event(world, EventKind.MOBILE, day=datetime.date(2021, 5, 3), in_plan=False)
    actions.mark_held(None, unplanned, attendees=12)
    login(client, world.bob)
    response = client.get(reverse("events:plan_year", args=[2021]))
    plan = response.context["plan"]
    march, may = plan.months[2], plan.months[4]
    assert (march.cells["event"].planned, march.cells["event"].held) == (2, 1)
    assert (march.cells["club"].planned, march.cells["club"].cancelled) == (1, 1)
    assert (may.total.planned, may.total.held) == (0, 1)
    assert (plan.totals.total.planned, plan.totals.total.held) == (3, 2)

    download = client.get(reverse("events:plan_xlsx", args=[2021]))
    assert download["Content-Disposition"] == 'attachment; filename="arnasoy-tadbirlar-2021.xlsx"'
    book = load_workbook(io.BytesIO(download.content))
    rows = list(book.worksheets[0].iter_rows(min_row=5, values_only=True))
    assert rows[2][1:3] == (2, 1) and rows[12][1:3] == (2, 1)
    assert rows[12][-2:] == (3, 2)
    assert len(list(book.worksheets[1].iter_rows(min_row=2))) == 4


def test_the_module_is_on_the_home_page(client: Client, world: World) -> None:
    login(client, world.bob)
    assert reverse("events:list") in client.get(reverse("home")).content.decode()


def test_marking_held_is_offered_only_from_the_day(client: Client, world: World) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    future = make_event(world, day=tomorrow)
    login(client, world.bob)
    page = client.get(reverse("events:detail", args=[future.pk])).content.decode()
    assert reverse("events:held", args=[future.pk]) not in page
    assert (
        reverse("events:held", args=[make_event(world, day=DAY).pk])
        in client.get(reverse("events:detail", args=[Event.objects.get(date=DAY).pk])).content.decode()
    )
