from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from kutubxona.hr.forms import limit_choices
from kutubxona.hr.models import StaffMember
from kutubxona.institutions.models import Institution
from kutubxona.methodology.actions import LIBRARY_FIELDS
from kutubxona.methodology.models import HelpForm, Library, LibraryType, MethodHelp

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LibraryForm(forms.ModelForm):
    class Meta:
        model = Library
        fields = LIBRARY_FIELDS  # what update_library may change
        error_messages = {
            "latitude": {
                "max_value": _("A latitude is between -90 and 90 degrees."),
                "min_value": _("A latitude is between -90 and 90 degrees."),
            },
            "longitude": {
                "max_value": _("A longitude is between -180 and 180 degrees."),
                "min_value": _("A longitude is between -180 and 180 degrees."),
            },
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not self.errors:
            raise forms.ValidationError(_("Give both the latitude and the longitude, or neither."))
        return data


class MethodHelpForm(forms.ModelForm):
    class Meta:
        model = MethodHelp
        fields = ["date", "library", "form", "topic", "staff", "note"]
        widgets = {"date": DATE, "staff": forms.CheckboxSelectMultiple}
        field_classes = {"library": SafeModelChoiceField, "staff": SafeModelMultipleChoiceField}

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.institution = institution
        limit_choices(self, "library", Library.objects.filter(institution=institution))
        limit_choices(
            self, "staff", StaffMember.objects.filter(institution=institution, left_on__isnull=True)
        )


class LibraryFilterForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("all types")), *LibraryType.choices], required=False
    )
    q = forms.CharField(label=_("Name or address"), required=False)


class HelpFilterForm(forms.Form):
    form = forms.ChoiceField(
        label=_("Form"), choices=[("", _("all forms")), *HelpForm.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
