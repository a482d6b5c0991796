"""Tenancy: institution-owned rows are reached through a manager scoped to the user's institutions.

We use django-scopes (pretix's library): a `ScopedManager` filters by the scope the request
runs in (set by `TenancyMiddleware`), and a query outside any scope raises `ScopeError`
instead of quietly returning every institution's rows. Commands that act as the system
itself wrap their work in `django_scopes.scopes_disabled()`.
"""

from typing import Any

from django_scopes import ScopedManager


def institution_scoped(path: str = "institution") -> Any:
    """The manager of a model whose institution is reached by `path` (a lookup, e.g. "record__institution").

    Typed as Any because django-scopes builds the class at run time; declare the attribute
    as `objects: ClassVar[models.Manager[Model]]` so the type checker knows what it returns.
    """
    return ScopedManager(institution=path)
