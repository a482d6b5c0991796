"""Remote delivery orders: the list, a new order, and one order with the steps of its work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import own_institution
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm
from kutubxona.services import actions
from kutubxona.services.forms import OrderForm, PaymentForm, ReasonForm, UploadForm
from kutubxona.services.models import DeliveryOrder, OrderStatus
from kutubxona.services.views.common import READERS

PAGE_SIZE = 50


@permission_required(*READERS)  # the director reads the orders behind the plan's line and the income
def order_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    orders = DeliveryOrder.objects.select_related("service").order_by("-ordered_on", "-id")
    if status in OrderStatus.values:
        orders = orders.filter(status=status)
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "services/orders.html",
        {
            "page": page,
            "status": status,
            "statuses": OrderStatus.choices,
            "query": f"status={status}" if status else "",
            "can_work": can(request.user, Perm.SERVICES_EDIT),
        },
    )


@permission_required(Perm.SERVICES_EDIT)
def order_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    form = OrderForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        try:
            order = actions.create_order(acting_user(request), institution, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Order №%(number)s is saved.") % {"number": order.pk})
            return redirect("services:order", pk=order.pk)
    return render(request, "services/order_form.html", {"form": form})


def _order(pk: int) -> DeliveryOrder:
    return get_object_or_404(DeliveryOrder.objects.select_related("institution", "service", "record"), pk=pk)


def order_page(request: HttpRequest, order: DeliveryOrder, **failed: forms.Form) -> HttpResponse:
    """The order with the forms of its next steps; `failed` holds a form as typed when it failed."""
    link = request.build_absolute_uri(reverse("services:download", args=[order.token]))
    open_states = (OrderStatus.NEW, OrderStatus.IN_WORK, OrderStatus.READY)
    context: dict[str, Any] = {
        "order": order,
        "can_work": can(request.user, Perm.SERVICES_EDIT, order.institution),
        "link": link,
        "link_works": _link_works(order),
        "receipts": order.receipts.order_by("number"),
        "is_open": order.status in open_states,
        "upload_form": failed.get("upload", UploadForm()),
        "payment_form": failed.get("payment", PaymentForm(initial={"payer": order.customer_name})),
        "cancel_form": failed.get("cancel", ReasonForm()),
    }
    return render(request, "services/order.html", context)


def _link_works(order: DeliveryOrder) -> bool:
    try:
        actions.check_link(order)
    except actions.LinkClosed:
        return False
    return True


@permission_required(*READERS)
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return order_page(request, _order(pk))


def _step(
    request: HttpRequest,
    pk: int,
    name: str,
    form_class: type[forms.Form] | None,
    run: Callable[[DeliveryOrder, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Run one step of an order (a POST): its form's errors, or the action's, come back on the page."""
    order = _order(pk)
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is None or form.is_valid():
        try:
            run(order, form.cleaned_data if form else {})
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect("services:order", pk=pk)
            attach_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("services:order", pk=pk)
    assert form is not None
    return order_page(request, _order(pk), **{name: form})


@require_POST
@permission_required(Perm.SERVICES_EDIT)
def order_start(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    return _step(
        request, pk, "", None, lambda o, _d: actions.start_work(actor, o), _("The order is in work.")
    )


@require_POST
@permission_required(Perm.SERVICES_EDIT)
def order_upload(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    return _step(
        request,
        pk,
        "upload",
        UploadForm,
        lambda o, d: actions.attach_copy(actor, o, d["file"]),
        _("The electronic copy is attached: the order is ready."),
    )


@require_POST
@permission_required(Perm.SERVICES_EDIT)
def order_pay(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    return _step(
        request,
        pk,
        "payment",
        PaymentForm,
        lambda o, d: actions.record_payment(actor, o, **d),
        _("The payment is recorded and its receipt issued."),
    )


@require_POST
@permission_required(Perm.SERVICES_EDIT)
def order_deliver(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    return _step(
        request, pk, "", None, lambda o, _d: actions.mark_delivered(actor, o), _("The order is delivered.")
    )


@require_POST
@permission_required(Perm.SERVICES_EDIT)
def order_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    return _step(
        request,
        pk,
        "cancel",
        ReasonForm,
        lambda o, d: actions.cancel_order(actor, o, d["reason"]),
        _("The order is cancelled."),
    )


@require_POST
@permission_required(Perm.SERVICES_EDIT)
def order_renew(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    return _step(
        request, pk, "", None, lambda o, _d: actions.renew_link(actor, o), _("A new download link is made.")
    )
