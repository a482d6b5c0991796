"""Issue 8's pages as each role meets them: the home page's tiles open, and the plan's drill-down
into the records behind a line opens for the director and for the methodist who approves it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kutubxona.documents import actions as documents
from kutubxona.events import actions as events
from kutubxona.institutions import actions as institutions
from kutubxona.institutions.models import User
from kutubxona.institutions.roles import Role
from kutubxona.methodology import actions as methodology
from kutubxona.methodology.models import HelpForm, LibraryType
from kutubxona.outreach import actions as outreach
from kutubxona.planning import registry
from kutubxona.services import actions as services
from kutubxona.services.models import PaymentMethod
from kutubxona.surveys import actions as surveys
from tests.conftest import World, login
from tests.events.conftest import make_event
from tests.services.conftest import PriceList, order, pdf_upload
from tests.surveys.conftest import answers, make_survey

ISSUE8_APPS = ("events", "surveys", "outreach", "documents", "methodology", "hr", "services")


def _staff(world: World, role: str) -> User:
    return institutions.create_staff(
        None, world.arnasoy, username=f"t-{role}", password="x-Long-pass-1", role=role
    )


def _tiles(client: Client, user: User) -> dict[str, str | None]:
    login(client, user)
    return {m.code: m.url for m in client.get(reverse("home")).context["modules"]}


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (Role.DIRECTOR, {"events", "surveys", "outreach", "documents", "prices", "staff_reports"}, {"hr"}),
        (Role.LENDING, {"events", "surveys", "services"}, {"documents", "hr", "prices", "staff_reports"}),
        (Role.HR, {"hr", "documents"}, {"staff_reports", "services", "prices"}),
        (Role.ICT, {"events", "surveys", "outreach", "documents", "services"}, {"hr", "prices"}),
        (Role.METHODIST, {"events", "surveys", "outreach", "documents", "staff_reports"}, {"hr", "services"}),
    ],
)
def test_every_tile_a_role_is_shown_opens(
    world: World, client: Client, role: str, shown: set[str], hidden: set[str]
) -> None:
    user = world.maria if role == Role.METHODIST else _staff(world, role)
    tiles = _tiles(client, user)
    assert shown <= tiles.keys() and not hidden & tiles.keys(), sorted(tiles)
    for code, url in tiles.items():
        if url:
            assert client.get(url, follow=True).status_code == 200, (role, code, url)


def test_sub_navigation_marks_the_page_and_hides_what_the_role_cannot_open(
    world: World, client: Client
) -> None:
    login(client, world.alice)  # the director reads the staff report but does not keep the records
    page = client.get(reverse("hr:report")).content.decode()
    assert f'href="{reverse("hr:report")}" aria-current="page"' in page
    assert f'href="{reverse("hr:list")}"' not in page and f'href="{reverse("hr:trainings")}"' not in page
    page = client.get(reverse("events:list")).content.decode()
    assert f'href="{reverse("events:list")}" aria-current="page"' in page
    assert reverse("events:create") not in page  # reading, not recording
    login(client, world.bob)
    assert reverse("events:create") in client.get(reverse("events:list")).content.decode()


def test_lists_show_dates_one_way(world: World, client: Client) -> None:
    day = datetime.date(2026, 3, 9)
    make_event(world, day=day)
    make_survey(world, opens=day, closes=day + datetime.timedelta(days=5))
    outreach.create_posts(
        None, world.arnasoy, title="Yangi kitoblar", published_on=day, links={"telegram": "https://t.me/a/1"}
    )
    login(client, world.bob)
    for name, args in [("events:list", []), ("surveys:list", []), ("outreach:list", ["posts"])]:
        page = client.get(reverse(name, args=args)).content.decode()
        assert "2026-03-09" in page and "09.03.2026" not in page, name


def test_events_list_names_each_events_library_for_the_methodist(world: World, client: Client) -> None:
    make_event(world, title="Navro'z")
    events.create_event(
        None,
        world.dostlik,
        kind="event",
        date=timezone.localdate(),
        title="Mustaqillik",
        place_kind="library",
    )
    login(client, world.maria)
    page = client.get(reverse("events:list")).content.decode()
    assert "Arnasoy AKM" in page and "Do&#x27;stlik AKM" in page


def test_drill_down_records_open_for_the_director_and_the_methodist(
    world: World, dana: User, prices: PriceList, client: Client
) -> None:
    today = timezone.localdate()
    event = make_event(world, day=today)
    events.mark_held(world.bob, event, attendees=12, report="12 kishi")
    survey = make_survey(world, opens=today.replace(day=1), closes=today)
    surveys.submit_online(survey, answers(survey, 0, [0], 5), today=today)
    placed = order(dana, world, prices.page, quantity=Decimal(2))
    services.start_work(dana, placed)
    services.attach_copy(dana, placed, pdf_upload())
    services.record_payment(dana, placed, method=PaymentMethod.CASH)
    services.mark_delivered(dana, placed)
    outreach.create_posts(
        dana, world.arnasoy, title="Post", published_on=today, links={"telegram": "https://t.me/a/2"}
    )
    documents.register_document(None, world.arnasoy, kind="order", title="Buyruq", date=today)
    library = methodology.create_library(None, world.arnasoy, name="Maktab", type=LibraryType.SCHOOL)
    methodology.record_help(
        None, world.arnasoy, date=today, library=library, form=HelpForm.ORAL, topic="Katalog"
    )

    urls = {}
    for metric in registry.all_metrics():
        if metric.records is None or metric.key.split(".")[0] not in (*ISSUE8_APPS, "attendance"):
            continue
        start, end = today.replace(month=1, day=1), today.replace(month=12, day=31)
        for row in metric.records([world.arnasoy.pk], start, end, {}, 1):
            urls[metric.key] = row.url
    assert {
        "events.count",
        "events.surveys",
        "services.deliveries",
        "services.income",
        "outreach.posts",
        "documents.count",
        "outreach.method_help",
    } <= urls.keys()
    for user in (world.alice, world.maria):
        login(client, user)
        for key, url in urls.items():
            assert client.get(url).status_code == 200, (user.username, key, url)


def test_issued_staff_reports_name_their_period_in_words(world: World, client: Client) -> None:
    from kutubxona.hr import actions as hr

    hr.issue_report(None, world.arnasoy, "monthly", 2026, 2)
    hr.issue_report(None, world.arnasoy, "quarterly", 2026, 4)
    login(client, world.alice)
    page = client.get(reverse("hr:reports")).content.decode()
    assert "2026, Fevral" in page and "IV chorak" in page and "2026-m02" not in page  # Uzbek, the default
