from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.planning.models import ManualFact, PlanLine
from kutubxona.planning.periods import choices as period_choices

MAX_UPLOAD = 10 * 1024 * 1024


def _year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(y, y) for y in range(this_year + 1, 2019, -1)]


class CreatePlanForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_year_choices)


class ImportPlanForm(CreatePlanForm):
    file = forms.FileField(
        label=_("XLSX file"), help_text=_("The plan table: No., Name, Unit, last year, target...")
    )

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        if file.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return file


class ManualFactForm(forms.ModelForm):
    class Meta:
        model = ManualFact
        fields = ["date", "value", "note", "attachment"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}), "note": forms.TextInput()}

    def clean_attachment(self) -> Any:
        file = self.cleaned_data.get("attachment")
        if file and file.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return file


class LineEditForm(forms.ModelForm):
    class Meta:
        model = PlanLine
        fields = ["target", "last_year", "note"]


class AmendForm(forms.ModelForm):
    reason = forms.CharField(label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = PlanLine
        fields = ["target", "note"]


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"))
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(p.code, p.label) for p in period_choices(year)]


LABELS = {"last_year": _("last year's fact"), "target": _("target")}


class TargetsForm(forms.Form):
    """Every line's target and last-year fact on one page: how a director fills in a new plan."""

    def __init__(self, *args: Any, lines: list[PlanLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            for name in ("last_year", "target"):
                self.fields[f"{name}_{line.pk}"] = forms.DecimalField(
                    label=f"{line.number} {LABELS[name]}",
                    required=False,
                    max_digits=14,
                    decimal_places=2,
                    min_value=0,
                    initial=getattr(line, name),
                    widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
                )

    def rows(self) -> list[tuple[PlanLine, forms.BoundField, forms.BoundField]]:
        return [(line, self[f"last_year_{line.pk}"], self[f"target_{line.pk}"]) for line in self.lines]

    def values(self) -> dict[str, dict[str, Any]]:
        return {
            line.number: {
                "last_year": self.cleaned_data[f"last_year_{line.pk}"],
                "target": self.cleaned_data[f"target_{line.pk}"],
            }
            for line in self.lines
        }


class AddLineForm(forms.ModelForm):
    class Meta:
        model = PlanLine
        fields = ["number", "parent_number", "section", "name_uz", "name_ru", "unit", "deadline", "target"]
