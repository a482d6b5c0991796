"""Outreach pages: an overview, and for each register (`registers.py`) a list with filters and
monthly counts, a form to add and one to edit. Everyone on the staff reads them (the plan's
drill-down links here); adding and editing needs outreach.edit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm
from kutubxona.outreach import actions
from kutubxona.outreach.charts import line_chart
from kutubxona.outreach.forms import NewPostForm
from kutubxona.outreach.models import Agreement, Channel, Entry, MemberCount
from kutubxona.outreach.registers import REGISTERS, Register

VIEW, EDIT = Perm.PLAN_VIEW, Perm.OUTREACH_EDIT
PAGE_SIZE = 50


def _register(kind: str) -> Register:
    register = REGISTERS.get(kind)
    if register is None:
        raise Http404
    return register


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


def monthly(register: Register, rows: QuerySet[Any], year: int) -> list[tuple[str, list[int], int]]:
    """(label, 12 monthly values, year's total) per group (or one row), for the year."""
    value = Sum(register.total) if register.total else Count("id")
    keys = ["month", register.group_by] if register.group_by else ["month"]
    data = (
        rows.filter(**{f"{register.date_field}__year": year})
        .annotate(month=ExtractMonth(register.date_field))
        .order_by()
        .values(*keys)
        .annotate(n=value)
    )
    table: dict[str, list[int]] = {}
    for row in data:
        group = row.get(register.group_by, "") if register.group_by else ""
        table.setdefault(group, [0] * 12)[row["month"] - 1] += row["n"] or 0
    if not register.group_by:
        values = table.get("", [0] * 12)
        return [(_("Total"), values, sum(values))]
    labels = dict(register.model._meta.get_field(register.group_by).choices or [])  # type: ignore[union-attr]
    # In the order of the choices (website, Telegram, ...), only those with entries.
    result = [
        (str(label), table[group], sum(table[group])) for group, label in labels.items() if group in table
    ]
    totals = [sum(values[m] for _label, values, _total in result) for m in range(12)]
    return [*result, (_("Total"), totals, sum(totals))]


def _filtered(request: HttpRequest, register: Register) -> tuple[QuerySet[Any], dict[str, str]]:
    rows = register.model.objects.select_related("institution")  # type: ignore[attr-defined]
    applied = {}
    group = request.GET.get("group", "")
    if register.group_by and group:
        rows = rows.filter(**{register.group_by: group})
        applied["group"] = group
    month = request.GET.get("month", "")
    if month.isdigit() and 1 <= int(month) <= 12:
        rows = rows.filter(**{f"{register.date_field}__month": int(month)})
        applied["month"] = month
    query = request.GET.get("q", "").strip()
    if query and register.search:
        condition = Q()
        for name in register.search:
            condition |= Q(**{f"{name}__icontains": query})
        rows = rows.filter(condition)
        applied["q"] = query
    return rows, applied


@permission_required(VIEW)
def overview(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    sections = []
    for register in REGISTERS.values():
        if register.slug == "members":
            continue
        table = monthly(register, register.model.objects.all(), year)  # type: ignore[attr-defined]
        sections.append((register, table[-1]))
    latest = MemberCount.objects.filter(channel=Channel.TELEGRAM).order_by("-counted_on").first()
    context = {"year": year, "sections": sections, "latest": latest, "months": _month_names()}
    return render(request, "outreach/overview.html", context)


def _month_names() -> list[str]:
    return [str(MONTHS_3[m]) for m in range(1, 13)]


@permission_required(VIEW)
def entry_list(request: HttpRequest, kind: str) -> HttpResponse:
    register = _register(kind)
    year = _year(request)
    rows, applied = _filtered(request, register)
    in_year = rows.filter(**{f"{register.date_field}__year": year})
    if register.slug == "media":
        in_year = in_year.prefetch_related("staff")
    page = Paginator(in_year.order_by(f"-{register.date_field}", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = "&".join(f"{k}={v}" for k, v in {"year": str(year), **applied}.items())
    context: dict[str, Any] = {
        "register": register,
        "year": year,
        "applied": applied,
        "page": page,
        "query": query,
        "rows": [(entry, [get(entry) for _label, get in register.columns]) for entry in page],
        "months": _month_names(),
        "monthly": monthly(register, rows, year) if register.slug != "members" else [],
        "groups": register.model._meta.get_field(register.group_by).choices if register.group_by else [],  # type: ignore[union-attr]
        "can_edit": can(request.user, EDIT),
    }
    if register.slug == "members":
        context["charts"] = _member_charts(rows)
    return render(request, "outreach/list.html", context)


def _member_charts(rows: QuerySet[MemberCount]) -> list[tuple[Any, Any]]:
    charts = []
    for value, label in Channel.choices:
        points = [(c.counted_on, c.members) for c in rows.filter(channel=value).order_by("counted_on")]
        if points:
            charts.append((label, line_chart(points, _("Members of %(channel)s") % {"channel": label})))
    return charts


def _home(request: HttpRequest) -> Institution:
    institution = acting_user(request).institution
    if institution is None:
        raise PermissionDenied("no institution")
    return institution


@permission_required(EDIT)
def entry_create(request: HttpRequest, kind: str) -> HttpResponse:
    register = _register(kind)
    institution = _home(request)
    actor = acting_user(request)
    if register.slug == "posts":
        return _post_create(request, institution)
    form = register.form(request.POST or None, request.FILES or None, **register.form_kwargs(institution))
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_entry(actor, register.model, institution, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("outreach:list", kind=kind)
    return _form_page(request, register, form, None)


def _post_create(request: HttpRequest, institution: Institution) -> HttpResponse:
    register = REGISTERS["posts"]
    form = NewPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            posts = actions.create_posts(
                acting_user(request),
                institution,
                title=form.cleaned_data["title"],
                published_on=form.cleaned_data["published_on"],
                links=form.links(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Post saved on %(count)s channels.") % {"count": len(posts)})
            return redirect("outreach:list", kind="posts")
    return _form_page(request, register, form, None)


def _form_page(request: HttpRequest, register: Register, form: Any, entry: Entry | None) -> HttpResponse:
    cells = [(label, get(entry)) for label, get in register.columns] if entry is not None else []
    context = {"register": register, "form": form, "entry": entry, "cells": cells}
    return render(request, "outreach/form.html", context)


@permission_required(VIEW)
def entry_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    register = _register(kind)
    entry = get_object_or_404(register.model.objects.select_related("institution"), pk=pk)  # type: ignore[attr-defined]
    if not can(request.user, EDIT, entry.institution):
        if request.method == "POST":
            return render(request, "403.html", status=403)
        return _form_page(request, register, None, entry)  # read-only view of the row
    form = register.form(
        request.POST or None, request.FILES or None, instance=entry, **register.form_kwargs(entry.institution)
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            actions.update_entry(acting_user(request), register.model.objects.get(pk=pk), **changes)  # type: ignore[attr-defined]
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("outreach:list", kind=kind)
    return _form_page(request, register, form, entry)


@require_POST
@permission_required(VIEW)
def entry_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    register = _register(kind)
    entry = get_object_or_404(register.model.objects.select_related("institution"), pk=pk)  # type: ignore[attr-defined]
    if not can(request.user, EDIT, entry.institution):
        return render(request, "403.html", status=403)
    actions.delete_entry(acting_user(request), entry)
    messages.success(request, _("Deleted."))
    return redirect("outreach:list", kind=kind)


@permission_required(VIEW)
def agreement_file(request: HttpRequest, pk: int) -> FileResponse:
    """The agreement's scanned copy, to the staff who may read the register (media is not public)."""
    agreement = get_object_or_404(Agreement.objects, pk=pk)
    if not agreement.file:
        raise Http404("no file")
    name = agreement.file.name.rsplit("/", 1)[-1]
    return FileResponse(agreement.file.open("rb"), as_attachment=True, filename=name)
