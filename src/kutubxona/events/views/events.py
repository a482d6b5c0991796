"""The event list, an event's page, and creating, editing, cancelling and marking held."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors, changed_fields
from kutubxona.core.permissions import permission_required
from kutubxona.events import actions
from kutubxona.events.forms import CancelForm, EventForm, FilterForm, HeldForm, ItemForm, PhotoForm
from kutubxona.events.models import Event, EventKind, EventStatus
from kutubxona.events.views.common import READ, get_event
from kutubxona.institutions.access import acting_user, can, visible_ids
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm

PAGE_SIZE = 50


@permission_required(READ)
def event_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None, institution_ids=visible_ids(request.user))
    events = Event.objects.select_related("institution", "sector").order_by("-date", "-start_time", "-id")
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            events = events.filter(kind=data["kind"])
        if data["status"]:
            events = events.filter(status=data["status"])
        if data["month"]:
            events = events.filter(date__year=data["month"][0], date__month=data["month"][1])
        if data["sector"]:
            events = events.filter(sector=data["sector"])
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: str(v) for k, v in request.GET.items() if k != "page" and v})
    return render(
        request,
        "events/list.html",
        {"form": form, "page": page, "query": query, "can_edit": can(request.user, Perm.EVENTS_EDIT)},
    )


@permission_required(READ)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, get_event(pk))


def detail_page(request: HttpRequest, event: Event, **forms: Any) -> HttpResponse:
    """The event's page; `forms` are the ones typed into when saving them failed."""
    can_edit = can(request.user, Perm.EVENTS_EDIT, event.institution)
    context: dict[str, Any] = {
        "event": event,
        "organisers": event.organisers.all(),
        "photos": event.photos.all(),
        "items": event.items.select_related("copy__record"),
        "can_edit": can_edit,
        "is_exhibition": event.kind == EventKind.EXHIBITION,
        "may_hold": event.status != EventStatus.CANCELLED and event.date <= timezone.localdate(),
    }
    if can_edit:
        context |= {
            "held_form": forms.get("held_form") or HeldForm(instance=event, prefix="held"),
            "item_form": forms.get("item_form") or ItemForm(prefix="item"),
            "photo_form": forms.get("photo_form") or PhotoForm(prefix="photo"),
            "cancel_form": CancelForm(prefix="cancel"),
        }
    return render(request, "events/detail.html", context, status=400 if forms else 200)


def _institution(request: HttpRequest) -> Institution | None:
    return acting_user(request).institution


@permission_required(Perm.EVENTS_EDIT)
def event_create(request: HttpRequest) -> HttpResponse:
    institution = _institution(request)
    if institution is None:  # a system account of no library holds no events
        return render(request, "403.html", status=403)
    initial = {"date": request.GET.get("date") or timezone.localdate(), "kind": request.GET.get("kind")}
    form = EventForm(request.POST or None, institution=institution, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisers = data.pop("organisers")
        try:
            event = actions.create_event(acting_user(request), institution, organisers=organisers, **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/form.html", {"form": form, "event": None})


@permission_required(READ)  # another library's event is not found (404) before 403
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    actor = acting_user(request)
    if not can(actor, Perm.EVENTS_EDIT, event.institution):
        return render(request, "403.html", status=403)
    form = EventForm(request.POST or None, instance=event, institution=event.institution)
    if request.method == "POST" and form.is_valid():
        changes = changed_fields(form)
        organisers = changes.pop("organisers", None)
        try:
            actions.update_event(actor, get_event(pk), organisers=organisers, **changes)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:detail", pk=pk)
    return render(request, "events/form.html", {"form": form, "event": get_event(pk)})


def _editable(request: HttpRequest, pk: int) -> Event | HttpResponse:
    event = get_event(pk)
    if not can(acting_user(request), Perm.EVENTS_EDIT, event.institution):
        return render(request, "403.html", status=403)
    return event


@require_POST
@permission_required(READ)
def event_held(request: HttpRequest, pk: int) -> HttpResponse:
    event = _editable(request, pk)
    if isinstance(event, HttpResponse):
        return event
    form = HeldForm(request.POST, instance=event, prefix="held")
    if form.is_valid():
        try:
            actions.mark_held(acting_user(request), event, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The event is recorded as held."))
            return redirect("events:detail", pk=pk)
    return detail_page(request, get_event(pk), held_form=form)


@require_POST
@permission_required(READ)
def event_status(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    """Cancel (`cancelled`) or plan again (`planned`)."""
    event = _editable(request, pk)
    if isinstance(event, HttpResponse):
        return event
    if status not in {EventStatus.CANCELLED, EventStatus.PLANNED}:
        return render(request, "404.html", status=404)
    form = CancelForm(request.POST, prefix="cancel")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    actions.set_status(acting_user(request), event, status, reason)
    if status == EventStatus.CANCELLED:
        messages.success(request, _("The event is cancelled."))
    else:
        messages.success(request, _("The event is planned again."))
    return redirect("events:detail", pk=pk)


@require_POST
@permission_required(READ)
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = _editable(request, pk)
    if isinstance(event, HttpResponse):
        return event
    form = ItemForm(request.POST, prefix="item")
    if form.is_valid():
        try:
            item = actions.add_item(acting_user(request), event, form.cleaned_data["code"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("%(title)s (%(number)s) is added to the exhibition.")
                % {"title": item.copy.record.title, "number": item.copy.accession_number},
            )
            return redirect(f"{event.get_absolute_url()}#items")
    return detail_page(request, event, item_form=form)


@require_POST
@permission_required(READ)
def item_remove(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    event = _editable(request, pk)
    if isinstance(event, HttpResponse):
        return event
    item = event.items.select_related("copy").filter(pk=item_id).first()
    if item is not None:
        actions.remove_item(acting_user(request), item)
        messages.success(request, _("Copy %(number)s is removed.") % {"number": item.copy.accession_number})
    return redirect(f"{event.get_absolute_url()}#items")
