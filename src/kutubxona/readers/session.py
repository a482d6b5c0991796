"""Readers log into the catalogue with their card number and a password set at the desk.

Readers are not staff accounts (`institutions.User` is one institution's staff member in a
role); a reader's login is kept in the session. `ReaderSessionMiddleware` marks the request
(and the anonymous user object, which is what the full-text check is given).

Wrong passwords are counted by django-axes as the staff login's are (`AXES_*` settings: the
limit, the cool-off, per user name and address), the user name being `card:<card number>`,
so that a reader's card and a staff member's user name never share a count.

The session holds a fingerprint of the reader's password hash (as Django's own session does of
a user's): anonymising the reader (which clears the password) or setting a new password ends
every session the reader has open; the middleware checks it on each request of a reader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare, salted_hmac
from django_scopes import scopes_disabled

from kutubxona.readers.models import Reader

if TYPE_CHECKING:
    from kutubxona.institutions.models import Institution

SESSION_KEY = "kutubxona_reader"


def authenticate(institution_id: int | None, card: str, password: str) -> Reader | None:
    with scopes_disabled():
        readers = Reader.objects.filter(card=card.strip(), anonymised_on__isnull=True).exclude(pin_hash="")
        if institution_id is not None:
            readers = readers.filter(institution_id=institution_id)
        for reader in readers.select_related("institution"):
            if check_password(password, reader.pin_hash):
                return reader
    return None


def _credentials(card: str) -> dict[str, str]:
    return {getattr(settings, "AXES_USERNAME_FORM_FIELD", "username"): f"card:{card.strip()}"}


def login_allowed(request: HttpRequest, card: str) -> bool:
    """False while the card is locked out from this address (too many wrong passwords)."""
    return bool(AxesProxyHandler.is_allowed(request, _credentials(card)))


def login_failed(request: HttpRequest, card: str) -> bool:
    """Count a wrong password; True if the card is now locked out from this address."""
    user_login_failed.send(sender=__name__, credentials=_credentials(card), request=request)
    locked = bool(getattr(request, "axes_locked_out", False))
    # The reader's page says so itself; axes's middleware would answer with the staff login.
    request.axes_locked_out = False  # type: ignore[attr-defined]
    return locked


def login_succeeded(request: HttpRequest, card: str) -> None:
    """A right password clears the card's count from this address."""
    username = next(iter(_credentials(card).values()))
    AxesProxyHandler.reset_attempts(ip_address=getattr(request, "axes_ip_address", None), username=username)


def _fingerprint(pin_hash: str) -> str:
    return salted_hmac("kutubxona.readers.session", pin_hash, algorithm="sha256").hexdigest()


def log_in(request: HttpRequest, reader: Reader) -> None:
    request.session.cycle_key()
    request.session[SESSION_KEY] = [reader.pk, reader.institution_id, _fingerprint(reader.pin_hash)]


def _still_valid(value: Any) -> bool:
    """The session's reader exists, is not anonymised and has the password it logged in with."""
    if not isinstance(value, list | tuple) or len(value) != 3:
        return False
    with scopes_disabled():
        pin_hash = (
            Reader.objects.filter(pk=value[0], institution_id=value[1], anonymised_on__isnull=True)
            .values_list("pin_hash", flat=True)
            .first()
        )
    return bool(pin_hash) and constant_time_compare(_fingerprint(pin_hash or ""), str(value[2]))


def log_out(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def reader_ids(request: HttpRequest) -> tuple[int, int] | None:
    """(reader id, institution id) of the reader logged in, if any."""
    value = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    return (int(value[0]), int(value[1])) if value else None


def current_reader(request: HttpRequest) -> Reader | None:
    ids = reader_ids(request)
    if ids is None:
        return None
    with scopes_disabled():
        return (
            Reader.objects.select_related("institution").filter(pk=ids[0], anonymised_on__isnull=True).first()
        )


def is_registered_reader(user: Any, institution: Institution) -> bool:
    """The full-text check: the request's reader belongs to the file's library."""
    return getattr(user, "reader_institution_id", None) == institution.pk


class ReaderSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        value = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if value is not None and not _still_valid(value):
            request.session.pop(SESSION_KEY, None)  # anonymised, or a new password since
        ids = reader_ids(request)
        if ids is not None and not request.user.is_authenticated:
            setattr(request.user, "reader_institution_id", ids[1])  # noqa: B010 (the full-text check reads it)
        return self.get_response(request)
