"""Request-wide state: the user's language and the institution scope of every query."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django_scopes import scope, scopes_disabled

from kutubxona.institutions.access import visible_ids


class UserLanguageMiddleware(LocaleMiddleware):
    """Django's language choice (cookie, then browser), except that a logged-in user's own wins."""

    def process_request(self, request: HttpRequest) -> None:
        language = getattr(request.user, "language", "")
        if language and language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        else:
            super().process_request(request)


class TenancyMiddleware:
    """Run the view inside the scope of the institutions the user may see.

    Institution-owned models use django-scopes' ScopedManager, so a query in a view sees
    only those institutions' rows, and a query outside any scope raises ScopeError.
    Superusers in the Django admin work unscoped: the admin is for system administration.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_superuser and request.path.startswith("/admin/"):
            with scopes_disabled():
                return self.get_response(request)
        with scope(institution=visible_ids(user)):
            return self.get_response(request)
