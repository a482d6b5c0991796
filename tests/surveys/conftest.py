"""A survey of Arnasoy in March 2021 with one question of each kind, built by bob (lending
desk, who may run surveys), and helpers to answer it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client

from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from kutubxona.surveys import actions
from kutubxona.surveys.models import QuestionKind, Response, Survey
from tests.conftest import World
from tests.planning.conftest import make_plan

OPENS, CLOSES = datetime.date(2021, 3, 1), datetime.date(2021, 3, 31)
IN_MARCH = datetime.date(2021, 3, 10)


def make_survey(world: World, opens: datetime.date = OPENS, closes: datetime.date = CLOSES) -> Survey:
    survey = actions.create_survey(
        world.bob,
        world.arnasoy,
        title="Kutubxona xizmatlaridan qoniqish darajasi",
        purpose="Xizmat sifatini baholash",
        opens_on=opens,
        closes_on=closes,
    )
    actions.add_question(
        world.bob,
        survey,
        text="Yoshingiz",
        kind=QuestionKind.SINGLE,
        choices=["18 gacha", "18–30", "30 dan katta"],
    )
    actions.add_question(
        world.bob,
        survey,
        text="Qaysi xizmatlardan foydalanasiz?",
        kind=QuestionKind.MULTIPLE,
        choices=["Abonement", "O'quv zali", "Internet"],
    )
    actions.add_question(world.bob, survey, text="Xizmat sifati", kind=QuestionKind.SCALE, scale_max=5)
    actions.add_question(world.bob, survey, text="Takliflaringiz", kind=QuestionKind.TEXT, required=False)
    actions.publish_survey(world.bob, survey)
    return survey


def answers(survey: Survey, single: int, multiple: list[int], scale: int, text: str = "") -> actions.Answers:
    """Options by position; the scale by its value (1-5)."""
    q = list(survey.questions.all())
    given: actions.Answers = {q[0].pk: [single], q[1].pk: multiple, q[2].pk: [scale - 1]}
    if text:
        given[q[3].pk] = text
    return given


def answer_three(survey: Survey) -> list[Response]:
    return [
        actions.submit_online(survey, answers(survey, 0, [0, 1], 4, "Yangi kitoblar"), today=IN_MARCH),
        actions.submit_online(survey, answers(survey, 1, [1], 4), today=IN_MARCH),
        actions.submit_online(survey, answers(survey, 1, [1, 2], 2, "Internet tezroq"), today=CLOSES),
    ]


def line_fact(plan: Plan, number: str, year: int = 2021) -> Decimal:
    return build_report(plan, Period.parse(year, "year")).line(number).cumulative


@pytest.fixture
def english(client: Client) -> Client:
    """A browser asking for the English interface (pages are checked in English)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def survey(world: World) -> Survey:
    return make_survey(world)


@pytest.fixture
def plan(world: World) -> Plan:
    return make_plan(world)
