"""The public catalogue (OPAC): search, the record page, export; and the staff search.

The public pages need no login. Anonymous visitors run in an empty institution scope, so these
views read the catalogue outside it (`scopes_disabled`) and restrict by institution themselves:
the union view reads every institution, an institution's catalogue that institution and those
below it. Only what a reader may see is shown (no accession numbers, staff-only files closed).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models.functions import Substr
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django_scopes import scopes_disabled

from kutubxona.catalog import fulltext
from kutubxona.catalog.articles import description
from kutubxona.catalog.forms import LANGUAGES
from kutubxona.catalog.marc.from_form import to_initial
from kutubxona.catalog.models import AccessLevel, CopyCollection, FullText, Record
from kutubxona.catalog.views.fulltext import refuse
from kutubxona.core.permissions import permission_required
from kutubxona.core.text import loose_tokens
from kutubxona.core.viewhelpers import download
from kutubxona.institutions.access import visible_ids
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm
from kutubxona.opac import export, reading
from kutubxona.opac.forms import RECORD_TYPES, SearchForm, StaffSearchForm
from kutubxona.opac.holdings import held_elsewhere, holdings, same_book_elsewhere
from kutubxona.search.engine import Result, search
from kutubxona.search.query import MAX_WORDS


def _labels(institutions: dict[int, Institution]) -> dict[str, dict[Any, str]]:
    return {
        "record_type": {code: str(label) for code, label in RECORD_TYPES},
        "language": {code: str(label) for code, label in LANGUAGES},
        "collection": {code: str(label) for code, label in CopyCollection.choices},
        "institution": {pk: institution.short for pk, institution in institutions.items()},
    }


def _facets(result: Result, labels: dict[str, dict[Any, str]], params: Any) -> list[dict[str, Any]]:
    """Each facet with its values: label, count, the link that adds (or removes) it."""

    def link(**changes: Any) -> str:
        query = params.copy()
        query.pop("page", None)
        for name, value in changes.items():
            query.pop(name, None)
            if value not in (None, ""):
                query[name] = value
        return "?" + query.urlencode()

    facets = []
    for name, param in (("record_type", "type"), ("language", "language"), ("collection", "collection")):
        values = [
            {"label": labels[name].get(value, value), "count": count, "url": link(**{param: value}),
             "active": params.get(param) == str(value)}
            for value, count in result.facets.get(name, [])
        ]  # fmt: skip
        facets.append({"name": name, "param": param, "values": values, "clear": link(**{param: ""})})
    if "institution" in labels and len(result.facets.get("institution", [])) > 0:
        values = [
            {"label": labels["institution"].get(pk, str(pk)), "count": count, "url": link(institution=pk),
             "active": params.get("institution") == str(pk)}
            for pk, count in result.facets["institution"]
        ]  # fmt: skip
        facets.append({"name": "institution", "param": "institution", "values": values,
                       "clear": link(institution="")})  # fmt: skip
    decades = [
        {"label": f"{decade}–{decade + 9}", "count": count, "url": link(year_from=decade, year_to=decade + 9),
         "active": params.get("year_from") == str(decade) and params.get("year_to") == str(decade + 9)}
        for decade, count in result.facets.get("decade", [])
    ]  # fmt: skip
    facets.append(
        {"name": "decade", "param": "year_from", "values": decades, "clear": link(year_from="", year_to="")}
    )
    online = dict(result.facets.get("online", [])).get(True, 0)
    facets.append(
        {"name": "online", "param": "online", "clear": link(online=""),
         "values": [{"label": "", "count": online, "url": link(online="on"),
                     "active": params.get("online") == "on"}] if online or params.get("online") else []}
    )  # fmt: skip
    available = dict(result.facets.get("available", [])).get(True, 0)
    facets.append(
        {"name": "available", "param": "available", "clear": link(available=""),
         "values": [{"label": "", "count": available, "url": link(available="on"),
                     "active": params.get("available") == "on"}]}
    )  # fmt: skip
    return facets


def _found_in_fulltext(request: HttpRequest, result: Result) -> dict[int, dict[str, Any]]:
    """Record id → where its words are in its files' text ("Found in the full text, page 12"), for
    the hits of the page shown whose words are only there: only their texts are read. A snippet
    and a link come from a file this visitor may open; a file they may not open only says where."""
    only = {hit.id: hit.in_fulltext for hit in result.hits if hit.in_fulltext}
    if not only:
        return {}
    address = fulltext.visitor_address(request)
    found: dict[int, dict[str, Any]] = {}
    # Only the part of each text a snippet is looked for in is read (not a whole book per card).
    files = (
        FullText.objects.filter(record_id__in=list(only))
        .exclude(text="")
        .defer("text")
        .annotate(head=Substr("text", 1, reading.SNIPPET_BUDGET))
        .select_related("institution")
    )
    for item in files.order_by("uploaded_at", "id"):
        if found.get(item.record_id, {}).get("url"):
            continue  # a readable file has given its snippet already
        where = reading.find(item.head, only[item.record_id])
        if where is None:
            continue
        if fulltext.may_read(request.user, item, address=address):
            query = urlencode({"q": result.query.text, "page": where.page})
            found[item.record_id] = {
                "page": where.page,
                "snippet": where.snippet,
                "url": f"{reverse('opac:read', args=[item.pk])}?{query}",
            }
        else:
            found.setdefault(item.record_id, {"page": None})
    return found


def _cards(request: HttpRequest, result: Result, record_url: str) -> list[dict[str, Any]]:
    records = Record.objects.in_bulk(result.ids)
    in_fulltext = _found_in_fulltext(request, result)
    held = holdings(result.ids)
    elsewhere = held_elsewhere(list(records.values()), result.query.institution_ids)
    types = dict(RECORD_TYPES)
    cards = []
    for pk in result.ids:
        if (record := records.get(pk)) is None:
            continue
        cards.append(
            {
                "record": record,
                "url": reverse(record_url, args=[pk]),
                "type": types.get(record.record_type, ""),
                "holdings": held.get(pk, []),
                "elsewhere": elsewhere.get(pk, []),
                "in_fulltext": in_fulltext.get(pk),
            }
        )
    return cards


def _search_page(
    request: HttpRequest,
    form: SearchForm,
    institution_ids: list[int] | None,
    *,
    template: str,
    record_url: str,
    context: dict[str, Any],
) -> HttpResponse:
    result = cards = facets = None
    if form.is_valid() and form.asked():
        result = search(form.query(institution_ids))
        institutions = Institution.tree.in_bulk([pk for pk, _count in result.facets.get("institution", [])])
        labels = _labels(institutions)
        if "institution" not in form.fields:
            labels.pop("institution")
        facets = _facets(result, labels, request.GET)
        cards = _cards(request, result, record_url)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        template,
        {
            **context,
            "form": form,
            "result": result,
            "cards": cards,
            "facets": facets,
            "query": params.urlencode(),
            # Open when used, or when one of its fields has an error to show.
            "advanced": form.is_bound and (not form.is_valid() or form.advanced_used()),
        },
    )


def _institution_choices(ids: list[int] | None) -> list[tuple[int, str]]:
    institutions = Institution.tree.all() if ids is None else Institution.tree.filter(pk__in=ids)
    return [(institution.pk, institution.short) for institution in institutions.order_by("path")]


def catalogue(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """The union catalogue (every library), or one library's catalogue (it and those below it)."""
    with scopes_disabled():
        institution = get_object_or_404(Institution.tree, code=code) if code else None
        ids = institution.subtree_ids() if institution else None
        choices = _institution_choices(ids) if ids is None or len(ids) > 1 else None
        form = SearchForm(request.GET or None, institutions=choices)
        return _search_page(
            request,
            form,
            ids,
            template="opac/search.html",
            record_url="opac:record",
            context={"institution": institution},
        )


