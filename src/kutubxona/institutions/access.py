"""Who may do what, where: checked by views (to show or hide) and by action functions (to refuse)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kutubxona.institutions.models import Institution, User


def visible_ids(user: User | AnonymousUser) -> list[int]:
    """The institution ids the user may read, computed once per user object."""
    if not user.is_authenticated:
        return []
    cached: list[int] | None = getattr(user, "_visible_ids", None)
    if cached is None:
        cached = user.visible_institution_ids()
        user._visible_ids = cached  # type: ignore[attr-defined]
    return cached


def can(user: User | AnonymousUser, perm: str, institution: Institution | None = None) -> bool:
    """Whether the user holds `perm`, and, if an institution is named, may act on it."""
    if not user.is_authenticated or perm not in user.permissions:
        return False
    return institution is None or institution.pk in visible_ids(user)


def require(user: User | AnonymousUser, perm: str, institution: Institution | None = None) -> None:
    if not can(user, perm, institution):
        raise PermissionDenied(perm)


def acting_user(request: HttpRequest) -> User:
    """The logged-in staff member of a view that `permission_required` has already let in."""
    from kutubxona.institutions.models import User

    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("login required")
    return user
