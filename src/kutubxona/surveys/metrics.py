"""What surveys count for the work plan: line 9, `events.surveys` (the template's key, named
before this app existed; the count lives here, where the surveys are).

A survey counts once, in the period that holds its first day (`opens_on`), if it received at
least one response (online or typed in from paper): a survey nobody answered was not held.
Counting by the start date keeps a survey running from December into January in one year.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.planning.registry import Dimensions, Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit
from kutubxona.surveys.models import Response, Survey


def surveys_held(ids: Sequence[int], start: datetime.date, end: datetime.date) -> QuerySet[Survey]:
    return Survey.objects.filter(
        Exists(Response.objects.filter(survey=OuterRef("pk"))),
        institution_id__in=list(ids),
        opens_on__gte=start,
        opens_on__lte=end,
    )


def count_surveys(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
) -> dict[int, int]:
    rows = surveys_held(ids, start, end).order_by().values("institution_id").annotate(n=Count("id"))
    return {row["institution_id"]: row["n"] for row in rows}


def survey_rows(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
) -> list[RecordRow]:
    surveys = surveys_held(ids, start, end).annotate(answers=Count("responses")).order_by("-opens_on", "-id")
    return [
        RecordRow(
            date=survey.opens_on,
            title=survey.title,
            detail=_("%(count)s responses, until %(date)s")
            % {"count": survey.answers, "date": survey.closes_on},
            url=reverse("surveys:detail", args=[survey.pk]),
        )
        for survey in surveys[:limit]
    ]


register(
    Metric(
        key="events.surveys",
        label=_("surveys held (with at least one response)"),
        unit=Unit.EVENT,
        count=count_surveys,
        records=survey_rows,
    )
)
