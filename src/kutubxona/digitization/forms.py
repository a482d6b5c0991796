"""The scan job's form (the record is found as a receipt's line finds it: ISBN, a copy's
accession number or barcode, #id or title words) and the pages' upload form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kutubxona.acquisitions.actions import find_record
from kutubxona.catalog.models import AccessLevel, Copy
from kutubxona.digitization.models import Kind, Language
from kutubxona.institutions.models import Institution
from kutubxona.readers.models import Reader


class ScanForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Why it is scanned"), choices=Kind.choices)
    find = forms.CharField(
        label=gettext_lazy("Item (ISBN, accession number, #id or title)"),
        max_length=300,
        help_text=gettext_lazy("An accession number or barcode also names the copy scanned."),
    )
    reader = forms.CharField(
        label=gettext_lazy("Reader's card number"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("For a reader's request."),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("OCR languages"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None ticked: chosen by the record's language."),
    )
    access = forms.ChoiceField(
        label=gettext_lazy("Who may open the searchable PDF"),
        choices=AccessLevel.choices,
        initial=AccessLevel.PREMISES,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.institution = institution

    def clean_find(self) -> Any:
        text = (self.cleaned_data.get("find") or "").strip()
        found = find_record(self.institution, text)
        if not found:
            raise forms.ValidationError(_("No record found in this library's catalogue."))
        if len(found) > 1:
            names = "; ".join(f"#{r.pk} {r.title}" for r in found[:5])
            raise forms.ValidationError(
                _("Several records match; type #id of one: %(names)s") % {"names": names}
            )
        self.copy = (
            Copy.objects.filter(institution=self.institution, record=found[0])
            .filter(Q(accession_number=text) | Q(barcode=text))
            .first()
        )
        return found[0]

    def clean_reader(self) -> Reader | None:
        card = (self.cleaned_data.get("reader") or "").strip()
        if not card:
            return None
        reader = Reader.objects.filter(institution=self.institution, card=card).first()
        if reader is None:
            raise forms.ValidationError(
                _("No reader of this library has the card %(card)s.") % {"card": card}
            )
        return reader

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "record": data["find"],
            "copy": getattr(self, "copy", None),
            "reader": data["reader"],
            "languages": data["languages"] or None,
            "access": data["access"],
            "note": data["note"],
        }


class AgainForm(forms.Form):
    """OCR of a done job once more, with the languages it is read in (other ones, perhaps)."""

    languages = forms.MultipleChoiceField(
        label=gettext_lazy("OCR languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one OCR language.")},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PagesForm(forms.Form):
    """Several images or PDFs at once; checked by `actions.add_pages`, not here."""

    files = forms.FileField(  # type: ignore[assignment]  # the field is named as the upload's files
        label=gettext_lazy("Scanned pages"),
        help_text=gettext_lazy(
            "Images (JPEG, PNG, TIFF, WebP) or a PDF; the pages follow in the order chosen."
        ),
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/tiff,image/webp,application/pdf"}
        ),
        required=False,
    )
