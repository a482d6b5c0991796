"""Forms of the desk's settings: loan rules, the weekly days off, closed days."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kutubxona.catalog.models import CopyCollection
from kutubxona.circulation.models import LoanRule
from kutubxona.readers.models import ReaderCategory

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class RuleForm(forms.ModelForm):
    category = forms.ChoiceField(
        label=_("Reader category"), choices=[("", _("any")), *ReaderCategory.choices], required=False
    )
    collection = forms.ChoiceField(
        label=_("Collection"), choices=[("", _("any")), *CopyCollection.choices], required=False
    )

    class Meta:
        model = LoanRule
        fields = ["category", "collection", "period_days", "max_loans", "max_renewals", "reading_room_only"]


class CalendarForm(forms.Form):
    days_off = forms.TypedMultipleChoiceField(
        label=_("Weekly days off"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hold_days = forms.IntegerField(label=_("Days a held copy waits"), min_value=1, max_value=30)


class HolidayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
