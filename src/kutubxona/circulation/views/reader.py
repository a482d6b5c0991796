"""The reader's own pages in the catalogue (`/my/`): log in with card and password, loans and
due dates, renew, holds (list, cancel), and placing a hold from a record's page."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_scopes import scope

from kutubxona.catalog.models import Record
from kutubxona.circulation import actions
from kutubxona.circulation.models import ACTIVE_HOLD, Hold, Loan
from kutubxona.circulation.views.common import expire_holds, reader_panel
from kutubxona.core.views.auth import cooloff_minutes
from kutubxona.readers import session
from kutubxona.readers.models import Reader


class LoginForm(forms.Form):
    card = forms.CharField(label=gettext_lazy("Card number"), max_length=50)
    password = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput)


def reader_required(view: Any) -> Any:
    """The reader logged in, the view run in the scope of the reader's library."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        reader = session.current_reader(request)
        if reader is None:
            return redirect(f"{_login_url()}?next={request.path}")
        with scope(institution=[reader.institution_id]):
            response: HttpResponse = view(request, reader, *args, **kwargs)
            return response

    return wrapper


def _login_url() -> str:
    from django.urls import reverse

    return reverse("reader:login")


def _locked_out(request: HttpRequest, form: LoginForm) -> HttpResponse:
    minutes = cooloff_minutes()
    message = ngettext(
        "Too many failed attempts for this card. Please wait %(minutes)d minute and try again, "
        "or ask the library for a new password.",
        "Too many failed attempts for this card. Please wait %(minutes)d minutes and try again, "
        "or ask the library for a new password.",
        minutes,
    ) % {"minutes": minutes}
    context = {"form": form, "lockout_message": message}
    return render(request, "circulation/my_login.html", context, status=429)


def login(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        card = form.cleaned_data["card"]
        if not session.login_allowed(request, card):
            return _locked_out(request, form)
        reader = session.authenticate(None, card, form.cleaned_data["password"])
        if reader is None:
            if session.login_failed(request, card):
                return _locked_out(request, form)
            form.add_error(None, _("The card number or the password is wrong."))
        else:
            session.login_succeeded(request, card)
            session.log_in(request, reader)
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = ""
            return redirect(target or "reader:home")
    return render(request, "circulation/my_login.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    session.log_out(request)
    return redirect("reader:login")


@reader_required
def home(request: HttpRequest, reader: Reader) -> HttpResponse:
    expire_holds(institution_id=reader.institution_id, reader_id=reader.pk)
    return render(request, "circulation/my.html", {"reader": reader, **reader_panel(reader)})


@require_POST
@reader_required
def renew(request: HttpRequest, reader: Reader, pk: int) -> HttpResponse:
    loan = get_object_or_404(
        Loan.objects.select_related("copy__record", "institution", "reader"), pk=pk, reader=reader
    )
    try:
        actions.renew(None, loan, at_desk=False)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Renewed: %(title)s.") % {"title": loan.copy.record.title})
    return redirect("reader:home")


@require_POST
@reader_required
def cancel_hold(request: HttpRequest, reader: Reader, pk: int) -> HttpResponse:
    hold = get_object_or_404(
        Hold.objects.select_related("institution"), pk=pk, reader=reader, status__in=ACTIVE_HOLD
    )
    actions.cancel_hold(None, hold)
    messages.success(request, _("The hold is cancelled."))
    return redirect("reader:home")


@require_POST
def hold_place(request: HttpRequest) -> HttpResponse:
    """Place a hold on `record_id` for the reader logged in (the record page's button)."""
    reader = session.current_reader(request)
    if reader is None:
        return redirect(_login_url())
    with scope(institution=[reader.institution_id]):
        record_id = request.POST.get("record_id", "")
        record = Record.objects.filter(pk=int(record_id)).first() if record_id.isdigit() else None
        if record is None:
            messages.error(request, _("The library has no copy of this book to hold."))
            return redirect("reader:home")
        try:
            actions.place_hold(None, reader, record)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("You are in the queue for %(title)s.") % {"title": record.title})
    return redirect("reader:home")
