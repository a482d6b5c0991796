"""Every change to surveys, their questions and their answers goes through these functions.

Staff actions need `events.edit` on the survey's institution (`actor=None` is the system: the
demo). A respondent on the public page is anonymous: `submit_online` checks the survey is open
instead, and its audit entry names no actor.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kutubxona.core import audit
from kutubxona.core.audit import apply_changes
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm
from kutubxona.surveys.models import Answer, Question, QuestionKind, Response, ResponseSource, Survey

SURVEY_FIELDS = ["title", "purpose", "opens_on", "closes_on"]
QUESTION_FIELDS = ["order", "text", "kind", "required", "choices", "scale_max"]
# {question id: list of option positions, or the text of a free answer}
Answers = dict[int, list[int] | str]


def _require(actor: User | None, institution: Institution) -> None:
    if actor is not None:
        require(actor, Perm.EVENTS_EDIT, institution)


@transaction.atomic
def create_survey(actor: User | None, institution: Institution, **fields: Any) -> Survey:
    _require(actor, institution)
    survey = Survey(institution=institution, created_by=actor, **fields)
    survey.full_clean()
    survey.save()
    audit.record(actor, "survey.create", survey, institution=institution, changes={"title": survey.title})
    return survey


@transaction.atomic
def update_survey(actor: User | None, survey: Survey, **changes: Any) -> dict[str, list[Any]]:
    """Title, purpose and dates stay editable after answers came in (e.g. to keep it open longer)."""
    _require(actor, survey.institution)
    changed = apply_changes(survey, changes, SURVEY_FIELDS)
    if changed:
        audit.record(actor, "survey.update", survey, institution=survey.institution, changes=changed)
    return changed


@transaction.atomic
def publish_survey(actor: User | None, survey: Survey) -> Survey:
    """Open the public link. A survey without questions has nothing to ask."""
    _require(actor, survey.institution)
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before opening the survey."))
    if survey.published_at is None:
        survey.published_at = timezone.now()
        survey.save(update_fields=["published_at"])
        audit.record(actor, "survey.publish", survey, institution=survey.institution)
    return survey


def _refuse_if_answered(survey: Survey) -> None:
    """Questions are frozen once answered: changing them would change what earlier answers mean."""
    if survey.responses.exists():
        raise ValidationError(
            _(
                "This survey already has answers, so its questions cannot be changed. "
                "Make a copy of the survey to ask different questions."
            )
        )


@transaction.atomic
def add_question(actor: User | None, survey: Survey, **fields: Any) -> Question:
    _require(actor, survey.institution)
    _refuse_if_answered(survey)
    if not fields.get("order"):
        last = survey.questions.aggregate(last=Max("order"))["last"] or 0
        fields["order"] = last + 1
    question = Question(survey=survey, **fields)
    question.full_clean()
    question.save()
    audit.record(
        actor,
        "survey.question_add",
        question,
        institution=survey.institution,
        changes={"text": question.text},
    )
    return question


@transaction.atomic
def update_question(actor: User | None, question: Question, **changes: Any) -> dict[str, list[Any]]:
    survey = question.survey
    _require(actor, survey.institution)
    _refuse_if_answered(survey)
    changed = apply_changes(question, changes, QUESTION_FIELDS)
    if changed:
        audit.record(
            actor, "survey.question_update", question, institution=survey.institution, changes=changed
        )
    return changed


@transaction.atomic
def delete_question(actor: User | None, question: Question) -> None:
    survey = question.survey
    _require(actor, survey.institution)
    _refuse_if_answered(survey)
    audit.record(
        actor,
        "survey.question_delete",
        question,
        institution=survey.institution,
        changes={"text": question.text},
    )
    question.delete()


@transaction.atomic
def copy_survey(
    actor: User | None, survey: Survey, opens_on: datetime.date, closes_on: datetime.date
) -> Survey:
    """A new, unanswered survey with the same questions (the way to change an answered one)."""
    copy = create_survey(
        actor,
        survey.institution,
        title=survey.title,
        purpose=survey.purpose,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    for question in survey.questions.all():
        add_question(actor, copy, **{name: getattr(question, name) for name in QUESTION_FIELDS})
    return copy


def _closed_message(survey: Survey, day: datetime.date) -> str | None:
    if day < survey.opens_on:
        return _("This survey opens on %(date)s. Please come back then.") % {
            "date": formats.date_format(survey.opens_on)
        }
    if day > survey.closes_on:
        return _("This survey closed on %(date)s; answers are no longer accepted.") % {
            "date": formats.date_format(survey.closes_on)
        }
    return None


def accepts_online(survey: Survey, day: datetime.date | None = None) -> str | None:
    """Why the public form refuses answers today, or None when it accepts them."""
    if survey.published_at is None:
        return _("This survey is not open yet.")
    return _closed_message(survey, day or timezone.localdate())


def _save_response(
    actor: User | None, survey: Survey, answers: Answers, source: str, answered_on: datetime.date
) -> Response:
    questions = {q.pk: q for q in survey.questions.all()}
    missing = [q.text for q in questions.values() if q.required and not answers.get(q.pk)]
    if missing:
        raise ValidationError(_("Please answer: %(questions)s") % {"questions": "; ".join(missing)})
    response = Response.objects.create(
        survey=survey, answered_on=answered_on, source=source, entered_by=actor
    )
    rows = []
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None or not value:
            continue
        if question.kind == QuestionKind.TEXT:
            rows.append(Answer(response=response, question=question, text=str(value)))
        else:
            picked = sorted({int(i) for i in value if 0 <= int(i) < len(question.options)})
            rows.append(Answer(response=response, question=question, picked=picked))
    Answer.objects.bulk_create(rows)
    audit.record(
        actor,
        f"survey.answer_{source}",
        response,
        institution=survey.institution,
        changes={"survey": survey.pk, "answered_on": answered_on.isoformat()},
    )
    return response


@transaction.atomic
def submit_online(survey: Survey, answers: Answers, today: datetime.date | None = None) -> Response:
    """A respondent's answers from the public link: refused outside the survey's dates."""
    today = today or timezone.localdate()
    refusal = accepts_online(survey, today)
    if refusal:
        raise ValidationError(refusal, code="closed")
    return _save_response(None, survey, answers, ResponseSource.ONLINE, today)


@transaction.atomic
def enter_paper(actor: User | None, survey: Survey, answers: Answers, answered_on: datetime.date) -> Response:
    """A paper questionnaire typed in by staff, dated the day it was filled in (within the survey's dates)."""
    _require(actor, survey.institution)
    refusal = _closed_message(survey, answered_on)
    if refusal:
        raise ValidationError({"answered_on": refusal})
    if answered_on > timezone.localdate():
        raise ValidationError({"answered_on": _("The date cannot be in the future.")})
    return _save_response(actor, survey, answers, ResponseSource.PAPER, answered_on)


@transaction.atomic
def record_batch(
    actor: User | None, survey: Survey, batch: Sequence[tuple[datetime.date, str, Answers]]
) -> list[Response]:
    """Many questionnaires at once (the demo, a future import): one audit entry for the batch."""
    _require(actor, survey.institution)
    questions = {q.pk: q for q in survey.questions.all()}
    responses = Response.objects.bulk_create(
        Response(survey=survey, answered_on=day, source=source, entered_by=actor) for day, source, _ in batch
    )
    answers = []
    for response, (_day, _source, given) in zip(responses, batch, strict=True):
        for question_id, value in given.items():
            question = questions[question_id]
            if question.kind == QuestionKind.TEXT:
                answers.append(Answer(response=response, question=question, text=str(value)))
            else:
                answers.append(Answer(response=response, question=question, picked=list(value)))
    Answer.objects.bulk_create(answers)
    audit.record(
        actor,
        "survey.answer_batch",
        survey,
        institution=survey.institution,
        changes={"responses": len(batch)},
    )
    return responses


@transaction.atomic
def delete_response(actor: User | None, response: Response) -> None:
    """A mistyped or duplicate questionnaire removed (its answers with it)."""
    survey = response.survey
    _require(actor, survey.institution)
    audit.record(
        actor,
        "survey.answer_delete",
        response,
        institution=survey.institution,
        changes={
            "survey": survey.pk,
            "answers": {a.question_id: a.display() for a in response.answers.all()},
        },
    )
    response.delete()


@transaction.atomic
def delete_survey(actor: User | None, survey: Survey) -> None:
    """Only an unanswered survey: an answered one is the evidence behind plan line 9."""
    _require(actor, survey.institution)
    if survey.responses.exists():
        raise ValidationError(_("This survey has answers; delete them first if it was made by mistake."))
    audit.record(
        actor, "survey.delete", survey, institution=survey.institution, changes={"title": survey.title}
    )
    survey.delete()
