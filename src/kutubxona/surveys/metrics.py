"""What surveys count for the work plan: line 9, `events.surveys` (the template's key, named
before this app existed; the count lives here, where the surveys are).

A survey counts once, in the period that holds its first day (`opens_on`), if it received at
least one response (online or typed in from paper): a survey nobody answered was not held.
Counting by the start date keeps a survey running from December into January in one year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.core.dated_metrics import DatedRows, count_per_institution, drill_down
from kutubxona.planning.registry import Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit
from kutubxona.surveys.models import Response, Survey

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _Answers(TypedDict):
    answers: int  # the number of responses, annotated by survey_rows


surveys_held = DatedRows(
    Survey, "opens_on", where=lambda: Exists(Response.objects.filter(survey=OuterRef("pk")))
)
count_surveys = count_per_institution(surveys_held)


def _row(survey: WithAnnotations[Survey, _Answers]) -> RecordRow:
    return RecordRow(
        date=survey.opens_on,
        title=survey.title,
        detail=_("%(count)s responses, until %(date)s") % {"count": survey.answers, "date": survey.closes_on},
        url=reverse("surveys:detail", args=[survey.pk]),
    )


survey_rows = drill_down(surveys_held, _row, annotate={"answers": Count("responses")})


register(
    Metric(
        key="events.surveys",
        label=_("surveys held (with at least one response)"),
        unit=Unit.EVENT,
        count=count_surveys,
        records=survey_rows,
    )
)
