"""Interlibrary requests: the list with filters, the form to add and to correct one, and its
page with the status changes it may take next. Everyone on the staff reads them (the plan's
drill-down links here); the lending desk records them."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import own_institution
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm
from kutubxona.interlibrary import actions
from kutubxona.interlibrary.forms import RequestForm, StatusForm
from kutubxona.interlibrary.models import Direction, Request, Status
from kutubxona.readers.views.readers import may_see_readers

READ, EDIT = Perm.PLAN_VIEW, Perm.CIRCULATION_DESK
PAGE_SIZE = 50


def _get(pk: int) -> Request:
    """Within the user's scope: another library's request is a 404, not a 403."""
    return get_object_or_404(
        Request.objects.select_related("institution", "partner", "record", "reader"), pk=pk
    )


@permission_required(READ)
def request_list(request: HttpRequest) -> HttpResponse:
    rows = Request.objects.select_related("institution", "partner", "record", "reader").order_by(
        "-requested_on", "-id"
    )
    applied = {}
    direction = request.GET.get("direction", "")
    if direction in Direction.values:
        rows = rows.filter(direction=direction)
        applied["direction"] = direction
    status = request.GET.get("status", "")
    if status in Status.values:
        rows = rows.filter(status=status)
        applied["status"] = status
    if request.GET.get("overdue"):
        out = Q(direction=Direction.BORROW, status=Status.RECEIVED) | Q(
            direction=Direction.LEND, status=Status.SENT
        )
        rows = rows.filter(out, due_on__lt=timezone.localdate())
        applied["overdue"] = "1"
    year = request.GET.get("year", "")
    if year.isdigit():
        rows = rows.filter(requested_on__year=int(year))
        applied["year"] = year
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "applied": applied,
        "query": urlencode(applied),
        "directions": Direction.choices,
        "statuses": Status.choices,
        "can_edit": can(request.user, EDIT),
        "may_see_readers": may_see_readers(request.user),
    }
    return render(request, "interlibrary/list.html", context)


@permission_required(EDIT)
def request_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    initial = {"direction": request.GET.get("direction", Direction.BORROW)}
    form = RequestForm(request.POST or None, institution=institution, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.create_request(acting_user(request), institution, **form.values())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The request is saved."))
            return redirect("interlibrary:detail", pk=created.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "interlibrary/form.html", {"form": form, "item": None}, status=status)


@permission_required(READ)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


def _detail(request: HttpRequest, pk: int, status_form: StatusForm | None = None) -> HttpResponse:
    """The request's page; `status_form` is the one whose change was refused."""
    item = _get(pk)
    can_edit = can(request.user, EDIT, item.institution)
    form = status_form
    if form is None and can_edit and item.next_statuses:
        form = StatusForm(initial={"status": item.next_statuses[0]})
    if form is not None:
        form.fields["status"].choices = [(s, Status(s).label) for s in item.next_statuses]  # type: ignore[attr-defined]
    context = {
        "item": item,
        "can_edit": can_edit,
        "status_form": form,
        "today": timezone.localdate(),
        "may_see_readers": may_see_readers(request.user),
    }
    return render(request, "interlibrary/detail.html", context, status=400 if status_form else 200)


@permission_required(READ)
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get(pk)
    if not can(request.user, EDIT, item.institution):
        return render(request, "403.html", status=403)
    form = RequestForm(request.POST or None, institution=item.institution, instance=item)
    if request.method == "POST" and form.is_valid():
        # A card typed anew links its reader (or unlinks): the reader and name follow it.
        follow = {"reader", "reader_name"} if "reader_card" in form.changed_data else set()
        changes = {k: v for k, v in form.values().items() if k in form.changed_data or k in follow}
        if "barcode" in form.changed_data:
            changes["record"] = form.record  # a barcode typed links its record; none keeps the text
        try:
            actions.update_request(acting_user(request), _get(pk), **changes)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The request is saved."))
            return redirect("interlibrary:detail", pk=pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "interlibrary/form.html", {"form": form, "item": item}, status=status)


@require_POST
@permission_required(READ)
def request_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get(pk)
    if not can(request.user, EDIT, item.institution):
        return render(request, "403.html", status=403)
    form = StatusForm(request.POST)
    if form.is_valid():
        on: datetime.date = form.cleaned_data["on"]
        try:
            changed = actions.change_status(
                acting_user(request), item, form.cleaned_data["status"], on, form.cleaned_data["note"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The status is changed."))
            _say_who_was_told(request, changed)
            return redirect("interlibrary:detail", pk=pk)
    return _detail(request, pk, status_form=form)


def _say_who_was_told(request: HttpRequest, item: Request) -> None:
    """After an arrival: whether our reader was told, or must be told by staff."""
    if item.told_by:
        messages.info(
            request, _("The reader is told of the arrival (%(channel)s).") % {"channel": item.told_by}
        )
    elif (
        item.status == Status.RECEIVED
        and item.direction == Direction.BORROW
        and item.reader is not None
        and not item.reader.anonymised_on  # nobody to tell
    ):
        messages.warning(request, _("The reader has no e-mail or phone: tell them of the arrival yourself."))
