"""Headcounts: the list (a month at a time), the form to add one, and its edit page."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.attendance import actions
from kutubxona.attendance.forms import HeadcountForm
from kutubxona.attendance.models import Headcount
from kutubxona.attendance.views.common import EDIT, READ
from kutubxona.core.forms import attach_errors, changed_fields
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import lock_unless_permitted, own_institution
from kutubxona.institutions.access import acting_user, can

PAGE_SIZE = 50


def _get(pk: int) -> Headcount:
    """Within the user's scope: another library's headcount is a 404, not a 403."""
    return get_object_or_404(Headcount.objects.select_related("institution", "sector"), pk=pk)


@permission_required(READ)
def headcount_list(request: HttpRequest) -> HttpResponse:
    rows = Headcount.objects.select_related("institution", "sector").order_by("-day", "sector__order", "-id")
    month = request.GET.get("month", "")
    try:
        chosen = datetime.datetime.strptime(month, "%Y-%m").date() if month else None
    except ValueError:
        chosen = None
    if chosen is not None:
        rows = rows.filter(day__year=chosen.year, day__month=chosen.month)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "month": chosen.strftime("%Y-%m") if chosen else "",
        "query": f"month={chosen.strftime('%Y-%m')}" if chosen else "",
        "can_edit": can(request.user, EDIT),
    }
    return render(request, "attendance/headcounts.html", context)


@permission_required(EDIT)
def headcount_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    form = HeadcountForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        try:
            headcount = actions.create_headcount(acting_user(request), institution, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The headcount is saved."))
            day = headcount.day
            return redirect("attendance:diary_month", year=day.year, month=day.month)
    return render(
        request, "attendance/headcount_form.html", {"form": form, "headcount": None}, status=_status(form)
    )


def _status(form: HeadcountForm) -> int:  # a refused form answers 400, as a form error should
    return 400 if form.is_bound and form.errors else 200


@permission_required(READ)
def headcount_edit(request: HttpRequest, pk: int) -> HttpResponse:
    headcount = _get(pk)
    form = HeadcountForm(request.POST or None, instance=headcount, institution=headcount.institution)
    locked = lock_unless_permitted(request, form, EDIT, headcount.institution)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_headcount(acting_user(request), _get(pk), **changed_fields(form))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The headcount is saved."))
            return redirect("attendance:diary_month", year=headcount.day.year, month=headcount.day.month)
    context = {"form": form, "headcount": headcount, "locked": locked}
    return render(request, "attendance/headcount_form.html", context, status=_status(form))


@require_POST
@permission_required(READ)
def headcount_delete(request: HttpRequest, pk: int) -> HttpResponse:
    headcount = _get(pk)
    if not can(request.user, EDIT, headcount.institution):
        return render(request, "403.html", status=403)
    day = headcount.day
    actions.delete_headcount(acting_user(request), headcount)
    messages.success(request, _("The headcount is deleted."))
    return redirect("attendance:diary_month", year=day.year, month=day.month)
