"""The collection register (KSU, parts 1-3) and the accession register: page, XLSX, PDF."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kutubxona.acquisitions import registers
from kutubxona.acquisitions.models import Accession
from kutubxona.acquisitions.views.common import LIST
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import own_institution, tabular_download


def _year(request: HttpRequest, year: int | None) -> int:
    text = request.GET.get("year", "")
    if year is None and text.isdigit() and 1900 < int(text) < 3000:
        return int(text)
    return year or timezone.localdate().year


@permission_required(*LIST)
def register_page(request: HttpRequest, year: int | None = None) -> HttpResponse:
    institution = own_institution(request)
    year = _year(request, year)
    doc = registers.register_document(institution, year)
    response = tabular_download(doc, request.GET.get("format", ""), f"{institution.code}-ksu-{year}")
    if response is not None:
        return response
    return render(
        request,
        "acquisitions/register.html",
        {"doc": doc, "year": year, "years": range(timezone.localdate().year, 2015, -1)},
    )


@permission_required(*LIST)
def accession_page(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
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
            "query": f"year={year}",
            "year": year,
            "years": range(timezone.localdate().year, 2015, -1),
        },
    )
