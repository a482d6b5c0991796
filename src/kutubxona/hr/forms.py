from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from kutubxona.hr.actions import STAFF_FIELDS
from kutubxona.hr.models import RATES, ReportKind, StaffMember, Training
from kutubxona.institutions.models import Institution, Service, User


def limit_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Set the choices of a (scope-safe) model choice field to the institution's rows."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StaffMemberForm(forms.ModelForm):
    rate = forms.TypedChoiceField(
        label=_("rate"), coerce=Decimal, choices=[(str(r), str(r.normalize())) for r in RATES]
    )

    class Meta:
        model = StaffMember
        fields = STAFF_FIELDS  # what update_staff_member may change
        widgets = {"library_work_since": DATE, "hired_on": DATE, "left_on": DATE}
        # Scoped models: fields that do not query at import time; querysets are set in __init__.
        field_classes = {"service": SafeModelChoiceField, "user": SafeModelChoiceField}

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.institution = institution
        limit_choices(self, "service", Service.objects.filter(institution=institution))
        limit_choices(self, "user", User.scoped.filter(institution=institution))
        if self.instance.pk:
            self.initial["rate"] = str(self.instance.rate)


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = [
            "topic",
            "organiser",
            "form",
            "direction",
            "starts_on",
            "ends_on",
            "hours",
            "participants",
            "external_participants",
            "note",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE, "participants": forms.CheckboxSelectMultiple}
        field_classes = {"participants": SafeModelMultipleChoiceField}

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.institution = institution
        limit_choices(self, "participants", StaffMember.objects.filter(institution=institution))


class ReportPeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Month"), coerce=int, choices=list(MONTHS.items()), required=False, empty_value=None
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        choices=[(q, r) for q, r in zip(range(1, 5), ["I", "II", "III", "IV"], strict=True)],
        required=False,
        empty_value=None,
    )

    @staticmethod
    def defaults() -> dict[str, Any]:
        today = timezone.localdate()
        return {
            "kind": ReportKind.MONTHLY,
            "year": today.year,
            "month": today.month,
            "quarter": (today.month + 2) // 3,
        }

    def index(self) -> int:
        data = self.cleaned_data
        value = data["month"] if data["kind"] == ReportKind.MONTHLY else data["quarter"]
        return int(value or 1)