def record(request: HttpRequest, pk: int) -> HttpResponse:
    with scopes_disabled():
        item = get_object_or_404(Record.objects.select_related("institution", "host"), pk=pk)
        elsewhere = same_book_elsewhere(item)
        held = holdings([item.pk, *(other.pk for other in elsewhere)], with_copies=True)
        # A staff-only file is not named to those who may not open it (its name is internal).
        address = fulltext.visitor_address(request)
        readable = [
            (f, fulltext.may_read(request.user, f, address=address))
            for f in item.fulltexts.select_related("institution")
        ]
        files = [(f, open_) for f, open_ in readable if open_ or f.access != AccessLevel.STAFF]
        return render(
            request,
            "opac/record.html",
            {
                "record": item,
                "described": to_initial(item.marc),
                "card": description(item) if item.analytic_purpose else "",
                "type": dict(RECORD_TYPES).get(item.record_type, ""),
                "language": dict(LANGUAGES).get(item.language, item.language),
                "holdings": held.get(item.pk, []),
                "elsewhere": [(other, held.get(other.pk, [])) for other in elsewhere],
                "files": files,
                "formats": export.FORMATS,
            },
        )


def record_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in export.FORMATS:
        raise Http404
    with scopes_disabled():
        item = get_object_or_404(Record, pk=pk)
    content_type, extension = export.FORMATS[fmt]
    return download(export.render(item, fmt), content_type, f"record-{item.pk}.{extension}")


