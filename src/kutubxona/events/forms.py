"""The event forms; saving goes through `actions` (which checks what a form alone cannot)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from kutubxona.events.actions import EVENT_FIELDS, HELD_FIELDS
from kutubxona.events.models import AUDIENCE_GROUPS, Event, EventKind, EventStatus
from kutubxona.institutions.models import Institution, Sector, User

NOT_NEGATIVE = _("The number of attendees cannot be negative.")


class EventForm(forms.ModelForm):
    organisers = SafeModelMultipleChoiceField(
        label=_("Organisers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        field_classes = {"sector": SafeModelChoiceField}
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ModelChoiceField)
        sector.queryset = Sector.objects.filter(institution=institution)
        organisers = self.fields["organisers"]
        assert isinstance(organisers, forms.ModelMultipleChoiceField)
        organisers.queryset = User.scoped.filter(institution=institution, is_active=True)
        if self.instance.pk:
            self.initial.setdefault("organisers", list(self.instance.organisers.all()))

    def _post_clean(self) -> None:
        """The model is checked by the action (with the institution set), not here without it."""


class HeldForm(forms.ModelForm):
    """Marking an event as held: how many came, of whom, and how it went."""

    class Meta:
        model = Event
        fields = HELD_FIELDS
        widgets = {"report": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"attendees": _("Leave empty to add up the groups.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ["attendees", *AUDIENCE_GROUPS]:
            field = self.fields[name]
            assert isinstance(field, forms.IntegerField)
            field.widget.attrs["min"] = 0
            field.error_messages["min_value"] = NOT_NEGATIVE

    def _post_clean(self) -> None:
        """Checked by `actions.mark_held`."""


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class ItemForm(forms.Form):
    code = forms.CharField(
        label=_("Barcode or accession number"),
        max_length=50,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo"), help_text=_("JPEG, PNG, GIF or WebP, up to 10 MB."))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class FilterForm(forms.Form):
    """The event list's filters (GET); every one optional."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("all")), *EventKind.choices])
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *EventStatus.choices]
    )
    month = forms.CharField(label=_("Month"), required=False, widget=forms.DateInput(attrs={"type": "month"}))
    sector = SafeModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.none(), required=False, empty_label=_("all")
    )

    def __init__(self, *args: Any, institution_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ModelChoiceField)
        sector.queryset = Sector.objects.filter(institution_id__in=institution_ids)

    def clean_month(self) -> tuple[int, int] | None:
        text = self.cleaned_data.get("month") or ""
        if not text:
            return None
        try:
            year, month = (int(part) for part in text.split("-"))
        except ValueError:
            raise forms.ValidationError(_("Give the month as YYYY-MM, e.g. 2026-03.")) from None
        if not (1 <= month <= 12 and 1900 < year < 3000):
            raise forms.ValidationError(_("Give the month as YYYY-MM, e.g. 2026-03."))
        return year, month
