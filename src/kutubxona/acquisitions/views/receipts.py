"""Receipts: the list, receiving a batch, a receipt's page and labels, the cataloguing queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.acquisitions import actions, registers
from kutubxona.acquisitions.forms import (
    CancelForm,
    LineFormSet,
    QueueForm,
    ReceiptEditForm,
    ReceiptForm,
    typed_lines,
)
from kutubxona.acquisitions.models import Receipt, ReceiptLine
from kutubxona.acquisitions.views.common import EDIT, LIST, READ, may_edit, posted_cancel
from kutubxona.catalog.labels import labels_pdf
from kutubxona.catalog.models import Copy
from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import download, form_page, own_institution
from kutubxona.institutions.access import acting_user, visible_ids

PAGE_SIZE = 50


@permission_required(*LIST)
def receipt_list(request: HttpRequest) -> HttpResponse:
    receipts = Receipt.objects.select_related("institution").order_by("-date", "-number")
    page = Paginator(receipts, PAGE_SIZE).get_page(request.GET.get("page"))
    queued = actions.queue(visible_ids(request.user)).count()
    return render(
        request,
        "acquisitions/receipts.html",
        {"page": page, "query": "", "can_edit": may_edit(request), "queued": queued},
    )


@permission_required(EDIT)
def receipt_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    form = ReceiptForm(request.POST or None, institution=institution)
    lines = LineFormSet(request.POST or None, prefix="line", form_kwargs={"institution": institution})
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        data = dict(form.cleaned_data)
        sector = data.pop("sector")
        try:
            receipt = actions.receive(
                acting_user(request),
                institution,
                lines=typed_lines(lines),
                sector=sector,
                **data,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Receipt № %(number)s is saved: %(copies)s copies.")
                % {"number": receipt.number, "copies": receipt.copies},
            )
            return redirect(receipt)
    status = 400 if request.method == "POST" else 200
    return render(request, "acquisitions/receipt_form.html", {"form": form, "lines": lines}, status=status)


def _runs(numbers: list[int]) -> str:
    """Sorted accession numbers as runs ("1–3, 11–12"): copies added by a correction take the
    next numbers of the sequence, so a title's numbers need not follow on."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


@permission_required(READ)
def receipt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = get_object_or_404(Receipt.objects.select_related("institution", "created_by"), pk=pk)
    lines = list(receipt.lines.select_related("record").prefetch_related("accessions"))
    numbers = {line.pk: sorted(a.number for a in line.accessions.all() if not a.cancelled) for line in lines}
    ranges = {pk: _runs(n) for pk, n in numbers.items()}
    return render(
        request,
        "acquisitions/receipt.html",
        {
            "receipt": receipt,
            "lines": [(line, ranges[line.pk]) for line in lines],
            "party": registers.party_text(receipt),
            "breakdown": registers.breakdown(receipt),
            "can_edit": may_edit(request, receipt.institution),
        },
    )


@permission_required(READ)
def receipt_labels(request: HttpRequest, pk: int) -> HttpResponse:
    """The barcode labels of the receipt's copies (those catalogued), to print on a sticker sheet."""
    receipt = get_object_or_404(Receipt.objects.select_related("institution"), pk=pk)
    if not may_edit(request, receipt.institution):
        raise PermissionDenied(EDIT)
    copies = list(
        Copy.objects.filter(accession__line__receipt=receipt)
        .select_related("institution", "record")
        .order_by("accession__number")
    )
    if not copies:
        messages.info(request, _("No copy of this receipt is catalogued yet."))
        return redirect(receipt)
    return download(labels_pdf(copies), "application/pdf", f"labels-receipt-{receipt}.pdf", inline=True)


@permission_required(*LIST)
def queue_list(request: HttpRequest) -> HttpResponse:
    items = actions.queue(visible_ids(request.user))
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "acquisitions/queue.html", {"page": page, "query": "", "can_edit": may_edit(request)}
    )


@permission_required(EDIT)
def queue_item(request: HttpRequest, pk: int) -> HttpResponse:
    line = get_object_or_404(ReceiptLine.objects.select_related("receipt__institution"), pk=pk)
    institution = line.receipt.institution
    if not may_edit(request, institution):
        raise PermissionDenied(EDIT)
    form = QueueForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        try:
            record = actions.catalogue_line(acting_user(request), line, form.cleaned_data["find"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is catalogued: %(copies)s copies created.")
                % {"title": record.title, "copies": line.quantity},
            )
            return redirect("catalog:detail", pk=record.pk)
    status = 400 if form.errors else 200
    return render(request, "acquisitions/queue_item.html", {"line": line, "form": form}, status=status)


def _editable(request: HttpRequest, pk: int) -> Receipt:
    """A receipt the user may correct: another library's is not found, a reader's refused."""
    receipt = get_object_or_404(Receipt.objects.select_related("institution"), pk=pk)
    if not may_edit(request, receipt.institution):
        raise PermissionDenied(EDIT)
    return receipt


def _edit_page(
    request: HttpRequest, receipt: Receipt, form: ReceiptEditForm, cancel: CancelForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "acquisitions/receipt_edit.html",
        {"receipt": receipt, "form": form, "cancel": cancel},
        status=status,
    )


@permission_required(EDIT)
def receipt_edit(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = _editable(request, pk)
    if receipt.is_cancelled:
        messages.info(request, _("A cancelled receipt cannot be changed."))
        return redirect(receipt)
    form = ReceiptEditForm(request.POST or None, instance=receipt)

    def save() -> Receipt:
        header, lines = form.changes()
        return actions.edit_receipt(acting_user(request), receipt, lines=lines, **header)

    return form_page(
        request,
        form,
        save,
        saved=_("Receipt № %(number)s is corrected.") % {"number": receipt.number},
        then=redirect,
        template="acquisitions/receipt_edit.html",
        context={"receipt": receipt, "cancel": CancelForm()},
    )


@require_POST
@permission_required(EDIT)
def receipt_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = _editable(request, pk)
    cancel, cancelled = posted_cancel(
        request,
        lambda reason: actions.cancel_receipt(acting_user(request), receipt, reason),
        _("Receipt № %(number)s is cancelled; the register keeps it, marked.") % {"number": receipt.number},
    )
    if cancelled:
        return redirect(receipt)
    return _edit_page(request, receipt, ReceiptEditForm(instance=receipt), cancel, 400)
