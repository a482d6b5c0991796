"""Public pages: the digital collections in the OPAC (every library's, or one library's and those
below it), a collection browsable by title and searchable, and the short links of QR boards.

No login: as in `opac/views.py`, rows are read outside the visitor's (empty) scope and narrowed
here: only public collections, and only items whose file is not for staff alone. Each item says
who may open it and links the file when this visitor may (`catalog.fulltext.may_read`).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django_scopes import scopes_disabled

from kutubxona.catalog import fulltext
from kutubxona.catalog.models import AccessLevel
from kutubxona.elibrary import actions
from kutubxona.elibrary.models import CURRENT, CollectionItem, FullTextCollection, ShortLink
from kutubxona.institutions.models import Institution
from kutubxona.search.engine import search
from kutubxona.search.query import Query

PAGE_SIZE = 20
# Items the public sees: a catalogue record without a file, or a file not kept for staff alone.
SHOWN = Q(fulltext__isnull=True) | ~Q(fulltext__access=AccessLevel.STAFF)


def collection_list(request: HttpRequest, code: str | None = None) -> HttpResponse:
    with scopes_disabled():
        institution = get_object_or_404(Institution.tree, code=code) if code else None
        collections = FullTextCollection.objects.filter(is_public=True).select_related("institution")
        if institution is not None:
            collections = collections.filter(institution_id__in=institution.subtree_ids())
        shown = Count(
            "items",
            filter=(Q(items__fulltext__isnull=True) | ~Q(items__fulltext__access=AccessLevel.STAFF))
            & Q(items__removed_on__isnull=True),
        )
        rows = list(collections.annotate(item_count=shown).order_by("institution__path", "name", "id"))
    return render(request, "elibrary/public_list.html", {"institution": institution, "collections": rows})


def _visible_items(collection: FullTextCollection) -> QuerySet[CollectionItem]:
    return CollectionItem.objects.filter(SHOWN, CURRENT, collection=collection).select_related(
        "record", "fulltext", "fulltext__institution"
    )


def _cards(request: HttpRequest, items: list[CollectionItem]) -> list[dict[str, Any]]:
    address = fulltext.visitor_address(request)
    cards = []
    for item in items:
        file = item.fulltext
        may_open = file is not None and fulltext.may_read(request.user, file, address=address)
        cards.append(
            {
                "item": item,
                "record_url": reverse("opac:record", args=[item.record_id]),
                "read_url": reverse("opac:read", args=[file.pk]) if file and may_open else "",
                "login": file is not None and not may_open and file.access == AccessLevel.READERS,
            }
        )
    return cards


def collection_page(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Browsed by title, page by page; with `q`, the catalogue's search within its records."""
    text = request.GET.get("q", "").strip()[:200]
    with scopes_disabled():
        collection = get_object_or_404(
            FullTextCollection.objects.select_related("institution"),
            pk=pk,
            is_public=True,
            institution__code=code,
        )
        items = _visible_items(collection)
        result = None
        if text:
            page_number = request.GET.get("page", "1")
            query = Query(
                text=text,
                digital_collection=collection.pk,
                page=int(page_number) if page_number.isdigit() else 1,
                per_page=PAGE_SIZE,
                facets=False,
                suggest=False,
            )
            result = search(query)
            by_record = {item.record_id: item for item in items.filter(record_id__in=result.ids)}
            cards = _cards(request, [by_record[pk] for pk in result.ids if pk in by_record])
            page = None
        else:
            page = Paginator(items.order_by("sort_title", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
            cards = _cards(request, list(page))
    context = {
        "collection": collection,
        "cards": cards,
        "page": page,
        "result": result,
        "q": text,
        "query": urlencode({"q": text}) if text else "",
    }
    return render(request, "elibrary/public_collection.html", context)


def short_link(request: HttpRequest, code: str) -> HttpResponse:
    """A scanned QR code: count it and go to the e-book's page (an unknown code is a plain 404).
    Only a GET is a scan: a messenger's link preview may ask with HEAD first; and only a visitor's:
    the library's staff trying a code while logged in are not counted."""
    with scopes_disabled():
        link = get_object_or_404(ShortLink.objects.only("id", "record_id"), code=code.strip().lower())
        if request.method == "GET" and not request.user.is_authenticated:
            actions.count_scan(link)
    # The e-book's page (description, library, "Read" links), not the file: it says what the book is.
    return HttpResponseRedirect(reverse("opac:record", args=[link.record_id]))
