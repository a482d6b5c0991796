"""Staff pages: who may build a survey, type in paper answers and see results (tenancy and
permissions), questions frozen once answered, the QR code and poster, and the audit log."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from kutubxona.core.models import AuditEntry
from kutubxona.surveys import actions
from kutubxona.surveys.models import QuestionKind, Response, ResponseSource, Survey
from tests.conftest import World, login
from tests.surveys.conftest import IN_MARCH, answer_three


def test_bob_builds_and_opens_a_survey(client: Client, world: World) -> None:
    login(client, world.bob)
    created = client.post(
        "/surveys/new/",
        {"title": "Kitobxonlar talabi", "purpose": "", "opens_on": "2021-05-01", "closes_on": "2021-05-20"},
    )
    survey = Survey.objects.get(title="Kitobxonlar talabi")
    assert created["Location"] == f"/surveys/{survey.pk}/"
    assert survey.institution == world.arnasoy
    question = {
        "text": "Qaysi janr?",
        "kind": "single",
        "required": "on",
        "scale_max": "5",
        "options": "Roman\n\nSher\n",
    }
    client.post(f"/surveys/{survey.pk}/questions/new/", question)
    (added,) = survey.questions.all()
    assert added.choices == ["Roman", "Sher"] and added.order == 1
    client.post(f"/surveys/{survey.pk}/open/")
    survey.refresh_from_db()
    assert survey.published_at is not None
    page = client.get(f"/surveys/{survey.pk}/").content.decode()
    assert f"/surveys/s/{survey.token}/" in page
    actions_logged = set(
        AuditEntry.objects.filter(institution=world.arnasoy).values_list("action", flat=True)
    )
    assert {"survey.create", "survey.question_add", "survey.publish"} <= actions_logged


def test_bad_survey_and_question_input(english: Client, world: World, survey: Survey) -> None:
    login(english, world.bob)
    page = english.post("/surveys/new/", {"title": "X", "opens_on": "2021-05-20", "closes_on": "2021-05-01"})
    assert "The survey cannot close before it opens." in page.content.decode()
    fresh = actions.create_survey(world.bob, world.arnasoy, title="Y", opens_on=IN_MARCH, closes_on=IN_MARCH)
    page = english.post(
        f"/surveys/{fresh.pk}/questions/new/",
        {"text": "Bitta variant", "kind": "single", "scale_max": "5", "options": "Faqat"},
    )
    assert "A choice question needs at least two options." in page.content.decode()
    assert "Bitta variant" in page.content.decode()  # kept as typed
    assert not fresh.questions.exists()
    assert (
        "Add at least one question"
        in english.post(f"/surveys/{fresh.pk}/open/", follow=True).content.decode()
    )


def test_questions_of_an_answered_survey_are_frozen(english: Client, world: World, survey: Survey) -> None:
    answer_three(survey)
    question = survey.questions.first()
    assert question is not None
    with pytest.raises(ValidationError, match="already has answers"):
        actions.update_question(world.bob, question, text="Boshqa savol")
    with pytest.raises(ValidationError, match="already has answers"):
        actions.add_question(world.bob, survey, text="Yangi", kind=QuestionKind.TEXT)
    login(english, world.bob)
    page = english.post(
        f"/surveys/{survey.pk}/questions/{question.pk}/",
        {"text": "Boshqa savol", "kind": "single", "scale_max": "5", "options": "A\nB"},
    )
    assert "already has answers" in page.content.decode()
    english.post(f"/surveys/{survey.pk}/questions/{question.pk}/delete/")
    question.refresh_from_db()
    assert question.text == "Yoshingiz"
    # The way to ask differently: a copy, unanswered, with the same questions.
    english.post(f"/surveys/{survey.pk}/copy/", {"opens_on": "2021-04-01", "closes_on": "2021-04-30"})
    copy = Survey.objects.exclude(pk=survey.pk).get()
    assert [q.text for q in copy.questions.all()] == [q.text for q in survey.questions.all()]
    actions.update_question(world.bob, copy.questions.first(), text="Boshqa savol")  # type: ignore[arg-type]


def test_paper_answers_typed_in_by_staff(english: Client, world: World, survey: Survey) -> None:
    login(english, world.bob)
    q = list(survey.questions.all())
    data = {"answered_on": "2021-03-15", f"q{q[0].pk}": "2", f"q{q[1].pk}": ["1"], f"q{q[2].pk}": "4"}
    assert english.post(f"/surveys/{survey.pk}/paper/", data).status_code == 302
    (response,) = Response.objects.filter(survey=survey)
    assert (response.source, response.entered_by, response.answered_on) == (
        ResponseSource.PAPER,
        world.bob,
        datetime.date(2021, 3, 15),
    )
    late = english.post(f"/surveys/{survey.pk}/paper/", {**data, "answered_on": "2021-04-02"})
    assert "answers are no longer accepted" in late.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1
    entry = AuditEntry.objects.get(action="survey.answer_paper")
    assert (entry.actor, entry.institution) == (world.bob, world.arnasoy)


def test_tenancy_and_permissions(client: Client, world: World, survey: Survey) -> None:
    login(client, world.charlie)  # another district: not found
    for url in ["", "results/", "answers.xlsx", "qr.svg", "edit/", "paper/"]:
        assert client.get(f"/surveys/{survey.pk}/{url}").status_code == 404, url
    assert client.post(f"/surveys/{survey.pk}/open/").status_code == 404
    login(client, world.alice)  # the director reads, but does not run surveys
    assert client.get(f"/surveys/{survey.pk}/results/").status_code == 200
    assert client.get("/surveys/new/").status_code == 403
    assert client.get(f"/surveys/{survey.pk}/paper/").status_code == 403
    assert client.post(f"/surveys/{survey.pk}/edit/", {"title": "Z"}).status_code == 403
    with pytest.raises(Exception, match=r"events\.edit"):
        actions.add_question(world.alice, survey, text="Z", kind=QuestionKind.TEXT)
    login(client, world.maria)  # the regional methodist sees the district's surveys
    assert client.get("/surveys/").content.decode().count(survey.title) == 1
    assert Client().get("/surveys/").status_code == 302  # anonymous: to the login page


def test_qr_code_and_poster(client: Client, world: World, survey: Survey) -> None:
    login(client, world.bob)
    svg = client.get(f"/surveys/{survey.pk}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    png = client.get(f"/surveys/{survey.pk}/qr.png")
    assert png.content.startswith(b"\x89PNG")
    pdf = client.get(f"/surveys/{survey.pk}/qr.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(f"/surveys/{survey.pk}/qr.gif").status_code == 404


def test_home_page_links_the_module(client: Client, world: World) -> None:
    assert 'href="/surveys/"' in login(client, world.bob).get("/").content.decode()


def test_a_mistyped_questionnaire_is_deleted_and_audited(
    client: Client, world: World, survey: Survey
) -> None:
    first, *_rest = answer_three(survey)
    login(client, world.charlie)
    assert client.post(f"/surveys/{survey.pk}/responses/{first.pk}/delete/").status_code == 404
    login(client, world.alice)
    assert client.get(f"/surveys/{survey.pk}/responses/").status_code == 200
    assert client.post(f"/surveys/{survey.pk}/responses/{first.pk}/delete/").status_code == 403
    login(client, world.bob)
    assert "Yangi kitoblar" in client.get(f"/surveys/{survey.pk}/responses/").content.decode()
    client.post(f"/surveys/{survey.pk}/responses/{first.pk}/delete/")
    assert Response.objects.filter(survey=survey).count() == 2
    entry = AuditEntry.objects.get(action="survey.answer_delete")
    assert entry.actor == world.bob and "Yangi kitoblar" in entry.changes["answers"].values()


def test_only_an_unanswered_survey_is_deleted(client: Client, world: World, survey: Survey) -> None:
    answer_three(survey)
    login(client, world.bob)
    client.post(f"/surveys/{survey.pk}/delete/")
    assert Survey.objects.filter(pk=survey.pk).exists()
    Response.objects.filter(survey=survey).delete()
    client.post(f"/surveys/{survey.pk}/delete/")
    assert not Survey.objects.filter(pk=survey.pk).exists()
    assert AuditEntry.objects.filter(action="survey.delete", actor=world.bob).count() == 1