@permission_required(Perm.CATALOG_VIEW)
def staff_search(request: HttpRequest) -> HttpResponse:
    """The same search over the institutions the member of staff sees, with the staff-only filters."""
    ids = visible_ids(request.user)
    form = StaffSearchForm(
        request.GET or None, institutions=_institution_choices(ids) if len(ids) > 1 else None
    )
    return _search_page(
        request,
        form,
        ids,
        template="opac/staff_search.html",
        record_url="catalog:detail",
        context={"staff": True},
    )


def _page_number(value: str) -> int | None:
    """A page number typed in the address, or None (`isdigit` alone takes "²" and "٣")."""
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else None


def read(request: HttpRequest, pk: int) -> HttpResponse:
    """Reading a file in the browser: the record in short, the file itself (a PDF in a frame, an
    image), and its text page by page with the search's words marked; a form jumps to a page.
    Opened exactly as the file is (`may_read`); works without JavaScript."""
    with scopes_disabled():
        item = get_object_or_404(FullText.objects.select_related("institution", "record"), pk=pk)
        if not fulltext.may_read(request.user, item, address=fulltext.visitor_address(request)):
            return refuse(request, item, reader_login=True)
        pages = reading.pages_of(item.text)
        text = request.GET.get("q", "")[:300]
        words = loose_tokens(text)[:MAX_WORDS]
        asked = _page_number(request.GET.get("page", ""))
        count = max(len(pages), item.pages or 1, 1)
        number, missing, further = asked or 1, None, bool(words and pages)
        if words and pages and asked is None:  # open at the first page with the words
            begin = min(_page_number(request.GET.get("from", "")) or 1, count)
            found, stopped = reading.scan(pages, words, start=begin, budget=reading.READ_BUDGET)
            if found is not None:
                number = found
            elif stopped is not None:  # the budget ran out: show where, and go on from there
                number, missing = stopped, (begin, stopped)
            else:  # not on any page from `begin` to the end
                number, missing, further = max(begin - 1, 1), (begin, len(pages)), False
        number = min(max(number, 1), count)
        page_text = pages[number - 1] if number <= len(pages) else ""
        return render(
            request,
            "opac/read.html",
            {
                "item": item,
                "record": item.record,
                "card": description(item.record),
                "number": number,
                "count": max(len(pages), item.pages or 0),
                "has_text": bool(item.text.strip()),
                "page_text": reading.highlight(page_text, words),
                "q": text,
                "further": further,
                "not_found": missing == (1, len(pages)),
                "missing": missing if missing != (1, len(pages)) else None,
                "file_url": reverse("catalog:fulltext_file", args=[item.pk]),
            },
        )
