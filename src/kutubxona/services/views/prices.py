"""The price list: services with their current and past prices; the director adds and changes them."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import download, own_institution
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm
from kutubxona.services import actions
from kutubxona.services.forms import PriceForm, ServiceForm
from kutubxona.services.models import PaidService, Price
from kutubxona.services.pdf import price_list_pdf
from kutubxona.services.views.common import READERS


def current_list(institution: Institution, day: datetime.date) -> list[tuple[PaidService, Price | None]]:
    services = PaidService.objects.filter(institution=institution).prefetch_related("prices")
    return [(service, service.price_on(day)) for service in services]


def _page(
    request: HttpRequest, institution: Institution, failed: tuple[int, PriceForm] | None = None
) -> HttpResponse:
    """The price list; `failed` is the price form (of one service) as typed when saving failed."""
    can_edit = can(request.user, Perm.PRICES_APPROVE, institution)
    today = timezone.localdate()
    rows = []
    for service, price in current_list(institution, today):
        form = failed[1] if failed and failed[0] == service.pk else PriceForm(prefix=f"s{service.pk}")
        rows.append({"service": service, "price": price, "history": list(service.prices.all()), "form": form})
    return render(
        request,
        "services/prices.html",
        {"rows": rows, "can_edit": can_edit, "today": today},
    )


@permission_required(*READERS)
def price_list(request: HttpRequest) -> HttpResponse:
    return _page(request, own_institution(request))


@permission_required(*READERS)
def price_list_print(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    today = timezone.localdate()
    content = price_list_pdf(institution, today, current_list(institution, today))
    return download(content, "application/pdf", f"preyskurant-{today}.pdf", inline=True)


@permission_required(Perm.PRICES_APPROVE)
def service_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    form = ServiceForm(request.POST or None)
    price_form = PriceForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and price_form.is_valid():
        try:
            with transaction.atomic():
                service = actions.create_service(acting_user(request), institution, **form.cleaned_data)
                actions.set_price(acting_user(request), service, **price_form.cleaned_data)
        except ValidationError as error:
            attach_errors(price_form if "amount" in getattr(error, "error_dict", {}) else form, error)
        else:
            messages.success(request, _("The service is on the price list."))
            return redirect("services:prices")
    return render(request, "services/service_form.html", {"form": form, "price_form": price_form})


@require_POST
@permission_required(Perm.PRICES_APPROVE)
def price_create(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(PaidService.objects.select_related("institution"), pk=pk)
    form = PriceForm(request.POST, prefix=f"s{service.pk}")
    if form.is_valid():
        try:
            actions.set_price(acting_user(request), service, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The new price is saved."))
            return redirect("services:prices")
    return _page(request, service.institution, (service.pk, form))
