"""Analytic records: the card index of articles by purpose, and the "Add an article" form
(from a host record's page, with the host chosen by search, or typed when it is not catalogued)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kutubxona.catalog.article_forms import ArticleForm, HostKind
from kutubxona.catalog.articles import description, host_from_record, save_article
from kutubxona.catalog.forms import CATALOGUING_LANGUAGES
from kutubxona.catalog.marc.from_form import Host, article_to_marc, host_of, to_initial
from kutubxona.catalog.models import AnalyticPurpose, Record
from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.core.text import search_tokens
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm

PAGE_SIZE = 100
HOST_RESULTS = 20


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@permission_required(Perm.CATALOG_VIEW)
def article_list(request: HttpRequest) -> HttpResponse:
    """The card index: articles of one purpose (or all), by year and month, printable."""
    purpose = request.GET.get("purpose", "")
    purpose = purpose if purpose in AnalyticPurpose.values else ""
    year, month = _int(request.GET.get("year")), _int(request.GET.get("month"))
    articles = Record.objects.exclude(analytic_purpose="").select_related("institution", "host")
    years = sorted({d.year for d in articles.dates("described_on", "year")}, reverse=True)
    if purpose:
        articles = articles.filter(analytic_purpose=purpose)
    if year:
        articles = articles.filter(described_on__year=year)
    if month and 1 <= month <= 12:
        articles = articles.filter(described_on__month=month)
    articles = articles.order_by("described_on", "title", "id")
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in (("purpose", purpose), ("year", year), ("month", month)) if v)
    return render(
        request,
        "catalog/articles.html",
        {
            "page": page,
            "cards": [(record, description(record)) for record in page],
            "purposes": AnalyticPurpose.choices,
            "purpose": purpose,
            "purpose_label": AnalyticPurpose(purpose).label if purpose else "",
            "years": years,
            "year": year,
            "month": month,
            "months": sorted(MONTHS.items()),
            "month_name": MONTHS.get(month, "") if month else "",
            "query": query,
            "can_edit": can(request.user, Perm.CATALOG_EDIT),
        },
    )


def _host_candidates(request: HttpRequest) -> QuerySet[Record] | None:
    """Records whose title matches the host search (journals and newspapers first)."""
    tokens = search_tokens(request.GET.get("host_q", ""))[:10]
    if not tokens:
        return None
    records = Record.objects.filter(analytic_purpose="")
    for token in tokens:
        records = records.filter(search_key__contains=token)
    return records.order_by("-bibliographic_level", "-year", "-pk")[:HOST_RESULTS]


def _initial(record: Record | None, host: Record | None) -> dict[str, Any]:
    initial: dict[str, Any] = {"described_on": timezone.localdate()}
    if record is not None:
        initial.update(to_initial(record.marc))
        typed = host_of(record.marc) or Host(title="")
        initial.update(
            purpose=record.analytic_purpose,
            described_on=record.described_on,
            host_title=typed.title,
            host_publication=typed.publication,
            host_related=typed.related_parts,
            host_kind=HostKind.JOURNAL if typed.serial else HostKind.BOOK,
        )
    if host is not None:
        chosen = host_from_record(host)
        initial.update(host_title=chosen.title, host_publication=chosen.publication)
        initial.setdefault("year", host.year or "")
    return initial


def _edit(
    request: HttpRequest, institution: Institution, record: Record | None, host: Record | None
) -> HttpResponse:
    actor = acting_user(request)
    if not can(actor, Perm.CATALOG_EDIT, institution):
        return render(request, "403.html", status=403)
    initial = _initial(record, host)
    if record is None and request.GET.get("purpose") in AnalyticPurpose.values:
        initial["purpose"] = request.GET["purpose"]
    form = ArticleForm(request.POST or None, initial=initial, host_chosen=host is not None)
    if request.method == "POST" and form.is_valid():
        typed = form.typed_host()
        if host is not None:
            typed = host_from_record(host, typed.related_parts, serial=typed.serial)
        marc = article_to_marc(
            form.book(),
            typed,
            purpose=form.cleaned_data["purpose"],
            described_on=form.cleaned_data["described_on"],
            cataloguing_language=CATALOGUING_LANGUAGES.get((get_language() or "uz")[:2], "uzb"),
            agency=institution.code,
            previous=record.marc if record else None,
        )
        try:
            saved = save_article(
                actor,
                institution,
                marc,
                purpose=form.cleaned_data["purpose"],
                described_on=form.cleaned_data["described_on"],
                host=host,
                record=record,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The article is saved."))
            return redirect("catalog:detail", pk=saved.pk)
    return render(
        request,
        "catalog/article_form.html",
        {
            "form": form,
            "record": record,
            "host": host,
            "host_q": request.GET.get("host_q", ""),
            "candidates": _host_candidates(request),
        },
    )


def _chosen_host(request: HttpRequest) -> Record | None:
    pk = _int(request.GET.get("host"))
    return get_object_or_404(Record, pk=pk) if pk else None


@permission_required(Perm.CATALOG_EDIT)
def article_create(request: HttpRequest) -> HttpResponse:
    host = _chosen_host(request)
    institution = host.institution if host else acting_user(request).institution
    if institution is None:  # a system account of no library describes nothing
        return render(request, "403.html", status=403)
    return _edit(request, institution, None, host)


@permission_required(Perm.CATALOG_VIEW)  # another library's record is not found (404) before 403
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(Record.objects.select_related("institution", "host"), pk=pk)
    host = _chosen_host(request) or record.host
    return _edit(request, record.institution, record, host)
