"""Forms of the services pages; saving goes through `actions`, which validates for real."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from kutubxona.catalog.models import Record
from kutubxona.institutions.models import Institution
from kutubxona.services.actions import ORDER_FIELDS, SERVICE_FIELDS
from kutubxona.services.models import DeliveryOrder, PaidService, PaymentMethod

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionModelForm(forms.ModelForm):
    def _post_clean(self) -> None:
        """The model is checked by the action (with the institution set), not here without it."""


class ServiceForm(ActionModelForm):
    class Meta:
        model = PaidService
        fields = SERVICE_FIELDS


class PriceForm(forms.Form):
    amount = forms.DecimalField(label=_("price, so'm"), min_value=0, max_digits=14, decimal_places=2)
    valid_from = forms.DateField(label=_("valid from"), widget=DATE, initial=timezone.localdate)
    valid_to = forms.DateField(
        label=_("valid to"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty: valid until a new price replaces it."),
    )


def _services(field: forms.Field, institution: Institution, **filters: Any) -> None:
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = PaidService.objects.filter(institution=institution, **filters)


class OrderForm(ActionModelForm):
    record = SafeModelChoiceField(
        queryset=Record.objects.none(),
        required=False,
        label=_("catalogue record number"),
        widget=forms.NumberInput,
        help_text=_("Optional: the number of the record in the catalogue (in its page's address)."),
    )

    class Meta:
        model = DeliveryOrder
        fields = ORDER_FIELDS
        field_classes = {"service": SafeModelChoiceField}
        widgets = {"ordered_on": DATE, "wanted": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "copies": _(
                "How many documents (electronic copies) the order delivers: plan line 23 counts them."
            ),
            "quantity": _("In the unit of the price list item (pages, copies...)."),
        }

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _services(self.fields["service"], institution)
        record = self.fields["record"]
        assert isinstance(record, forms.ModelChoiceField)
        record.queryset = Record.objects.filter(institution=institution)
        record.error_messages["invalid_choice"] = _("There is no record with this number in the catalogue.")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("electronic copy (PDF or image)"))


class PaymentForm(forms.Form):
    method = forms.ChoiceField(label=_("payment method"), choices=PaymentMethod.choices)
    payer = forms.CharField(label=_("payer"), max_length=300, required=False)
    issued_on = forms.DateField(label=_("date"), widget=DATE, initial=timezone.localdate)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ReceiptForm(forms.Form):
    service = SafeModelChoiceField(label=_("Price list item"), queryset=PaidService.objects.none())
    quantity = forms.DecimalField(label=_("quantity"), max_digits=10, decimal_places=2, initial=1)
    amount = forms.DecimalField(
        label=_("amount by agreement, so'm"),
        required=False,
        help_text=_("Only for a rent at an agreed sum; otherwise the price list gives the amount."),
        max_digits=14,
        decimal_places=2,
    )
    payer = forms.CharField(label=_("payer"), max_length=300)
    method = forms.ChoiceField(label=_("payment method"), choices=PaymentMethod.choices)
    issued_on = forms.DateField(label=_("date"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _services(self.fields["service"], institution)


class DayForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, datetime.date) and isinstance(end, datetime.date) and end < start:
            raise forms.ValidationError(_("The end of the period is before its start."))
        return data
