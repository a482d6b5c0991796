"""Issue 8's promise: the day's work, recorded where it is done, moves the plan by itself.

An event with 25 attendees, a survey with 3 answers, a paid delivery order and a post move
lines 18, 9, 23 (and 23.1), 42.1 (and 42) and 33 of this year's plan, by exactly their amounts,
and no other line.
"""

from __future__ import annotations

from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kutubxona.events import actions as events
from kutubxona.institutions.models import User
from kutubxona.outreach import actions as outreach
from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from kutubxona.services import actions as services
from kutubxona.services.models import PaymentMethod
from kutubxona.surveys import actions as surveys
from tests.conftest import World
from tests.events.conftest import make_event
from tests.planning.conftest import make_plan
from tests.services.conftest import PriceList, order, pdf_upload
from tests.surveys.conftest import answers, make_survey


def _facts(plan: Plan) -> dict[str, Decimal]:
    report = build_report(plan, Period.parse(plan.year, "year"))
    return {row.line.number: row.cumulative for row in report.lines}


def test_event_survey_paid_delivery_and_post_move_their_lines(
    world: World, dana: User, prices: PriceList, client: Client
) -> None:
    today = timezone.localdate()
    plan = make_plan(world, year=today.year)
    before = _facts(plan)

    event = make_event(world, day=today, title="Kitobxon oila tanlovi")
    events.mark_held(world.bob, event, attendees=25, report="25 kishi qatnashdi")

    survey = make_survey(world, opens=today.replace(day=1), closes=today)
    for single, scale in [(0, 5), (1, 4), (2, 3)]:
        surveys.submit_online(survey, answers(survey, single, [0], scale), today=today)

    placed = order(dana, world, prices.page, quantity=Decimal(10))  # 10 pages at 500 so'm
    services.start_work(dana, placed)
    services.attach_copy(dana, placed, pdf_upload())
    services.record_payment(dana, placed, method=PaymentMethod.CASH)
    assert client.get(reverse("services:download_file", args=[placed.token])).status_code == 200

    outreach.create_posts(
        dana,
        world.arnasoy,
        title="Kitobxon oila tanlovi g'oliblari",
        published_on=today,
        links={"telegram": "https://t.me/arnasoyakm/120"},
    )

    after = _facts(plan)
    moved = {number: after[number] - before[number] for number in after if after[number] != before[number]}
    assert moved == {
        "18": 1,  # one event held
        "9": 1,  # one survey run, with its 3 answers
        "23": 1,  # one electronic copy delivered
        "23.1": 1,  # to a domestic user
        "42": 5000,  # paid income, all of it for a service
        "42.1": 5000,
        "33": 1,  # one post
    }
