"""The cataloguing form: a book described field by field, turned into MARC 21 by `marc/from_form.py`."""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kutubxona.catalog.marc.from_form import Book
from kutubxona.catalog.marc.isbn import normalize as normalize_isbn

# ISO 639-2 (MARC) codes: the languages of Uzbekistan's libraries first.
LANGUAGES = [
    ("uzb", _("Uzbek")),
    ("rus", _("Russian")),
    ("eng", _("English")),
    ("kaa", _("Karakalpak")),
    ("tgk", _("Tajik")),
    ("kaz", _("Kazakh")),
    ("kir", _("Kyrgyz")),
    ("tuk", _("Turkmen")),
    ("ara", _("Arabic")),
    ("per", _("Persian")),
    ("tur", _("Turkish")),
    ("ger", _("German")),
    ("fre", _("French")),
    ("chi", _("Chinese")),
    ("kor", _("Korean")),
    ("jpn", _("Japanese")),
    ("mul", _("Multiple languages")),
    ("und", _("Undetermined")),
]
LANGUAGE_CHOICES = [("", "---"), *LANGUAGES]
# Django's language codes and the MARC code of the language a record is catalogued in (040 $b).
CATALOGUING_LANGUAGES = {"uz": "uzb", "ru": "rus", "en": "eng"}


BOOK_FIELDS = frozenset(field.name for field in dataclasses.fields(Book))
LIST_FIELDS = ("other_authors", "subjects", "places")  # one item per line


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class RecordForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=1000)
    remainder = forms.CharField(label=_("Remainder of title"), max_length=1000, required=False)
    responsibility = forms.CharField(label=_("Statement of responsibility"), max_length=1000, required=False)
    first_author = forms.CharField(
        label=_("First author"), max_length=255, required=False, help_text=_("Surname, First name")
    )
    corporate_author = forms.CharField(
        label=_("Organisation as author"),
        max_length=255,
        required=False,
        help_text=_("When an organisation, not a person, is the author (a report, a statute)."),
    )
    other_authors = forms.CharField(
        label=_("Other authors"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One per line."),
    )
    edition = forms.CharField(label=_("Edition"), max_length=255, required=False)
    place = forms.CharField(label=_("Place of publication"), max_length=255, required=False)
    publisher = forms.CharField(label=_("Publisher"), max_length=255, required=False)
    year = forms.CharField(label=_("Year"), max_length=20, required=False)
    extent = forms.CharField(label=_("Pages (extent)"), max_length=255, required=False)
    series = forms.CharField(label=_("Series"), max_length=500, required=False)
    isbns = forms.CharField(
        label=_("ISBN"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One per line; an ISBN-10 is saved as ISBN-13."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)
    udc = forms.CharField(label=_("UDC"), max_length=100, required=False)
    bbk = forms.CharField(label=_("BBK"), max_length=100, required=False)
    subjects = forms.CharField(
        label=_("Subjects"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line."),
    )
    places = forms.CharField(
        label=_("Places (geographic subjects)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One per line, e.g. Arnasoy tumani."),
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    link = forms.URLField(label=_("Link"), max_length=1000, required=False, assume_scheme="https")
    save_anyway = forms.BooleanField(label=_("Save anyway, it is not a duplicate"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Shown (as a checkbox) only when a save found likely duplicates.
        self.fields["save_anyway"].widget = forms.HiddenInput()
        # A record's language missing from the list is offered as its code, not silently dropped.
        language = self.data.get("language") or self.initial.get("language") or ""
        if language and language not in dict(LANGUAGES):
            choices = self.fields["language"]
            assert isinstance(choices, forms.ChoiceField)
            choices.choices = [*LANGUAGE_CHOICES, (language, language)]

    def clean_isbns(self) -> list[str]:
        isbns: list[str] = []
        for line in _lines(self.cleaned_data["isbns"]):
            isbn = normalize_isbn(line)
            if isbn is None:
                raise forms.ValidationError(
                    _("%(isbn)s is not a valid ISBN (check the digits and the check digit).") % {"isbn": line}
                )
            if isbn not in isbns:
                isbns.append(isbn)
        return isbns

    def converted_isbns(self) -> list[tuple[str, str]]:
        """The ISBN-10s typed, each with the ISBN-13 it is saved as."""
        return [
            (line, isbn)
            for line in _lines(self.data.get("isbns", ""))
            if (isbn := normalize_isbn(line))
            and not line.replace("-", "").replace(" ", "").startswith(isbn[:12])
        ]

    def clean_year(self) -> str:
        year: str = self.cleaned_data["year"].strip()
        if year and not (year[:4].isdigit() and 1000 <= int(year[:4]) <= 2100):
            raise forms.ValidationError(_("Write the year with four digits, e.g. 2021."))
        return year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first_author") and data.get("corporate_author"):
            self.add_error(
                "corporate_author",
                _(
                    "A record has one main author, a person or an organisation: "
                    "put the other under “Other authors”."
                ),
            )
        return data

    def book(self) -> Book:
        """The cleaned form as a `Book` (fields a subclass removed keep Book's defaults)."""
        data: dict[str, Any] = {
            name: value.strip() if isinstance(value, str) else value
            for name, value in self.cleaned_data.items()
            if name in BOOK_FIELDS
        }
        for name in LIST_FIELDS:
            data[name] = _lines(data.get(name, ""))
        return Book(**data)
