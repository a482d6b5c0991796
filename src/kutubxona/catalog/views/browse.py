"""Classification browsing: UDC or BBK classes with record counts, down to the records."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kutubxona.catalog import classification
from kutubxona.core.permissions import permission_required
from kutubxona.institutions.roles import Perm

PAGE_SIZE = 50


@permission_required(Perm.CATALOG_VIEW)
def browse(request: HttpRequest, scheme: str) -> HttpResponse:
    if scheme not in classification.SCHEMES:
        raise Http404(scheme)
    prefix = "".join(classification.steps(request.GET.get("n", "")))
    nodes, here = classification.children(scheme, prefix)
    page = None
    if prefix:
        records = classification.records_under(scheme, prefix).order_by(scheme, "title", "id")
        page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/browse.html",
        {
            "scheme": scheme,
            "scheme_name": classification.SCHEMES[scheme],
            "prefix": prefix,
            "prefix_name": classification.class_name(scheme, prefix),
            "trail": classification.breadcrumbs(scheme, prefix)[:-1],
            "nodes": nodes,
            "here": here,
            "page": page,
            "query": urlencode({"n": prefix}),
        },
    )
