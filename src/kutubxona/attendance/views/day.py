"""A day's desk visits: who was served at which sector (the reader linked to their page), and
how many of the day's visits name nobody (a paper diary's history, a reader since deleted).
The diary's day and the plan's drill-down of line 16 open it."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kutubxona.attendance.models import Visit
from kutubxona.attendance.views.common import READ
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import chosen_institution
from kutubxona.institutions.models import Sector
from kutubxona.readers.views.readers import may_see_readers

# A sector's day is a few hundred readers at most; more is not read on one page.
LIMIT = 1000


@permission_required(READ)
def desk_day(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    try:
        date = datetime.date(year, month, day)
    except ValueError as error:
        raise Http404 from error
    institution = chosen_institution(request)
    visits = Visit.objects.filter(institution=institution, day=date)
    named = list(
        visits.filter(reader__isnull=False)
        .select_related("sector", "reader")
        .order_by("sector__order", "served_at", "pk")[:LIMIT]
    )
    counts = visits.filter(reader__isnull=True).order_by().values("sector_id").annotate(n=Count("id"))
    sectors = {s.pk: s for s in Sector.objects.filter(pk__in=[row["sector_id"] for row in counts])}
    unnamed = sorted(
        ((sectors[row["sector_id"]], row["n"]) for row in counts), key=lambda pair: pair[0].order
    )
    context = {
        "institution": institution,
        "date": date,
        "visits": named,
        "more": len(named) == LIMIT,
        "unnamed": unnamed,
        "may_see_readers": may_see_readers(request.user),
        "query": f"?institution={institution.pk}" if request.GET.get("institution") else "",
    }
    return render(request, "attendance/day.html", context)
