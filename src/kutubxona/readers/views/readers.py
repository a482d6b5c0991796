"""The readers' pages: list and search, registration, the reader's page and card, PIN, renewal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.attendance.models import Visit
from kutubxona.core.forms import attach_errors, changed_fields
from kutubxona.core.permissions import permission_required
from kutubxona.core.text import fold
from kutubxona.core.viewhelpers import download, own_institution
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.models import User
from kutubxona.institutions.roles import Perm
from kutubxona.interlibrary.models import Request as IllRequest
from kutubxona.readers import actions
from kutubxona.readers.card import card_pdf
from kutubxona.readers.forms import PinForm, ReaderForm, SearchForm
from kutubxona.readers.models import Reader

READ = (Perm.READERS_EDIT, Perm.CIRCULATION_DESK, Perm.PLAN_VIEW)
PAGE_SIZE = 50


def may_see_readers(user: User | AnonymousUser) -> bool:
    """Whether the user may open readers' pages (other apps' pages link a reader's name then)."""
    return any(can(user, perm) for perm in READ)


def get_reader(pk: int) -> Reader:
    return get_object_or_404(Reader.objects.select_related("institution", "organisation"), pk=pk)


@permission_required(*READ)
def reader_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    readers = Reader.objects.select_related("institution").order_by("last_name", "first_name", "id")
    if form.is_valid() and (q := form.cleaned_data["q"].strip()):
        readers = readers.filter(Q(card=q) | Q(phone__contains=q) | Q(name_key__contains=fold(q)))
    page = Paginator(readers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "readers/list.html",
        {"form": form, "page": page, "can_edit": can(request.user, Perm.READERS_EDIT)},
    )


@permission_required(Perm.READERS_EDIT)
def reader_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    form = ReaderForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        try:
            reader = actions.register_reader(acting_user(request), institution, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("%(reader)s is registered with card %(card)s.") % {"reader": reader, "card": reader.card},
            )
            return redirect("readers:detail", pk=reader.pk)
    return render(
        request, "readers/form.html", {"form": form, "reader": None}, status=400 if form.errors else 200
    )


# The reader's page lists the latest visits and interlibrary requests (the rest: their pages).
VISITS_SHOWN, ILL_SHOWN = 10, 10


@permission_required(*READ)
def reader_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from kutubxona.circulation.views.common import reader_panel  # the loans shown as at the desk

    reader = get_reader(pk)
    year = timezone.localdate().year
    visits = Visit.objects.filter(reader=reader).select_related("sector").order_by("-day", "-id")
    requests = IllRequest.objects.filter(reader=reader).order_by("-requested_on", "-id")
    return render(
        request,
        "readers/detail.html",
        {
            "reader": reader,
            "registrations": reader.registrations.order_by("-date"),
            "registered_now": actions.registered_for(reader, year),
            "year": year,
            "can_edit": can(request.user, Perm.READERS_EDIT, reader.institution),
            "can_lend": can(request.user, Perm.CIRCULATION_DESK, reader.institution),
            "pin_form": PinForm(),
            "visits": visits[:VISITS_SHOWN],
            "visit_count": visits.count(),
            "ill_requests": requests[:ILL_SHOWN],
            "ill_count": requests.count(),
            **reader_panel(reader),
        },
    )


@permission_required(*READ)
def reader_edit(request: HttpRequest, pk: int) -> HttpResponse:
    reader = get_reader(pk)
    actor = acting_user(request)
    if not can(actor, Perm.READERS_EDIT, reader.institution):
        return render(request, "403.html", status=403)
    form = ReaderForm(request.POST or None, instance=reader, institution=reader.institution)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_reader(actor, get_reader(pk), **changed_fields(form))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The reader is saved."))
            return redirect("readers:detail", pk=pk)
    return render(
        request, "readers/form.html", {"form": form, "reader": reader}, status=400 if form.errors else 200
    )


@permission_required(*READ)
def reader_card(request: HttpRequest, pk: int) -> HttpResponse:
    reader = get_reader(pk)
    return download(card_pdf(reader), "application/pdf", f"card-{reader.card}.pdf", inline=True)


@require_POST
@permission_required(*READ)
def reader_renew(request: HttpRequest, pk: int) -> HttpResponse:
    reader = get_reader(pk)
    try:
        actions.renew_registration(acting_user(request), reader)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(reader)s is registered again for this year.") % {"reader": reader})
    return redirect("readers:detail", pk=pk)


@require_POST
@permission_required(*READ)
def reader_pin(request: HttpRequest, pk: int) -> HttpResponse:
    reader = get_reader(pk)
    form = PinForm(request.POST)
    if form.is_valid():
        try:
            actions.set_pin(acting_user(request), reader, form.cleaned_data["pin"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The reader can now log into the catalogue with card %(card)s.") % {"card": reader.card},
            )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("readers:detail", pk=pk)
