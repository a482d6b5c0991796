"""Forms of collection accounting: a receipt and its lines, withdrawal acts, rare marks, stock-takes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from kutubxona.acquisitions.actions import RECEIPT_FIELDS, BalanceInput, LineChange, LineInput, find_record
from kutubxona.acquisitions.models import DocType, Receipt, Stocktake, WithdrawalReason
from kutubxona.acquisitions.registers import subject_label as class_label
from kutubxona.catalog.forms import LANGUAGE_CHOICES, LANGUAGES
from kutubxona.catalog.models import CopyCollection
from kutubxona.institutions.models import Institution, Sector

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LINES = 8  # empty title rows the receipt form offers
# A title's copies in one receipt: far above any real delivery, low enough that extra zeros
# typed by mistake are refused instead of numbering millions of copies (or overflowing).
MAX_COPIES = 10_000


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
        label=_("Copies"),
        required=False,
        max_value=MAX_COPIES,
        widget=forms.NumberInput(attrs={"class": "narrow"}),
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


class ReceiptEditForm(forms.ModelForm):
    """A saved receipt's details, and each title's copies and price (`quantity_<id>`, `price_<id>`)."""

    class Meta:
        model = Receipt
        fields = RECEIPT_FIELDS
        widgets = {"date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = list(self.instance.lines.all())
        for line in self.lines:
            self.fields[f"quantity_{line.pk}"] = forms.IntegerField(
                label=_("Copies"),
                min_value=0,
                max_value=MAX_COPIES,
                initial=line.quantity,
                widget=forms.NumberInput(attrs={"class": "narrow"}),
            )
            self.fields[f"price_{line.pk}"] = forms.DecimalField(
                label=_("Price of a copy"),
                min_value=0,
                max_digits=12,
                decimal_places=2,
                initial=line.price,
                widget=forms.NumberInput(attrs={"class": "narrow"}),
            )

    def header_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in RECEIPT_FIELDS]

    def rows(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        return [(line, self[f"quantity_{line.pk}"], self[f"price_{line.pk}"]) for line in self.lines]

    def changes(self) -> tuple[dict[str, Any], dict[int, LineChange]]:
        data = self.cleaned_data
        header = {name: data[name] for name in RECEIPT_FIELDS}
        lines = {
            line.pk: LineChange(quantity=data[f"quantity_{line.pk}"], price=data[f"price_{line.pk}"])
            for line in self.lines
        }
        return header, lines


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is cancelled"),
        max_length=500,
        help_text=_("The register keeps the line under its number, marked cancelled, with this reason."),
    )


class WithdrawalEditForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    reason = forms.ChoiceField(label=_("Reason"), choices=WithdrawalReason.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    strike = forms.TypedMultipleChoiceField(
        label=_("Copies listed by mistake (they return to the collection)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        strike = self.fields["strike"]
        assert isinstance(strike, forms.TypedMultipleChoiceField)
        strike.choices = [(i.copy_id, f"{i.copy.accession_number} {i.copy.record.title}") for i in items]


# The subject areas the paper register splits its collection by: the UDC main classes.
SUBJECTS = [(f"udc:{n}", n) for n in "0123456789"]
MAIN_LANGUAGES = LANGUAGES[:8]


# Per type: the five types together stay inside a 32-bit count (PostgreSQL's integer) and a value
# SQLite's floating-point column keeps to the tiyin (it failed reading back 14-digit sums).
MAX_PAPER_COPIES = 100_000_000
MAX_VALUE_DIGITS = 14


class OpeningBalanceForm(forms.Form):
    """The paper register's totals: copies and value by type; copies by language and by UDC main
    class, each optional but, if given, adding up to the total."""

    as_of = forms.DateField(
        label=_("As of (the day the paper register was counted)"),
        widget=DATE,
        help_text=_("The end of this day; receipts and acts kept here come after it."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow = {"class": "narrow"}
        for kind, label in DocType.choices:
            self.fields[f"copies_{kind}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=MAX_PAPER_COPIES,
                initial=0,
                widget=forms.NumberInput(attrs=narrow),
            )
            self.fields[f"value_{kind}"] = forms.DecimalField(
                label=label,
                min_value=0,
                max_digits=MAX_VALUE_DIGITS,
                decimal_places=2,
                initial=0,
                widget=forms.NumberInput(attrs=narrow),
            )
        for code, label in MAIN_LANGUAGES:
            self.fields[f"lang_{code}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=MAX_PAPER_COPIES,
                required=False,
                widget=forms.NumberInput(attrs=narrow),
            )
        for key, _digit in SUBJECTS:
            self.fields[f"subject_{key}"] = forms.IntegerField(
                label=class_label(key),
                min_value=0,
                max_value=MAX_PAPER_COPIES,
                required=False,
                widget=forms.NumberInput(attrs=narrow),
            )

    def type_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(str(label), self[f"copies_{k}"], self[f"value_{k}"]) for k, label in DocType.choices]

    def language_fields(self) -> list[forms.BoundField]:
        return [self[f"lang_{code}"] for code, _label in MAIN_LANGUAGES]

    def subject_fields(self) -> list[forms.BoundField]:
        return [self[f"subject_{key}"] for key, _digit in SUBJECTS]

    def balance(self) -> BalanceInput:
        data = self.cleaned_data
        return BalanceInput(
            as_of=data["as_of"],
            by_type={k: (data[f"copies_{k}"], data[f"value_{k}"]) for k in DocType.values},
            by_language={code: data[f"lang_{code}"] or 0 for code, _l in MAIN_LANGUAGES},
            by_subject={key: data[f"subject_{key}"] or 0 for key, _d in SUBJECTS},
            note=data.get("note") or "",
        )

    @staticmethod
    def initial_of(balance: Any) -> dict[str, Any]:
        """The form's values for a saved balance."""
        initial: dict[str, Any] = {"as_of": balance.as_of, "note": balance.note}
        prefix = {"type": "copies_", "language": "lang_", "subject": "subject_"}
        for line in balance.lines.all():
            initial[prefix[line.group] + line.key] = line.copies
            if line.group == "type":
                initial[f"value_{line.key}"] = line.value
        return initial
