"""The desk's settings page: loan rules, the weekly days off and the closed days."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.circulation import actions
from kutubxona.circulation.forms import CalendarForm, HolidayForm, RuleForm
from kutubxona.circulation.models import Calendar, Holiday, LoanRule
from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import own_institution
from kutubxona.institutions.access import acting_user
from kutubxona.institutions.roles import Perm


@permission_required(Perm.CIRCULATION_DESK)
def desk_settings(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    actor = acting_user(request)
    calendar = Calendar.objects.filter(institution=institution).first()
    which = request.POST.get("form", "")
    rule_form = RuleForm(request.POST if which == "rule" else None, prefix="rule")
    calendar_form = CalendarForm(
        request.POST if which == "calendar" else None,
        prefix="calendar",
        initial={
            "days_off": sorted(calendar.weekdays()) if calendar else [6],
            "hold_days": calendar.hold_days if calendar else 5,
        },
    )
    holiday_form = HolidayForm(request.POST if which == "holiday" else None, prefix="holiday")
    forms = {"rule": rule_form, "calendar": calendar_form, "holiday": holiday_form}
    form = forms.get(which)
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if which == "rule":
                actions.save_rule(actor, institution, **data)
            elif which == "calendar":
                actions.set_calendar(
                    actor, institution, days_off=data["days_off"], hold_days=data["hold_days"]
                )
            else:
                actions.add_holiday(actor, institution, data["date"], data["name"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("circulation:settings")
    today = timezone.localdate()
    return render(
        request,
        "circulation/settings.html",
        {
            **{f"{name}_form": f for name, f in forms.items()},
            "rules": LoanRule.objects.filter(institution=institution).order_by("category", "collection"),
            "holidays": Holiday.objects.filter(
                institution=institution, date__gte=today.replace(month=1, day=1)
            ),
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_POST
@permission_required(Perm.CIRCULATION_DESK)
def holiday_remove(request: HttpRequest, pk: int) -> HttpResponse:
    actions.remove_holiday(acting_user(request), get_object_or_404(Holiday, pk=pk))
    messages.success(request, _("The closed day is removed."))
    return redirect("circulation:settings")
