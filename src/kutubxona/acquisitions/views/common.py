"""What the collection pages share: who may read them, who may change them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from kutubxona.acquisitions.forms import CancelForm
from kutubxona.core.forms import attach_errors
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm

# The acquisitions staff keep the registers; the director and the methodist read them, and
# everyone who sees the plan may open a receipt or a stock-take behind its numbers.
LIST = (Perm.ACQUISITIONS_EDIT, Perm.REPORTS_VIEW)
READ = Perm.PLAN_VIEW
EDIT = Perm.ACQUISITIONS_EDIT


def may_edit(request: HttpRequest, institution: Institution | None = None) -> bool:
    return can(acting_user(request), EDIT, institution)


def posted_cancel(request: HttpRequest, cancel: Callable[[str], Any], done: str) -> tuple[CancelForm, bool]:
    """A receipt's or an act's cancel form as posted, run with its reason: (the form, whether it
    was cancelled). A refusal stays on the form for the correction page to show."""
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            cancel(form.cleaned_data["reason"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, done)
            return form, True
    return form, False
