"""Withdrawal acts and the rare collection."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.acquisitions import actions, registers
from kutubxona.acquisitions.forms import CancelForm, RareForm, WithdrawalEditForm, WithdrawalForm
from kutubxona.acquisitions.models import RareCopy, Withdrawal, WithdrawnCopy
from kutubxona.acquisitions.views.common import EDIT, LIST, READ, may_edit, posted_cancel
from kutubxona.catalog.models import Copy, CopyStatus
from kutubxona.core import tabular
from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import download, form_page, own_institution
from kutubxona.institutions.access import acting_user


@permission_required(*LIST)
def withdrawal_list(request: HttpRequest) -> HttpResponse:
    acts = Withdrawal.objects.select_related("institution").order_by("-date", "-number")
    page = Paginator(acts, 50).get_page(request.GET.get("page"))
    return render(
        request, "acquisitions/withdrawals.html", {"page": page, "query": "", "can_edit": may_edit(request)}
    )


@permission_required(EDIT)
def withdrawal_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    form = WithdrawalForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        copies, unknown = actions.copies_by_numbers(institution, data["codes"])
        if unknown:
            form.add_error(
                "codes", _("No copy has these numbers: %(codes)s.") % {"codes": ", ".join(unknown[:10])}
            )
        else:
            try:
                act = actions.withdraw(
                    acting_user(request),
                    institution,
                    date=data["date"],
                    reason=data["reason"],
                    copies=copies,
                    note=data["note"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Withdrawal act № %(number)s is saved: %(copies)s copies withdrawn.")
                    % {"number": act.number, "copies": act.copies},
                )
                return redirect(act)
    status = 400 if request.method == "POST" else 200
    return render(request, "acquisitions/withdrawal_form.html", {"form": form}, status=status)


@permission_required(READ)
def withdrawal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    act = get_object_or_404(Withdrawal.objects.select_related("institution"), pk=pk)
    if request.GET.get("format") == "pdf":
        doc = registers.withdrawal_document(act)
        return download(tabular.to_pdf(doc), "application/pdf", f"withdrawal-{act}.pdf", inline=True)
    return render(
        request,
        "acquisitions/withdrawal.html",
        {"act": act, "items": _items(act), "can_edit": may_edit(request, act.institution)},
    )


def _rare_copies(request: HttpRequest, form: RareForm) -> list[Copy] | None:
    institution = own_institution(request)
    data = form.cleaned_data
    copies: list[Copy] = []
    if (data.get("codes") or "").strip():
        found, unknown = actions.copies_by_numbers(institution, data["codes"])
        if unknown:
            form.add_error(
                "codes", _("No copy has these numbers: %(codes)s.") % {"codes": ", ".join(unknown[:10])}
            )
            return None
        copies += found
    if (data.get("record") or "").strip():
        records = actions.find_record(institution, data["record"])
        if len(records) != 1:
            form.add_error(
                "record", _("Name exactly one record (found %(n)s); #id names one.") % {"n": len(records)}
            )
            return None
        copies += list(records[0].copies.exclude(status=CopyStatus.WITHDRAWN))  # written-off copies stay out
    return list({c.pk: c for c in copies}.values())


@permission_required(*LIST)
def rare_page(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    can_edit = may_edit(request, institution)
    form = RareForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(EDIT)
        if form.is_valid():
            copies = _rare_copies(request, form)
            if copies is not None:
                try:
                    moved = actions.mark_rare(
                        acting_user(request),
                        institution,
                        copies,
                        form.cleaned_data["reason"],
                        timezone.localdate(),
                    )
                except ValidationError as error:
                    attach_errors(form, error)
                else:
                    messages.success(request, _("%(n)s copies moved to the rare collection.") % {"n": moved})
                    return redirect("acquisitions:rare")
    rows = registers.rare_rows(institution)
    fmt = request.GET.get("format", "")
    if fmt == "pdf":
        doc = registers.rare_document(institution, rows, timezone.localdate())
        return download(tabular.to_pdf(doc), "application/pdf", f"{institution.code}-rare.pdf")
    status = 400 if form.errors else 200
    return render(
        request, "acquisitions/rare.html", {"rows": rows, "form": form, "can_edit": can_edit}, status=status
    )


@require_POST
@permission_required(EDIT)
def rare_unmark(request: HttpRequest, pk: int) -> HttpResponse:
    rare = get_object_or_404(RareCopy.objects.select_related("copy__institution"), pk=pk)
    actions.unmark_rare(acting_user(request), rare)
    messages.success(
        request, _("Copy %(number)s is back in its collection.") % {"number": rare.copy.accession_number}
    )
    return redirect("acquisitions:rare")


@require_POST
@permission_required(EDIT)
def rare_issue(request: HttpRequest) -> HttpResponse:
    try:
        doc = actions.issue_rare_list(acting_user(request), own_institution(request), timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The rare list is registered as document № %(number)s.") % {"number": doc.number}
        )
    return redirect("acquisitions:rare")


def _editable(request: HttpRequest, pk: int) -> Withdrawal:
    act = get_object_or_404(Withdrawal.objects.select_related("institution"), pk=pk)
    if not may_edit(request, act.institution):
        raise PermissionDenied(EDIT)
    return act


def _items(act: Withdrawal) -> list[WithdrawnCopy]:
    return list(act.items.select_related("copy__record").order_by("copy__accession_number"))


@permission_required(EDIT)
def withdrawal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    act = _editable(request, pk)
    if act.is_cancelled:
        messages.info(request, _("A cancelled act cannot be changed."))
        return redirect(act)
    initial = {"date": act.date, "reason": act.reason, "note": act.note}
    form = WithdrawalEditForm(request.POST or None, initial=initial, items=_items(act))

    def save() -> Withdrawal:
        data = form.cleaned_data
        return actions.edit_withdrawal(
            acting_user(request),
            act,
            date=data["date"],
            reason=data["reason"],
            note=data["note"],
            strike=data["strike"],
        )

    return form_page(
        request,
        form,
        save,
        saved=_("Withdrawal act № %(number)s is corrected.") % {"number": act.number},
        then=redirect,
        template="acquisitions/withdrawal_edit.html",
        context={"act": act, "cancel": CancelForm()},
    )


@require_POST
@permission_required(EDIT)
def withdrawal_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    act = _editable(request, pk)
    cancel, cancelled = posted_cancel(
        request,
        lambda reason: actions.cancel_withdrawal(acting_user(request), act, reason),
        _("Withdrawal act № %(number)s is cancelled; its copies are back in the collection.")
        % {"number": act.number},
    )
    if cancelled:
        return redirect(act)
    initial = {"date": act.date, "reason": act.reason, "note": act.note}
    form = WithdrawalEditForm(initial=initial, items=_items(act))
    return render(
        request,
        "acquisitions/withdrawal_edit.html",
        {"act": act, "form": form, "cancel": cancel},
        status=400,
    )
