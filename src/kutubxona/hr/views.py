"""Staff pages: records, the monthly/quarterly staff report (page, XLSX, PDF, issue), trainings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors, changed_fields
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import (
    chosen_institution,
    lock_unless_permitted,
    own_institution,
    tabular_download,
)
from kutubxona.hr import actions, figures
from kutubxona.hr.forms import ReportPeriodForm, StaffMemberForm, TrainingForm
from kutubxona.hr.models import ReportKind, StaffMember, StaffReport, Training
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm

# Staff reports are read by the HR officer who keeps them and by whoever reads reports
# (the director, the regional methodist who receives the quarterly summary).
reports_permission = permission_required(Perm.HR_EDIT, Perm.REPORTS_VIEW)


@permission_required(Perm.HR_EDIT)
def staff_list(request: HttpRequest) -> HttpResponse:
    show_left = request.GET.get("left") == "1"
    today = timezone.localdate()
    members = StaffMember.objects.select_related("service", "institution").order_by("full_name")
    if not show_left:
        members = members.exclude(left_on__lte=today)
    rows = [(m, m.experience(today)) for m in members]
    return render(request, "hr/staff_list.html", {"rows": rows, "show_left": show_left})


def _staff_form_page(request: HttpRequest, member: StaffMember | None) -> HttpResponse:
    user = acting_user(request)
    institution = member.institution if member else own_institution(request)
    form = StaffMemberForm(request.POST or None, instance=member, institution=institution)
    if request.method == "POST" and form.is_valid():
        try:
            if member is None:
                member = actions.create_staff_member(user, institution, **form.cleaned_data)
            else:
                member = actions.update_staff_member(user, member, **changed_fields(form))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("hr:list")
    title = member.full_name if member else _("New staff member")
    return render(request, "hr/form.html", {"form": form, "title": title, "back": "hr:list"})


@permission_required(Perm.HR_EDIT)
def staff_create(request: HttpRequest) -> HttpResponse:
    return _staff_form_page(request, None)


@permission_required(Perm.HR_EDIT)
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(StaffMember.objects.select_related("institution"), pk=pk)
    if not can(request.user, Perm.HR_EDIT, member.institution):
        raise PermissionDenied(Perm.HR_EDIT)
    return _staff_form_page(request, member)


@reports_permission
def report(request: HttpRequest) -> HttpResponse:
    """The staff report of a month or a quarter, computed now from the records."""
    institution = chosen_institution(request)
    form = ReportPeriodForm(request.GET if "kind" in request.GET else None)
    if form.is_bound and not form.is_valid():
        return render(request, "hr/report.html", {"form": form, "institution": institution}, status=400)
    defaults = ReportPeriodForm.defaults()
    if form.is_bound:
        kind, year, index = form.cleaned_data["kind"], form.cleaned_data["year"], form.index()
    else:
        kind, year, index = defaults["kind"], defaults["year"], defaults["month"]
        form = ReportPeriodForm(initial=defaults)
    period = figures.period_of(kind, year, index)
    data = figures.build(institution, period)
    doc = figures.document(institution, kind, period, data)
    name = f"{institution.code}-staff-{period.year}-{period.code}"
    if (response := tabular_download(doc, request.GET.get("format", ""), name)) is not None:
        return response
    issued = StaffReport.objects.filter(
        institution=institution, kind=kind, year=period.year, index=index
    ).first()
    return render(
        request,
        "hr/report.html",
        {
            "form": form,
            "institution": institution,
            "doc": doc,
            "issued": issued,
            "issue": {"kind": kind, "year": period.year, "index": index},
            "may_issue": can(request.user, Perm.HR_EDIT, institution),
            "query": request.GET.urlencode(),
        },
    )


@require_POST
@permission_required(Perm.HR_EDIT)
def issue(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    try:
        kind = ReportKind(request.POST.get("kind", ""))
        year, index = int(request.POST.get("year", "")), int(request.POST.get("index", ""))
        figures.period_of(kind, year, index).start  # noqa: B018 (validates the month or quarter)
    except ValueError:
        raise Http404("bad period") from None
    try:
        report, created = actions.issue_report(acting_user(request), institution, kind, year, index)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("hr:reports")
    messages.success(
        request,
        _("The report is issued.") if created else _("The report is issued again with today's figures."),
    )
    return redirect("hr:issued_report", pk=report.pk)


@reports_permission
def issued_reports(request: HttpRequest) -> HttpResponse:
    reports = StaffReport.objects.select_related("institution", "issued_by").order_by("-issued_on", "-id")
    return render(request, "hr/reports.html", {"reports": reports})


@reports_permission
def issued_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(StaffReport.objects.select_related("institution"), pk=pk)
    period = figures.period_of(report.kind, report.year, report.index)
    doc = figures.document(report.institution, report.kind, period, report.figures)
    name = f"{report.institution.code}-staff-{report.year}-{report.period_code}-issued"
    if (response := tabular_download(doc, request.GET.get("format", ""), name)) is not None:
        return response
    return render(request, "hr/issued_report.html", {"report": report, "doc": doc})


@permission_required(Perm.HR_EDIT)
def training_list(request: HttpRequest) -> HttpResponse:
    trainings = Training.objects.prefetch_related("participants").order_by("-starts_on", "-id")
    direction = request.GET.get("direction", "")
    if direction:
        trainings = trainings.filter(direction=direction)
    return render(request, "hr/trainings.html", {"trainings": trainings, "direction": direction})


def _training_form_page(request: HttpRequest, training: Training | None) -> HttpResponse:
    user = acting_user(request)
    institution = training.institution if training else own_institution(request)
    form = TrainingForm(request.POST or None, instance=training, institution=institution)
    read_only = lock_unless_permitted(request, form, Perm.HR_EDIT, institution)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        people = data.pop("participants")
        try:
            if training is None:
                training = actions.create_training(user, institution, participants=people, **data)
            else:
                changes = changed_fields(form, "participants")
                training = actions.update_training(user, training, participants=people, **changes)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("hr:trainings")
    title = training.topic if training else _("New training")
    return render(
        request,
        "hr/form.html",
        {"form": form, "title": title, "back": "hr:trainings", "training": training, "read_only": read_only},
    )


@permission_required(Perm.HR_EDIT)
def training_create(request: HttpRequest) -> HttpResponse:
    return _training_form_page(request, None)


@reports_permission
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(Training.objects.select_related("institution"), pk=pk)
    return _training_form_page(request, training)
