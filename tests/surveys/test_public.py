"""The public page: anonymous, no JavaScript, refuses answers outside the survey's dates in the
respondent's language, keeps what was typed when a required question is missing, and
guards against answering twice from the same browser."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from kutubxona.surveys import actions
from kutubxona.surveys.models import Response, ResponseSource, Survey
from tests.conftest import World
from tests.surveys.conftest import make_survey


@pytest.fixture
def running(world: World) -> Survey:
    today = timezone.localdate()
    return make_survey(world, today - datetime.timedelta(days=5), today + datetime.timedelta(days=5))


def _post(survey: Survey, text: str = "Ko'proq kitob") -> dict[str, object]:
    q = list(survey.questions.all())
    return {f"q{q[0].pk}": "1", f"q{q[1].pk}": ["0", "2"], f"q{q[2].pk}": "3", f"q{q[3].pk}": text}


def test_anonymous_respondent_answers(english: Client, running: Survey) -> None:
    url = f"/surveys/s/{running.token}/"
    page = english.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Yoshingiz" in html and 'type="radio"' in html and 'type="checkbox"' in html
    assert "<script" not in html.split("<body>")[1].split("</header>")[1]  # the form needs no script
    done = english.post(url, _post(running))
    assert "Thank you! Your answers have been saved." in done.content.decode()
    (response,) = Response.objects.filter(survey=running)
    assert response.source == ResponseSource.ONLINE and response.entered_by is None
    assert sorted(a.display() for a in response.answers.all()) == [
        "18–30",
        "4",
        "Abonement; Internet",
        "Ko'proq kitob",
    ]


def test_a_second_answer_from_the_same_browser_is_refused(english: Client, running: Survey) -> None:
    url = f"/surveys/s/{running.token}/"
    english.post(url, _post(running))
    again = english.post(url, _post(running))
    assert "You have already answered this survey." in again.content.decode()
    assert Response.objects.filter(survey=running).count() == 1
    assert Client().post(url, _post(running)).status_code == 200  # another browser may answer
    assert Response.objects.filter(survey=running).count() == 2


def test_required_question_missing_keeps_the_answers(english: Client, running: Survey) -> None:
    data = _post(running, text="Yozganlarim yo'qolmasin")
    q = list(running.questions.all())
    del data[f"q{q[0].pk}"]
    page = english.post(f"/surveys/s/{running.token}/", data)
    html = page.content.decode()
    assert "This field is required." in html
    assert "Yozganlarim yo&#x27;qolmasin" in html  # the free text is still there
    assert re.search(rf'name="q{q[1].pk}" value="2"[^>]*checked', html)  # the boxes ticked too
    assert not Response.objects.filter(survey=running).exists()


def test_closed_survey_refuses_in_the_respondents_language(
    english: Client, world: World, survey: Survey
) -> None:
    url = f"/surveys/s/{survey.token}/"  # March 2021: long closed
    assert "This survey closed on" in english.get(url).content.decode()
    refused = english.post(url, _post(survey))
    assert refused.status_code == 409
    assert "answers are no longer accepted" in refused.content.decode()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "uz"
    assert "javoblar endi qabul qilinmaydi" in english.post(url, _post(survey)).content.decode()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert "ответы больше не принимаются" in english.post(url, _post(survey)).content.decode()
    assert not Response.objects.filter(survey=survey).exists()


def test_not_yet_open_survey_refuses(english: Client, world: World) -> None:
    future = timezone.localdate() + datetime.timedelta(days=3)
    survey = make_survey(world, future, future + datetime.timedelta(days=7))
    page = english.post(f"/surveys/s/{survey.token}/", _post(survey))
    assert "This survey opens on" in page.content.decode()
    assert not Response.objects.filter(survey=survey).exists()


def test_action_refuses_closed_survey(survey: Survey) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="closed on"):
        actions.submit_online(survey, {}, today=datetime.date(2021, 4, 1))


def test_draft_and_unknown_links_are_not_found(english: Client, world: World) -> None:
    draft = actions.create_survey(
        world.bob,
        world.arnasoy,
        title="Qoralama",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate(),
    )
    assert english.get(f"/surveys/s/{draft.token}/").status_code == 404
    assert english.get("/surveys/s/not-a-token/").status_code == 404
    assert len(draft.token) >= 20
