"""Stock-taking: open a session, scan codes (a keyboard-wedge scanner types the code and Enter),
watch the progress, close it and read the report (page, XLSX, PDF).

The scan form posts like any form (the page reloads with a message); with JavaScript,
`stocktake.js` posts each scan with `Accept: application/json` and updates the page in place.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.acquisitions import actions, registers
from kutubxona.acquisitions.forms import CloseForm, ScanForm, StocktakeForm
from kutubxona.acquisitions.models import ScanOutcome, Stocktake, StocktakeScan
from kutubxona.acquisitions.views.common import EDIT, LIST, READ, may_edit
from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import own_institution, tabular_download
from kutubxona.institutions.access import acting_user

RECENT = 30


@permission_required(*LIST)
def stocktake_list(request: HttpRequest) -> HttpResponse:
    stocktakes = Stocktake.objects.select_related("institution", "sector").order_by("-started_on", "-id")
    page = Paginator(stocktakes, 50).get_page(request.GET.get("page"))
    return render(
        request, "acquisitions/stocktakes.html", {"page": page, "query": "", "can_edit": may_edit(request)}
    )


@permission_required(EDIT)
def stocktake_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    form = StocktakeForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        try:
            stocktake = actions.open_stocktake(acting_user(request), institution, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The stock-take is open: scan the copies."))
            return redirect(stocktake)
    status = 400 if request.method == "POST" else 200
    return render(request, "acquisitions/stocktake_form.html", {"form": form}, status=status)


def _get(pk: int) -> Stocktake:
    return get_object_or_404(Stocktake.objects.select_related("institution", "sector"), pk=pk)


def _progress(stocktake: Stocktake, while_scanning: bool = False) -> dict[str, int]:
    state = actions.progress(stocktake, while_scanning=while_scanning)
    return {
        "expected": state.expected,
        "accounted": state.accounted,
        "found": state.found,
        "on_loan": state.on_loan,
        "misplaced": state.misplaced,
        "unknown": state.unknown,
        "withdrawn": state.withdrawn,
        "percent": state.percent,
    }


def detail_page(request: HttpRequest, stocktake: Stocktake, **forms: Any) -> HttpResponse:
    can_edit = may_edit(request, stocktake.institution)
    context: dict[str, Any] = {
        "stocktake": stocktake,
        "can_edit": can_edit,
        "outcomes": ScanOutcome,
    }
    if stocktake.is_open:
        context["progress"] = _progress(stocktake)
        context["recent"] = list(
            StocktakeScan.objects.filter(stocktake=stocktake).select_related("copy__record")[:RECENT]
        )
        context["scan_form"] = forms.get("scan_form") or ScanForm()
        context["close_form"] = forms.get("close_form") or CloseForm(
            initial={"closed_on": timezone.localdate()}
        )
    else:
        context["doc"] = registers.stocktake_document(stocktake)
    return render(request, "acquisitions/stocktake.html", context, status=400 if forms else 200)


@permission_required(READ)
def stocktake_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, _get(pk))


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@permission_required(EDIT)
def stocktake_scan(request: HttpRequest, pk: int) -> HttpResponse:
    stocktake = _get(pk)
    if not may_edit(request, stocktake.institution):
        raise PermissionDenied(EDIT)
    form = ScanForm(request.POST)
    error = ""
    result = None
    if form.is_valid():
        try:
            result = actions.scan(acting_user(request), stocktake, form.cleaned_data["code"])
        except ValidationError as failure:
            error = " ".join(failure.messages)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if _wants_json(request):
        if result is None:
            return JsonResponse({"error": error}, status=400)
        scan = result.scan
        return JsonResponse(
            {
                "code": scan.code,
                "outcome": scan.outcome,
                "outcome_label": str(scan.get_outcome_display()),
                "repeated": result.repeated,
                "message": result.message,
                "accession": scan.copy.accession_number if scan.copy else "",
                "title": scan.copy.record.title if scan.copy else "",
                "progress": _progress(stocktake, while_scanning=True),
            }
        )
    if result is None:
        if not form.errors:
            form.add_error("code", error)
        return detail_page(request, stocktake, scan_form=form)
    if result.repeated or result.scan.outcome != ScanOutcome.FOUND:
        messages.warning(request, result.message)
    else:
        messages.success(request, result.message)
    return redirect(stocktake)


@require_POST
@permission_required(EDIT)
def stocktake_close(request: HttpRequest, pk: int) -> HttpResponse:
    stocktake = _get(pk)
    if not may_edit(request, stocktake.institution):
        raise PermissionDenied(EDIT)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            closed = actions.close_stocktake(acting_user(request), stocktake, form.cleaned_data["closed_on"])
        except ValidationError as error:
            if not stocktake.is_open:
                messages.error(request, " ".join(error.messages))
                return redirect(stocktake)
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("The stock-take is closed: %(n)s copies missing are marked lost.")
                % {"n": len(closed.summary["missing"])},
            )
            return redirect(closed)
    return detail_page(request, stocktake, close_form=form)


@permission_required(READ)
def stocktake_report(request: HttpRequest, pk: int) -> HttpResponse:
    stocktake = _get(pk)
    response = tabular_download(
        registers.stocktake_document(stocktake), request.GET.get("format", "pdf"), f"stocktake-{stocktake.pk}"
    )
    return response or redirect(stocktake)
