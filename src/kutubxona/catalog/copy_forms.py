"""Forms of copies: add or edit one (saved through `actions`), filter the list, act on ticked ones."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from kutubxona.catalog.actions import COPY_FIELDS
from kutubxona.catalog.models import Copy, CopyCollection, CopyStatus
from kutubxona.institutions.models import Institution, Sector


class CopyForm(forms.ModelForm):
    class Meta:
        model = Copy
        fields = COPY_FIELDS
        # The real queryset (the institution's sectors) is set in __init__.
        field_classes = {"sector": SafeModelChoiceField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ModelChoiceField)
        sector.queryset = Sector.objects.filter(institution=institution)
        sector.empty_label = "---"  # as the other choices of the catalogue's forms
        self.fields["collection"].required = False  # left out, a copy belongs to the main collection
        self.fields["price"].label = _("Price, so'm")
        price = self.instance.price
        if price is not None and price == price.to_integral_value():
            self.initial["price"] = int(price)  # 16000, not 16000.00: so'm have no tiyin in use

    def clean_collection(self) -> str:
        return str(self.cleaned_data.get("collection") or CopyCollection.MAIN)

    def _post_clean(self) -> None:
        """The model is checked by the action (with the institution set), not here without it."""


class CopyFilterForm(forms.Form):
    """The filters of the institution's copy list (all optional; a bad value is ignored)."""

    q = forms.CharField(label=_("Title, accession number, barcode"), required=False)
    # "all", as in the other lists' filters: an empty filter leaves nothing out.
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("all")), *CopyStatus.choices], required=False
    )
    collection = forms.ChoiceField(
        label=_("Collection"), choices=[("", _("all")), *CopyCollection.choices], required=False
    )
    sector = SafeModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.none(), required=False, empty_label=_("all")
    )

    def __init__(self, *args: Any, institution_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ModelChoiceField)
        sector.queryset = Sector.objects.filter(institution_id__in=institution_ids)


class SelectedCopiesForm(forms.Form):
    """What to do with the copies ticked in the list: print their labels or set their status."""

    copy = forms.TypedMultipleChoiceField(coerce=int, choices=[])
    status = forms.ChoiceField(
        label=_("New status"), choices=[("", "---"), *CopyStatus.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The ids are checked against the scoped copies by the view; any integer passes here.
        copy = self.fields["copy"]
        assert isinstance(copy, forms.TypedMultipleChoiceField)
        copy.valid_value = lambda value: str(value).isdigit()  # type: ignore[method-assign]
        copy.error_messages["required"] = _("Tick at least one copy.")


class AccessionDatesForm(forms.Form):
    """Labels of a new batch: the copies added on these days."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError(_("The first day is after the last."))
        return cleaned
