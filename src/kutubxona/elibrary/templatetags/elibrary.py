"""The tabs of the digital collections' pages: the QR boards' tab only for those who may open it
(a cataloguer adds items to collections but keeps no board)."""

from typing import Any

from django import template

from kutubxona.elibrary.views.boards import READ as BOARDS_READ
from kutubxona.institutions.access import can

register = template.Library()


@register.inclusion_tag("elibrary/_nav.html", takes_context=True)
def elibrary_nav(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    return {"request": request, "can_see_boards": any(can(request.user, perm) for perm in BOARDS_READ)}
