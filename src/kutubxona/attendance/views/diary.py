"""The daily diary page (a month at a time) and its XLSX."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kutubxona.attendance import diary as diaries
from kutubxona.attendance.models import Headcount
from kutubxona.attendance.views.common import EDIT, READ
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import chosen_institution, tabular_download
from kutubxona.institutions.access import can, visible_ids
from kutubxona.institutions.models import Institution


@permission_required(READ)
def diary_now(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    response = redirect("attendance:diary_month", year=today.year, month=today.month)
    chosen = request.GET.get("institution", "")
    if chosen.isdigit():
        response["Location"] += f"?institution={chosen}"
    return response


def _neighbours(year: int, month: int) -> tuple[tuple[int, int], tuple[int, int]]:
    before = (year - 1, 12) if month == 1 else (year, month - 1)
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    return before, after


@permission_required(READ)
def diary_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    institution = chosen_institution(request)
    diary = diaries.build(institution, year, month)
    download = tabular_download(
        diaries.document(diary), request.GET.get("format", ""), f"diary-{institution.code}-{year}-{month:02d}"
    )
    if download is not None:
        return download
    before, after = _neighbours(year, month)
    institutions = Institution.objects.filter(pk__in=visible_ids(request.user)).order_by("path")
    context = {
        "diary": diary,
        "columns": [
            (diary.sector_name(sector), lends)
            for sector, lends in zip(diary.sectors, diary.lends, strict=True)
        ],
        "before": before,
        "after": after,
        "institutions": institutions if len(institutions) > 1 else [],
        "query": f"?institution={institution.pk}" if request.GET.get("institution") else "",
        "can_edit": can(request.user, EDIT, institution),
        "today": timezone.localdate(),
        "headcounts": Headcount.objects.filter(
            institution=institution, day__year=year, day__month=month
        ).select_related("sector"),
    }
    return render(request, "attendance/diary.html", context)
