"""The collection register (KSU, parts 1-3) and the accession register: page, XLSX, PDF."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kutubxona.acquisitions import actions, registers
from kutubxona.acquisitions.forms import OpeningBalanceForm
from kutubxona.acquisitions.models import Accession, OpeningBalance
from kutubxona.acquisitions.views.common import EDIT, LIST, may_edit
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import chosen_institution, form_page, tabular_download
from kutubxona.institutions.access import acting_user, visible_ids
from kutubxona.institutions.models import Institution


def _choices(request: HttpRequest) -> list[Institution]:
    """The institutions whose registers the user may read: a methodist chooses a district."""
    ids = visible_ids(request.user)
    return list(Institution.objects.filter(pk__in=ids).order_by("path")) if len(ids) > 1 else []


def _year(request: HttpRequest, year: int | None) -> int:
    text = request.GET.get("year", "")
    if year is None and text.isdigit() and 1900 < int(text) < 3000:
        return int(text)
    return year or timezone.localdate().year


@permission_required(*LIST)
def register_page(request: HttpRequest, year: int | None = None) -> HttpResponse:
    institution = chosen_institution(request)
    year = _year(request, year)
    doc = registers.register_document(institution, year)
    response = tabular_download(doc, request.GET.get("format", ""), f"{institution.code}-ksu-{year}")
    if response is not None:
        return response
    return render(
        request,
        "acquisitions/register.html",
        {
            "doc": doc,
            "year": year,
            "years": range(timezone.localdate().year, 2015, -1),
            "institution": institution,
            "institutions": _choices(request),
        },
    )


@permission_required(*LIST)
def accession_page(request: HttpRequest) -> HttpResponse:
    institution = chosen_institution(request)
    year = _year(request, None)
    fmt = request.GET.get("format", "")
    if fmt in {"pdf", "xlsx"}:
        doc = registers.accession_document(institution, year)
        response = tabular_download(doc, fmt, f"{institution.code}-accessions-{year}")
        assert response is not None
        return response
    accessions = (
        Accession.objects.filter(institution=institution, received_on__year=year)
        .select_related("line__receipt", "copy__withdrawal__withdrawal")
        .order_by("number")
    )
    page = Paginator(accessions, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "acquisitions/accessions.html",
        {
            "page": page,
            "query": f"year={year}&institution={institution.pk}",
            "year": year,
            "years": range(timezone.localdate().year, 2015, -1),
            "institution": institution,
            "institutions": _choices(request),
        },
    )


@permission_required(*LIST)
def opening_balance(request: HttpRequest) -> HttpResponse:
    """The opening balance carried over from the paper register: the cataloguer enters and
    corrects it, the director and the methodist read it."""
    institution = chosen_institution(request)
    balance = OpeningBalance.objects.filter(institution=institution).first()
    can_edit = may_edit(request, institution)
    initial = OpeningBalanceForm.initial_of(balance) if balance else {}
    form = OpeningBalanceForm(request.POST or None, initial=initial)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(EDIT)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    left = actions.imported_withdrawn(institution)
    return form_page(
        request,
        form,
        lambda: actions.set_opening_balance(acting_user(request), institution, form.balance()),
        saved=_("The opening balance is saved; the collection register counts it."),
        # Back to the register of the library whose balance it is (a region's staff choose one).
        then=lambda saved: redirect(
            reverse("acquisitions:register_year", args=[saved.first_year]) + f"?institution={institution.pk}"
        ),
        template="acquisitions/opening.html",
        context={
            "balance": balance,
            "can_edit": can_edit,
            "withdrawn_imported": left,
            "institution": institution,
            "institutions": _choices(request),
        },
    )
