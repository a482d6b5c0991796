"""Duplicates and their merge, and the organisations borrowing under contract."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import own_institution
from kutubxona.institutions.access import acting_user
from kutubxona.institutions.roles import Perm
from kutubxona.readers import actions
from kutubxona.readers.duplicates import duplicate_groups
from kutubxona.readers.forms import MergeForm, OrganisationForm
from kutubxona.readers.models import Organisation
from kutubxona.readers.views.readers import get_reader


@permission_required(Perm.READERS_EDIT)
def duplicates(request: HttpRequest) -> HttpResponse:
    return render(request, "readers/duplicates.html", {"groups": duplicate_groups(own_institution(request))})


@require_POST
@permission_required(Perm.READERS_EDIT)
def merge(request: HttpRequest) -> HttpResponse:
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the two readers to merge."))
        return redirect("readers:duplicates")
    keep = get_reader(form.cleaned_data["keep"])
    duplicate = get_reader(form.cleaned_data["duplicate"])
    try:
        actions.merge_readers(acting_user(request), keep, duplicate)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("readers:duplicates")
    messages.success(request, _("The readers are merged into %(reader)s.") % {"reader": keep})
    return redirect("readers:detail", pk=keep.pk)


@permission_required(Perm.READERS_EDIT)
def organisations(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_organisation(acting_user(request), institution, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The organisation is saved."))
            return redirect("readers:organisations")
    return render(
        request,
        "readers/organisations.html",
        {"form": form, "organisations": Organisation.objects.filter(institution=institution)},
        status=400 if form.errors else 200,
    )
