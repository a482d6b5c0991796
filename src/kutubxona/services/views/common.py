"""What the services pages share: who may open them and which library they work for."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm

View = Callable[..., HttpResponseBase]
# The desk that issues receipts and the director who approves prices both read these pages.
READERS = (Perm.SERVICES_EDIT, Perm.PRICES_APPROVE)


def any_permission(*perms: str) -> Callable[[View], View]:
    """Like `permission_required`, for a page open to holders of any of `perms`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(can(request.user, perm) for perm in perms):
                raise PermissionDenied(perms[0])
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


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
