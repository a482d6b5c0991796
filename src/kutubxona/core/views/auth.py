"""Login, lock-out after repeated failures, password change."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kutubxona.institutions import actions


class LoginForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name")


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True
    authentication_form = LoginForm


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, **kwargs: Any
) -> HttpResponse:
    """Shown instead of checking the password while the user name and address are locked out."""
    form = LoginForm(request, data=request.POST or None)
    form.errors.clear()
    minutes = cooloff_minutes()
    message = ngettext(
        "Too many failed attempts for this user name. Please wait %(minutes)d minute "
        "and try again, or ask your administrator to reset your password.",
        "Too many failed attempts for this user name. Please wait %(minutes)d minutes "
        "and try again, or ask your administrator to reset your password.",
        minutes,
    ) % {"minutes": minutes}
    return render(request, "core/login.html", {"form": form, "lockout_message": message}, status=429)


def cooloff_minutes() -> int:
    """How long a lock-out after repeated failed logins lasts (staff and readers alike)."""
    from django.conf import settings

    return max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        actions.change_own_password(self.request.user, form.cleaned_data["new_password1"])  # type: ignore[arg-type]
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Your password has been changed."))
        return super(auth_views.PasswordChangeView, self).form_valid(form)
