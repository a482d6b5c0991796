from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.core.forms import StoredFileInput
from kutubxona.documents.files import check_file
from kutubxona.documents.models import Document, DocumentKind
from kutubxona.documents.security import SECTIONS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
QUARTERS = [(1, "I"), (2, "II"), (3, "III"), (4, "IV")]


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["kind", "number", "title", "date", "authors", "quarter", "file", "note"]
        widgets = {
            "date": DATE,
            "quarter": forms.Select(choices=[("", "—"), *QUARTERS]),
            "file": StoredFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.odt"}),
        }
        help_texts = {
            "number": _("Leave empty for the next number of the year."),
            "quarter": _("Only for an information-security report."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        if self.instance.pk:
            widget = self.fields["file"].widget
            assert isinstance(widget, StoredFileInput)
            widget.download_url = reverse("documents:file", args=[self.instance.pk])

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if file and hasattr(file, "content_type"):  # a new upload, not the stored file
            try:
                check_file(file, file.name, file.size)
            except forms.ValidationError as error:
                raise forms.ValidationError(error.message_dict["file"]) from None
        return file


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all kinds")), *DocumentKind.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class SecurityReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int, choices=QUARTERS)
    date = forms.DateField(label=_("Date of the report"), widget=DATE)
    authors = forms.CharField(label=_("Prepared by"), max_length=400, required=False)
    replace = forms.BooleanField(
        label=_("Replace the report already registered for this quarter"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in SECTIONS:
            self.fields[key] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 3})
            )

    @staticmethod
    def defaults() -> dict[str, Any]:
        today = timezone.localdate()
        return {"year": today.year, "quarter": (today.month + 2) // 3, "date": today}

    def content(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key, _label in SECTIONS}
