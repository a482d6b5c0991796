"""Survey pages: staff build a questionnaire, open it, type in paper answers and read the
results; respondents answer through the public link (`public`), without logging in."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import XLSX, download
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm
from kutubxona.surveys import actions
from kutubxona.surveys.export import answers_csv, answers_xlsx
from kutubxona.surveys.forms import CopyForm, PaperAnswerForm, QuestionForm, SurveyForm
from kutubxona.surveys.models import Question, Response, Survey
from kutubxona.surveys.qr import poster_pdf, qr_png, qr_svg
from kutubxona.surveys.results import survey_results

# Everyone on the staff may read surveys and results (the plan's drill-down links here);
# building them and typing in answers needs events.edit.
VIEW, EDIT = Perm.PLAN_VIEW, Perm.EVENTS_EDIT


def public_url(request: HttpRequest, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("surveys:public", args=[survey.token]))


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "403.html", status=403)


@permission_required(VIEW)
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = (
        Survey.objects.select_related("institution")
        .annotate(answers=Count("responses"))
        .order_by("-opens_on", "-id")
    )
    page = Paginator(surveys, 50).get_page(request.GET.get("page"))
    return render(request, "surveys/list.html", {"page": page, "can_edit": can(request.user, EDIT)})


@permission_required(EDIT)
def survey_create(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    if actor.institution is None:  # a system administrator outside any library
        raise PermissionDenied("no institution")
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = actions.create_survey(actor, actor.institution, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Survey created. Now add its questions."))
            return redirect("surveys:detail", pk=survey.pk)
    return render(request, "surveys/form.html", {"form": form, "heading": _("New survey")})


@permission_required(VIEW)
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("institution"), pk=pk)
    can_edit = can(request.user, EDIT, survey.institution)
    answered = survey.responses.count()
    context = {
        "survey": survey,
        "questions": survey.questions.all(),
        "answered": answered,
        "can_edit": can_edit,
        "url": public_url(request, survey),
        "question_form": QuestionForm() if can_edit and not answered else None,
        "copy_form": CopyForm() if can_edit else None,
    }
    return render(request, "surveys/detail.html", context)


def _edit_page(request: HttpRequest, pk: int) -> tuple[Survey, HttpResponse | None]:
    survey = get_object_or_404(Survey.objects.select_related("institution"), pk=pk)
    if not can(request.user, EDIT, survey.institution):
        return survey, _forbidden(request)
    return survey, None


@permission_required(VIEW)
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey, refused = _edit_page(request, pk)
    if refused:
        return refused
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            actions.update_survey(acting_user(request), Survey.objects.get(pk=pk), **changes)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("surveys:detail", pk=pk)
    return render(request, "surveys/form.html", {"form": form, "heading": survey.title, "survey": survey})


@require_POST
@permission_required(VIEW)
def survey_publish(request: HttpRequest, pk: int) -> HttpResponse:
    survey, refused = _edit_page(request, pk)
    if refused:
        return refused
    try:
        actions.publish_survey(acting_user(request), survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The survey is open: share its link or print its QR code."))
    return redirect("surveys:detail", pk=pk)


@require_POST
@permission_required(VIEW)
def survey_copy(request: HttpRequest, pk: int) -> HttpResponse:
    survey, refused = _edit_page(request, pk)
    if refused:
        return refused
    form = CopyForm(request.POST)
    if form.is_valid():
        try:
            copy = actions.copy_survey(acting_user(request), survey, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("A copy of the survey was made; its questions can be changed."))
            return redirect("surveys:detail", pk=copy.pk)
    else:
        messages.error(request, _("Give the copy's dates."))
    return redirect("surveys:detail", pk=pk)


def _question_page(
    request: HttpRequest, survey: Survey, form: QuestionForm, question: Question | None
) -> HttpResponse:
    heading = _("Edit question") if question else _("New question")
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "survey": survey, "question": question, "heading": heading},
    )


@permission_required(VIEW)
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey, refused = _edit_page(request, pk)
    if refused:
        return refused
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_question(acting_user(request), survey, **form.cleaned_fields())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("surveys:detail", pk=pk)
    return _question_page(request, survey, form, None)


@permission_required(VIEW)
def question_edit(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    survey, refused = _edit_page(request, pk)
    if refused:
        return refused
    question = get_object_or_404(Question, pk=question_id, survey=survey)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_fields()
        if not data["order"]:
            data["order"] = question.order
        try:
            actions.update_question(acting_user(request), Question.objects.get(pk=question.pk), **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("surveys:detail", pk=pk)
    return _question_page(request, survey, form, question)


@require_POST
@permission_required(VIEW)
def question_delete(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    survey, refused = _edit_page(request, pk)
    if refused:
        return refused
    question = get_object_or_404(Question, pk=question_id, survey=survey)
    try:
        actions.delete_question(acting_user(request), question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:detail", pk=pk)


@permission_required(VIEW)
def paper_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff type in a paper questionnaire through the same form as the public page."""
    survey, refused = _edit_page(request, pk)
    if refused:
        return refused
    questions = list(survey.questions.all())
    form = PaperAnswerForm(questions, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.enter_paper(acting_user(request), survey, form.answers(), form.answered_on)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Answers saved. You can type in the next questionnaire."))
            return redirect("surveys:paper", pk=pk)
    return render(request, "surveys/paper.html", {"survey": survey, "form": form})


@permission_required(VIEW)
def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("institution"), pk=pk)
    total, per_question = survey_results(survey)
    return render(
        request, "surveys/results.html", {"survey": survey, "total": total, "results": per_question}
    )


