"""Forms of collections and boards; a record is picked as elsewhere (`acquisitions.actions.find_record`:
ISBN, a copy's accession number or barcode, #id, or title words)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from kutubxona.acquisitions.actions import find_record
from kutubxona.catalog.models import AccessLevel, Record
from kutubxona.elibrary.models import FullTextCollection, QrBoard
from kutubxona.institutions.models import Institution
from kutubxona.surveys.forms import DateInput

FIND_LABEL = _("Record (ISBN, accession number, #id or title words)")


class CollectionForm(forms.ModelForm):
    class Meta:
        model = FullTextCollection
        fields = ["name", "description", "purpose", "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class BoardForm(forms.ModelForm):
    class Meta:
        model = QrBoard
        fields = ["title", "place", "placed_on"]
        widgets = {"placed_on": DateInput()}


class RecordPicker(forms.Form):
    """A field `find` that names one record of the library (`self.record` once valid)."""

    find = forms.CharField(label=FIND_LABEL, max_length=300)

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.institution = institution
        self.record: Record | None = None

    def clean_find(self) -> str:
        text: str = self.cleaned_data["find"].strip()
        found = find_record(self.institution, text)
        if not found and text.startswith("#") and text[1:].isdigit():
            with scopes_disabled():  # the union catalogue shows every record: naming its library is no leak
                other = Record.objects.select_related("institution").filter(pk=int(text[1:])).first()
            if other is not None:
                raise forms.ValidationError(
                    _("Record %(id)s belongs to another library (%(library)s): add records of this library.")
                    % {"id": text, "library": other.institution.short}
                )
        if not found:
            raise forms.ValidationError(_("No record of this library matches “%(text)s”.") % {"text": text})
        if len(found) > 1:
            names = "; ".join(f"#{r.pk} {r.title}" for r in found[:5])
            raise forms.ValidationError(
                _("Several records match; type #id of one: %(names)s") % {"names": names}
            )
        self.record = found[0]
        return text


KEEP = ""
ACCESS_CHOICES = [(KEEP, _("as the file is now"))] + [(value, label) for value, label in AccessLevel.choices]


class ItemForm(RecordPicker):
    """Add a record to a collection, optionally with a new file (when it has none yet)."""

    file = forms.FileField(
        label=_("File (PDF, EPUB or image)"),
        required=False,
        help_text=_("Only if the record has no file yet, or this one should be shown instead."),
    )
    access = forms.ChoiceField(label=_("Who may open it"), choices=ACCESS_CHOICES, required=False)


class AccessForm(forms.Form):
    access = forms.ChoiceField(label=_("Who may open it"), choices=AccessLevel.choices)


class BoardItemForm(RecordPicker):
    description = forms.CharField(
        label=_("Short description"),
        max_length=300,
        required=False,
        help_text=_("Empty: the title, author and year."),
    )


class MoveForm(forms.Form):
    step = forms.TypedChoiceField(choices=[("-1", "up"), ("1", "down")], coerce=int)
