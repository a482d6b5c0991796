"""The customer's download link: no login, found by its unguessable token only.

The page (GET) only shows what is ready; fetching the file marks the order delivered, so a
mail scanner opening the page does not deliver anything. A link that is expired, cancelled,
unpaid or unknown shows a page saying so, in the visitor's language, and nothing else.
"""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django_scopes import scopes_disabled

from kutubxona.services import actions
from kutubxona.services.models import DeliveryOrder


def _find(token: str) -> DeliveryOrder | None:
    with scopes_disabled():  # the token is the key: whoever holds it may see this one order
        return DeliveryOrder.objects.select_related("institution").filter(token=token).first()


def _closed(request: HttpRequest, order: DeliveryOrder | None, reason: str) -> HttpResponse:
    status = 404 if order is None else 410 if reason in ("expired", "cancelled") else 403
    return render(
        request,
        "services/link_closed.html",
        {"reason": reason, "institution": order.institution if order else None},
        status=status,
    )


@never_cache
def download_page(request: HttpRequest, token: str) -> HttpResponse:
    order = _find(token)
    if order is None:
        return _closed(request, None, "unknown")
    try:
        with scopes_disabled():  # whether it is paid: the order's receipts, whoever asks
            actions.check_link(order)
    except actions.LinkClosed as closed:
        return _closed(request, order, closed.reason)
    return render(request, "services/download.html", {"order": order})


@never_cache
def download_file(request: HttpRequest, token: str) -> HttpResponseBase:
    order = _find(token)
    if order is None:
        return _closed(request, None, "unknown")
    try:
        with scopes_disabled():
            actions.register_download(order)
    except actions.LinkClosed as closed:
        return _closed(request, order, closed.reason)
    extension = order.file.name.rsplit(".", 1)[-1]
    return FileResponse(
        order.file.open("rb"),
        as_attachment=True,
        filename=f"buyurtma-{order.pk}.{extension}",
        content_type=order.file_type,
    )
