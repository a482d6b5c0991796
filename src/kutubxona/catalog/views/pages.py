"""Catalogue pages: the records of the user's institutions, searchable, and one record with its
MARC fields and copies. (The cataloguing form is in `editor`.)"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kutubxona.catalog import fulltext
from kutubxona.catalog.articles import description
from kutubxona.catalog.copy_forms import CopyForm
from kutubxona.catalog.fulltext_forms import FullTextForm
from kutubxona.catalog.models import AccessLevel, Record
from kutubxona.core.permissions import permission_required
from kutubxona.core.text import search_tokens
from kutubxona.institutions.access import can
from kutubxona.institutions.roles import Perm

PAGE_SIZE = 50


@permission_required(Perm.CATALOG_VIEW)
def record_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    records = Record.objects.select_related("institution").order_by("-id")
    # The search key is folded (script, case, apostrophes), so "Навоий" finds "Navoiy".
    for token in search_tokens(query)[:10]:
        records = records.filter(search_key__contains=token)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/list.html",
        {
            "page": page,
            "q": query,
            "query": f"q={query}" if query else "",
            "can_edit": can(request.user, Perm.CATALOG_EDIT),
        },
    )


@permission_required(Perm.CATALOG_VIEW)
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(Record.objects.select_related("institution"), pk=pk)
    return detail_page(request, record)


def detail_page(
    request: HttpRequest,
    record: Record,
    copy_form: CopyForm | None = None,
    fulltext_form: FullTextForm | None = None,
) -> HttpResponse:
    """The record's page: its facts, copies, articles (of a host), full texts and MARC.

    `copy_form` and `fulltext_form` are the forms as typed, when saving them failed."""
    fields = [(tag, value) for field in record.marc["fields"] for tag, value in field.items()]
    copies = record.copies.select_related("sector")
    can_edit = can(request.user, Perm.CATALOG_EDIT, record.institution)
    if can_edit and copy_form is None:
        copy_form = CopyForm(institution=record.institution)
    manages_files = fulltext.may_manage(request.user, record.institution)
    if manages_files and fulltext_form is None:
        fulltext_form = FullTextForm()
    articles = record.articles.order_by("-described_on", "title")
    return render(
        request,
        "catalog/detail.html",
        {
            "record": record,
            "fields": fields,
            "copies": copies,
            "can_edit": can_edit,
            "form": copy_form,
            "article_card": description(record) if record.analytic_purpose else "",
            "articles": [(article, description(article)) for article in articles],
            "fulltexts": record.fulltexts.order_by("uploaded_at"),
            "manages_files": manages_files,
            "fulltext_form": fulltext_form,
            "access_levels": AccessLevel.choices,
        },
    )
