"""Forms of collection accounting: a receipt and its lines, withdrawal acts, rare marks, stock-takes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from kutubxona.acquisitions.actions import RECEIPT_FIELDS, LineInput, find_record
from kutubxona.acquisitions.models import DocType, Receipt, Stocktake, WithdrawalReason
from kutubxona.catalog.forms import LANGUAGE_CHOICES
from kutubxona.catalog.models import CopyCollection
from kutubxona.institutions.models import Institution, Sector

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LINES = 8  # empty title rows the receipt form offers


def _sectors(field: forms.Field, institution: Institution) -> None:
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = Sector.objects.filter(institution=institution)


class ReceiptForm(forms.ModelForm):
    sector = SafeModelChoiceField(
        label=_("Sector the copies go to"), queryset=Sector.objects.none(), required=False
    )

    class Meta:
        model = Receipt
        fields = RECEIPT_FIELDS  # what the receive action accepts
        widgets = {"date": DATE}

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.institution = institution
        _sectors(self.fields["sector"], institution)
        self.fields["date"].initial = timezone.localdate()


class LineForm(forms.Form):
    find = forms.CharField(
        label=_("Record (ISBN, accession number, #id or title)"), max_length=300, required=False
    )
    title = forms.CharField(label=_("or a new title"), max_length=500, required=False)
    author = forms.CharField(label=_("Author"), max_length=255, required=False)
    year = forms.IntegerField(
        label=_("Year"),
        min_value=1000,
        max_value=2100,
        required=False,
        widget=forms.NumberInput(attrs={"class": "narrow"}),
    )
    doc_type = forms.ChoiceField(
        label=_("Type"), choices=DocType.choices, initial=DocType.BOOK, required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)
    quantity = forms.IntegerField(
        label=_("Copies"), required=False, widget=forms.NumberInput(attrs={"class": "narrow"})
    )
    price = forms.DecimalField(
        label=_("Price of a copy"),
        max_digits=12,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"class": "narrow"}),
    )

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.institution = institution

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in ("find", "title", "quantity", "price"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) for name in ("find", "title", "quantity", "price")):
            return data
        text = (data.get("find") or "").strip()
        data["record"] = None
        if text:
            found = find_record(self.institution, text)
            if not found:
                self.add_error(
                    "find",
                    _("No record found: clear this field and type the title to send it to cataloguing."),
                )
            elif len(found) > 1:
                names = "; ".join(f"#{r.pk} {r.title}" for r in found[:5])
                self.add_error(
                    "find", _("Several records match; type #id of one: %(names)s") % {"names": names}
                )
            else:
                data["record"] = found[0]
        elif not (data.get("title") or "").strip():
            self.add_error("title", _("Link a record or type the title."))
        if data.get("quantity") is None:
            self.add_error("quantity", _("How many copies?"))
        elif data["quantity"] < 1:
            self.add_error("quantity", _("The number of copies must be at least 1."))
        if data.get("price") is None:
            self.add_error("price", _("Give the price of a copy (0 for free)."))
        elif data["price"] < 0:
            self.add_error("price", _("A price cannot be negative."))
        return data

    def line(self) -> LineInput:
        data = self.cleaned_data
        return LineInput(
            quantity=data["quantity"],
            price=data["price"] or Decimal(0),
            record=data.get("record"),
            title=data.get("title") or "",
            author=data.get("author") or "",
            year=data.get("year"),
            doc_type=data.get("doc_type") or DocType.BOOK,
            language=data.get("language") or "",
        )


LineFormSet = forms.formset_factory(LineForm, extra=LINES, max_num=200)


def typed_lines(formset: forms.BaseFormSet[LineForm]) -> list[LineInput]:
    """The receipt's lines from the rows that were filled in."""
    return [form.line() for form in formset.forms if not form.is_blank()]


class QueueForm(forms.Form):
    find = forms.CharField(
        label=_("Existing record (ISBN, accession number, #id or title)"), max_length=300, required=False
    )

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.institution = institution

    def clean_find(self) -> Any:
        text = (self.cleaned_data.get("find") or "").strip()
        if not text:
            return None
        found = find_record(self.institution, text)
        if len(found) != 1:
            raise forms.ValidationError(
                _("Name exactly one record (found %(n)s); #id names one.") % {"n": len(found)}
            )
        return found[0]


class CodesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 4})


class WithdrawalForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    reason = forms.ChoiceField(label=_("Reason"), choices=WithdrawalReason.choices)
    codes = CodesField(
        label=_("Copies (accession numbers or barcodes)"),
        help_text=_("Separated by spaces, commas or lines."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class RareForm(forms.Form):
    codes = CodesField(label=_("Copies (accession numbers or barcodes)"), required=False)
    record = forms.CharField(
        label=_("or every copy of a record (ISBN or #id)"), max_length=300, required=False
    )
    reason = forms.CharField(label=_("Why rare or valuable"), max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("codes") or "").strip() and not (data.get("record") or "").strip():
            raise forms.ValidationError(_("Name the copies or the record."))
        return data


class StocktakeForm(forms.ModelForm):
    collection = forms.ChoiceField(
        label=_("Collection"), choices=[("", _("all")), *CopyCollection.choices], required=False
    )

    class Meta:
        model = Stocktake
        fields = ["title", "started_on", "collection", "sector"]
        field_classes = {"sector": SafeModelChoiceField}
        widgets = {"started_on": DATE}

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _sectors(self.fields["sector"], institution)
        self.fields["started_on"].initial = timezone.localdate()


class ScanForm(forms.Form):
    code = forms.CharField(
        label=_("Barcode"),
        max_length=200,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off", "inputmode": "numeric"}),
    )


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE)
