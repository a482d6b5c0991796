"""The headcount form: a sector without a desk, a day, how many came and how many of them were
foreign citizens. The sectors offered are the institution's own sectors without a desk.

A plain form (not a ModelForm): the rules (not negative, not in the future, one per sector and
day) are the action's, with its messages; a ModelForm would answer first with generic ones."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.attendance.models import Headcount
from kutubxona.institutions.models import Institution, Sector
from kutubxona.surveys.forms import DateInput


class HeadcountForm(forms.Form):
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.none())
    day = forms.DateField(label=_("Day"), widget=DateInput(), initial=timezone.localdate)
    count = forms.IntegerField(label=_("Visitors"))
    foreign = forms.IntegerField(label=_("Of whom foreign citizens"), initial=0, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(
        self, *args: Any, institution: Institution, instance: Headcount | None = None, **kwargs: Any
    ) -> None:
        if instance is not None:
            kwargs["initial"] = {
                name: getattr(instance, name) for name in ["sector", "day", "count", "foreign", "note"]
            }
        super().__init__(*args, **kwargs)
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ModelChoiceField)
        sector.queryset = Sector.objects.filter(institution=institution, has_desk=False).order_by("order")

    def clean_foreign(self) -> int:
        return self.cleaned_data.get("foreign") or 0
