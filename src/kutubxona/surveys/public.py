"""The respondent's page: the survey behind an unguessable link, answered without logging in.

Plain HTML form, no JavaScript, readable on a phone; the language switch of the page header
works here too, so refusals are in the respondent's language. After an answer a signed
cookie marks the survey as answered in this browser: enough to stop a double click or a
casual second vote (a determined person can clear cookies; the survey is not a ballot).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django_scopes import scopes_disabled

from kutubxona.core.forms import attach_errors
from kutubxona.surveys import actions
from kutubxona.surveys.forms import AnswerForm
from kutubxona.surveys.models import Survey

COOKIE_AGE = 365 * 24 * 3600


def _cookie(survey: Survey) -> str:
    return f"survey-{survey.pk}"


def _answered(request: HttpRequest, survey: Survey) -> bool:
    return request.get_signed_cookie(_cookie(survey), default="", salt="survey") == survey.token


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    # The link itself is the permission: looked up outside any institution scope.
    with scopes_disabled():
        survey = Survey.objects.select_related("institution").filter(token=token).first()
        if survey is None or survey.published_at is None:
            raise Http404
        questions = list(survey.questions.all())
        context: dict[str, object] = {"survey": survey}
        if _answered(request, survey):
            return render(request, "surveys/public.html", {**context, "done": True, "again": True})
        refusal = actions.accepts_online(survey)
        form = AnswerForm(questions, request.POST or None)
        if request.method == "POST" and refusal is None and form.is_valid():
            try:
                actions.submit_online(survey, form.answers())
            except ValidationError as error:
                attach_errors(form, error)
            else:
                response = render(request, "surveys/public.html", {**context, "done": True})
                response.set_signed_cookie(
                    _cookie(survey),
                    survey.token,
                    salt="survey",
                    max_age=COOKIE_AGE,
                    httponly=True,
                    samesite="Lax",
                )
                return response
        status = 409 if refusal and request.method == "POST" else 200
        return render(
            request, "surveys/public.html", {**context, "form": form, "refusal": refusal}, status=status
        )
