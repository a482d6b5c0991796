"""View decorator: the user must be logged in and hold a permission (403 otherwise).

Given several permissions, holding any one of them opens the page (e.g. the staff who keep
the records and the methodist who approves the plan those records are counted for)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from kutubxona.institutions.access import can

View = Callable[..., HttpResponseBase]


def permission_required(*perms: str) -> Callable[[View], View]:
    """Let in a user holding any of `perms` (most views name one)."""

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
