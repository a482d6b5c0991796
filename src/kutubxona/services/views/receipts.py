"""Receipts: issue, print, cancel; the cash summary of a day and the totals by service."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import XLSX, download, own_institution
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm
from kutubxona.services import actions
from kutubxona.services.forms import DayForm, PeriodForm, ReasonForm, ReceiptForm
from kutubxona.services.models import Receipt
from kutubxona.services.pdf import receipt_pdf
from kutubxona.services.summaries import summary
from kutubxona.services.views.common import READERS
from kutubxona.services.xlsx import summary_xlsx

PAGE_SIZE = 50


@permission_required(*READERS)
def receipt_list(request: HttpRequest) -> HttpResponse:
    receipts = Receipt.objects.select_related("service").order_by("-issued_on", "-year", "-number")
    page = Paginator(receipts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "services/receipts.html",
        {"page": page, "query": "", "can_issue": can(request.user, Perm.SERVICES_EDIT)},
    )


@permission_required(Perm.SERVICES_EDIT)
def receipt_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    form = ReceiptForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        try:
            receipt = actions.issue_receipt(acting_user(request), institution, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Receipt №%(number)s is issued.") % {"number": receipt})
            return redirect("services:receipt", pk=receipt.pk)
    return render(request, "services/receipt_form.html", {"form": form})


def _receipt(pk: int) -> Receipt:
    return get_object_or_404(
        Receipt.objects.select_related("institution", "service", "issued_by", "cancelled_by", "order"), pk=pk
    )


@permission_required(*READERS)
def receipt_detail(request: HttpRequest, pk: int, cancel_form: ReasonForm | None = None) -> HttpResponse:
    receipt = _receipt(pk)
    can_cancel = can(request.user, Perm.SERVICES_EDIT, receipt.institution) and not receipt.cancelled
    return render(
        request,
        "services/receipt.html",
        {"receipt": receipt, "can_cancel": can_cancel, "cancel_form": cancel_form or ReasonForm()},
    )


@permission_required(*READERS)
def receipt_print(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = _receipt(pk)
    return download(receipt_pdf(receipt), "application/pdf", f"kvitansiya-{receipt}.pdf", inline=True)


@require_POST
@permission_required(Perm.SERVICES_EDIT)
def receipt_cancel(request: HttpRequest, pk: int) -> HttpResponseBase:
    receipt = _receipt(pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            actions.cancel_receipt(acting_user(request), receipt, form.cleaned_data["reason"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Receipt №%(number)s is cancelled.") % {"number": receipt})
            return redirect("services:receipt", pk=pk)
    return receipt_detail(request, pk, cancel_form=form)


def _summary_page(
    request: HttpRequest,
    form: PeriodForm | DayForm,
    start: datetime.date,
    end: datetime.date,
    title: str,
    slug: str,
) -> HttpResponse:
    result = summary(own_institution(request), start, end)
    if request.GET.get("format") == "xlsx":
        content = summary_xlsx(result, title)
        return download(content, XLSX, f"{slug}.xlsx")
    return render(
        request,
        "services/summary.html",
        {"form": form, "summary": result, "title": title, "query": request.GET.urlencode()},
    )


@permission_required(*READERS)
def cash_summary(request: HttpRequest) -> HttpResponse:
    """The receipts of a day per payment method and per service, for the evening's cash count."""
    form = DayForm(request.GET or {"day": timezone.localdate().isoformat()})
    day = form.cleaned_data["day"] if form.is_valid() else timezone.localdate()
    title = _("Cash summary of %(day)s") % {"day": day.isoformat()}
    return _summary_page(request, form, day, day, title, f"kassa-{day}")


@permission_required(*READERS)
def service_totals(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    default = {"start": today.replace(month=1, day=1).isoformat(), "end": today.isoformat()}
    form = PeriodForm(request.GET or default)
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    else:
        start, end = today.replace(month=1, day=1), today
    title = _("Totals by service, %(start)s – %(end)s") % {
        "start": start.isoformat(),
        "end": end.isoformat(),
    }
    return _summary_page(request, form, start, end, title, f"xizmatlar-{start}-{end}")
