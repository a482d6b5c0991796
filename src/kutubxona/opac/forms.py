"""The search forms: the public one (box, advanced fields, facets, sort) and the staff one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kutubxona.catalog.forms import LANGUAGES
from kutubxona.catalog.models import CopyCollection, CopyStatus
from kutubxona.search.query import Query

# Leader/06: what a record describes.
RECORD_TYPES = [
    ("a", _("Book or text")),
    ("t", _("Manuscript")),
    ("c", _("Printed music")),
    ("e", _("Map")),
    ("g", _("Video")),
    ("i", _("Sound recording")),
    ("j", _("Music recording")),
    ("k", _("Picture")),
    ("m", _("Electronic resource")),
    ("o", _("Kit")),
    ("p", _("Mixed materials")),
    ("r", _("Object")),
]
SORTS = [
    ("relevance", _("Relevance")),
    ("title", _("Title")),
    ("author", _("Author")),
    ("year_desc", _("Newest first")),
    ("year", _("Oldest first")),
]
ADVANCED = ("title", "author", "subject", "isbn", "classification")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the catalogue"), required=False, max_length=300)
    title = forms.CharField(label=_("Title"), required=False, max_length=300)
    author = forms.CharField(label=_("Author"), required=False, max_length=300)
    subject = forms.CharField(label=_("Subject"), required=False, max_length=300)
    isbn = forms.CharField(label=_("ISBN"), required=False, max_length=40)
    classification = forms.CharField(label=_("UDC or BBK"), required=False, max_length=100)
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("any")), *RECORD_TYPES])
    language = forms.ChoiceField(label=_("Language"), required=False, choices=[("", _("any")), *LANGUAGES])
    year_from = forms.IntegerField(label=_("Year from"), required=False, min_value=1000, max_value=2100)
    year_to = forms.IntegerField(label=_("Year to"), required=False, min_value=1000, max_value=2100)
    collection = forms.ChoiceField(
        label=_("Collection"), required=False, choices=[("", _("any")), *CopyCollection.choices]
    )
    available = forms.BooleanField(label=_("Available now"), required=False)
    online = forms.BooleanField(label=_("With full text online"), required=False)
    institution = forms.TypedChoiceField(label=_("Library"), required=False, coerce=int, empty_value=None)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, institutions: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "autocomplete": "off", "enterkeyhint": "search"}
        )
        self.fields["sort"].widget.attrs["data-autosubmit"] = ""  # without JavaScript: the Sort button
        self.fields["year_from"].widget.attrs["inputmode"] = "numeric"
        self.fields["year_to"].widget.attrs["inputmode"] = "numeric"
        if institutions:
            institution_field = self.fields["institution"]
            assert isinstance(institution_field, forms.ChoiceField)
            institution_field.choices = [("", _("any")), *institutions]
        else:
            del self.fields["institution"]

    def asked(self) -> bool:
        """Whether anything was asked (a word or a filter): otherwise the page only shows the form."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return any(
            value not in (None, "", False) for name, value in data.items() if name not in ("sort", "page")
        )

    def advanced_used(self) -> bool:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return any(data.get(name) for name in ADVANCED)

    def query(self, institution_ids: list[int] | None, **extra: Any) -> Query:
        data = self.cleaned_data
        return Query(
            text=data.get("q", ""),
            title=data.get("title", ""),
            author=data.get("author", ""),
            subject=data.get("subject", ""),
            isbn=data.get("isbn", ""),
            classification=data.get("classification", ""),
            institution_ids=institution_ids,
            institution=data.get("institution"),
            record_type=data.get("type", ""),
            language=data.get("language", ""),
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            collection=data.get("collection", ""),
            available=bool(data.get("available")),
            online=bool(data.get("online")),
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            **extra,
        )


class StaffSearchForm(SearchForm):
    """The same search with the fields only staff see: copy status, accession number, barcode."""

    status = forms.ChoiceField(
        label=_("Copy status"), required=False, choices=[("", _("any")), *CopyStatus.choices]
    )
    accession_number = forms.CharField(label=_("Accession number"), required=False, max_length=50)
    barcode = forms.CharField(label=_("Barcode"), required=False, max_length=50)

    def query(self, institution_ids: list[int] | None, **extra: Any) -> Query:
        data = self.cleaned_data
        return super().query(
            institution_ids,
            copy_status=data.get("status", ""),
            accession_number=data.get("accession_number", ""),
            barcode=data.get("barcode", ""),
            online_access=None,  # staff: records with any file
            **extra,
        )
