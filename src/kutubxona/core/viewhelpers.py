"""Small helpers of the register pages: the user's own institution, read-only forms, file downloads."""

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kutubxona.core import tabular
from kutubxona.core.forms import attach_errors
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.models import Institution

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(content: bytes, content_type: str, filename: str, inline: bool = False) -> HttpResponse:
    """A file for the browser to save, or with `inline` to show (a receipt, a poster)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


def tabular_download(doc: tabular.Document, fmt: str, name: str) -> HttpResponse | None:
    """The document as XLSX or PDF for `fmt`, or None for any other format (the page)."""
    if fmt == "xlsx":
        return download(tabular.to_xlsx(doc), XLSX, f"{name}.xlsx")
    if fmt == "pdf":
        return download(tabular.to_pdf(doc), "application/pdf", f"{name}.pdf")
    return None


def own_institution(request: HttpRequest) -> Institution:
    """The institution a new record of the logged-in user belongs to: their own."""
    institution = acting_user(request).institution
    if institution is None:
        raise PermissionDenied("no institution")
    return institution


def chosen_institution(request: HttpRequest) -> Institution:
    """The user's own institution, or one below it they may see (`?institution=<id>`): the
    methodist reads a district's report or register."""
    if chosen := request.GET.get("institution"):
        if not chosen.isdigit():
            raise Http404(chosen)
        return get_object_or_404(Institution.objects, pk=int(chosen))
    return own_institution(request)


def lock_unless_permitted(
    request: HttpRequest, form: forms.BaseForm, perm: str, institution: Institution
) -> bool:
    """Whether the record's form is read-only: a user who may see it but not change it (the
    director opening it from the plan's drill-down) gets its fields disabled and a POST refused."""
    if can(acting_user(request), perm, institution):
        return False
    if request.method == "POST":
        raise PermissionDenied(perm)
    for field in form.fields.values():
        field.disabled = True
    return True


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], Any],
    *,
    saved: str,
    then: Callable[[Any], HttpResponse],
    template: str,
    context: Mapping[str, Any],
) -> HttpResponse:
    """A form page: a valid POST runs `save` (an action); the action's refusal goes on the form
    (what was typed stays), success says `saved` and answers `then(what save returned)`; a form
    with errors answers 400."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save()
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, saved)
            return then(result)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)
