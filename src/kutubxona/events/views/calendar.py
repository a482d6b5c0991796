"""The month calendar and the year's cultural-educational plan (page and XLSX)."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS_ABBR

from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import XLSX, download
from kutubxona.events import culture_plan
from kutubxona.events.models import Event, EventKind
from kutubxona.events.views.common import READ
from kutubxona.institutions.access import acting_user, can, visible_ids
from kutubxona.institutions.roles import Perm


def _month(year: int, month: int) -> datetime.date:
    if not (1 <= month <= 12 and 1900 < year < 3000):
        raise Http404("no such month")
    return datetime.date(year, month, 1)


@permission_required(READ)
def month_calendar(request: HttpRequest, year: int | None = None, month: int | None = None) -> HttpResponse:
    today = timezone.localdate()
    first = _month(year or today.year, month or today.month)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    events = Event.objects.filter(date__gte=weeks[0][0], date__lte=weeks[-1][-1]).order_by(
        "date", "start_time", "id"
    )
    by_day: dict[datetime.date, list[Event]] = defaultdict(list)
    for event in events:
        by_day[event.date].append(event)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=31)).replace(day=1)
    return render(
        request,
        "events/calendar.html",
        {
            "first": first,
            "month_name": MONTHS[first.month],
            "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
            "weekdays": [WEEKDAYS_ABBR[i] for i in range(7)],
            "previous": previous,
            "following": following,
            "today": today,
            "can_edit": can(request.user, Perm.EVENTS_EDIT),
        },
    )


@permission_required(READ)
def plan_page(request: HttpRequest, year: int | None = None) -> HttpResponse:
    year = year or timezone.localdate().year
    _month(year, 1)
    ids = visible_ids(request.user)
    plan = culture_plan.build(ids, year)
    return render(
        request,
        "events/plan.html",
        {
            "plan": plan,
            "kinds": EventKind.choices,
            "events": culture_plan.events_of(ids, year),
            "year": year,
        },
    )


@permission_required(READ)
def plan_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    _month(year, 1)
    ids = visible_ids(request.user)
    user = acting_user(request)
    name = user.institution.name if user.institution else ""
    data = culture_plan.to_xlsx(culture_plan.build(ids, year), culture_plan.events_of(ids, year), name)
    code = user.institution.code if user.institution else "kutubxona"
    return download(data, XLSX, f"{code}-tadbirlar-{year}.xlsx")
