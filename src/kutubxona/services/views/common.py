"""What the services pages share: who may open them and which library they work for."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from kutubxona.core.permissions import permission_required
from kutubxona.institutions.access import acting_user
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm

# The desk that issues receipts and the director who approves prices both read these pages,
# and so does the methodist who approves the plan these orders and receipts are counted for.
READERS = (Perm.SERVICES_EDIT, Perm.PRICES_APPROVE, Perm.PLAN_APPROVE)


# Holding any one of the permissions opens the page (see core.permissions).
any_permission = permission_required


def own_institution(request: HttpRequest) -> Institution:
    """The library the user works for (a system account of none has no till nor price list)."""
    institution = acting_user(request).institution
    if institution is None:
        raise PermissionDenied("no institution")
    return institution


def attachment(content: bytes, content_type: str, filename: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response