@permission_required(VIEW)
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("institution"), pk=pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "csv":
        return download(answers_csv(survey), "text/csv; charset=utf-8", f"survey-{survey.pk}.csv")
    return download(answers_xlsx(survey), XLSX, f"survey-{survey.pk}.xlsx")


@permission_required(VIEW)
def qr(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("institution"), pk=pk)
    if fmt not in ("svg", "png", "pdf"):
        raise Http404
    url = public_url(request, survey)
    if fmt == "svg":
        return download(qr_svg(url), "image/svg+xml", f"survey-{survey.pk}.svg", inline=True)
    if fmt == "png":
        return download(qr_png(url), "image/png", f"survey-{survey.pk}.png", inline=True)
    return download(poster_pdf(survey, url), "application/pdf", f"survey-{survey.pk}.pdf", inline=True)


@require_POST
@permission_required(VIEW)
def survey_delete(request: HttpRequest, pk: int) -> HttpResponse:
    survey, refused = _edit_page(request, pk)
    if refused:
        return refused
    try:
        actions.delete_survey(acting_user(request), survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("surveys:detail", pk=pk)
    messages.success(request, _("Survey deleted."))
    return redirect("surveys:list")


@permission_required(VIEW)
def responses(request: HttpRequest, pk: int) -> HttpResponse:
    """Each questionnaire with its answers, newest first: to find and remove a mistyped one."""
    survey = get_object_or_404(Survey.objects.select_related("institution"), pk=pk)
    rows = survey.responses.select_related("entered_by").prefetch_related("answers__question").order_by("-id")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {"survey": survey, "page": page, "can_edit": can(request.user, EDIT, survey.institution)}
    return render(request, "surveys/responses.html", context)


@require_POST
@permission_required(VIEW)
def response_delete(request: HttpRequest, pk: int, response_id: int) -> HttpResponse:
    survey, refused = _edit_page(request, pk)
    if refused:
        return refused
    response = get_object_or_404(Response, pk=response_id, survey=survey)
    actions.delete_response(acting_user(request), response)
    messages.success(request, _("The questionnaire was deleted."))
    return redirect("surveys:responses", pk=pk)
