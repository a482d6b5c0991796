"""Catalogue pages: the records of the user's institutions, searchable, and one record with its
MARC fields and copies. (The cataloguing form is in `editor`.)"""

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kutubxona.catalog import fulltext
from kutubxona.catalog.articles import description
from kutubxona.catalog.copy_forms import CopyForm
from kutubxona.catalog.forms import LANGUAGES
from kutubxona.catalog.fulltext_forms import FullTextForm
from kutubxona.catalog.importing import KIND
from kutubxona.catalog.marc.from_form import to_initial
from kutubxona.catalog.models import AccessLevel, Record
from kutubxona.core.models import Job
from kutubxona.core.permissions import permission_required
from kutubxona.core.text import search_tokens
from kutubxona.institutions.access import can
from kutubxona.institutions.roles import Perm

PAGE_SIZE = 50


@permission_required(Perm.CATALOG_VIEW)
def record_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    records = (
        Record.objects.select_related("institution").annotate(copy_count=Count("copies")).order_by("-id")
    )
    # The records an import brought (the link from its report); another library's import is not found.
    import_job = None
    if request.GET.get("import", "").isdigit():
        import_job = get_object_or_404(Job.objects.filter(kind=KIND), pk=request.GET["import"])
        records = records.filter(import_job=import_job)
    # The search key is folded (script, case, apostrophes), so "Навоий" finds "Navoiy".
    for token in search_tokens(query)[:10]:
        records = records.filter(search_key__contains=token)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "catalog/list.html",
        {
            "page": page,
            "q": query,
            "query": params.urlencode(),
            "import_job": import_job,
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
    """The record's page: its description, copies, articles (of a host), full texts and MARC.

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
    described = to_initial(record.marc)
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
            "described": described,
            "language": dict(LANGUAGES).get(described["language"], described["language"]),
            "lists": {
                name: described[name].splitlines()
                for name in ("other_authors", "subjects", "places", "isbns")
            },
            # An article has no copies of its own: its section shows only when one was added anyway.
            "show_copies": not record.analytic_purpose or copies.exists(),
            "serial": record.bibliographic_level in ("s", "b", "i"),
        },
    )
