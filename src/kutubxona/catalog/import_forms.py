"""The upload form of a MARC import: the file and the options `kutubxona import-marc` has."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

FORMAT_CHOICES = [
    ("auto", _("Recognise it")),
    ("iso2709", _("ISO 2709 (.mrc, .iso)")),
    ("marcxml", _("MARCXML (also inside OAI-PMH)")),
]
FLAVOUR_CHOICES = [
    ("auto", _("Recognise it per record")),
    ("marc21", _("MARC 21")),
    ("unimarc", _("UNIMARC")),
    ("rusmarc", _("RUSMARC")),
]
ENCODING_CHOICES = [
    ("auto", _("Recognise it per record")),
    ("utf-8", _("UTF-8")),
    ("marc-8", _("MARC-8")),
    ("cp1251", _("Windows-1251")),
]
MATCH_CHOICES = [
    ("skip", _("Skip it (keep the record here)")),
    ("merge", _("Merge: add the fields the record here lacks")),
    ("replace", _("Replace the record here")),
    ("add", _("Add it as a new record anyway")),
]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("MARC file"), help_text=_("ISO 2709 or MARCXML; MARC 21, UNIMARC or RUSMARC.")
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="auto")
    flavour = forms.ChoiceField(label=_("MARC flavour"), choices=FLAVOUR_CHOICES, initial="auto")
    encoding = forms.ChoiceField(label=_("Encoding"), choices=ENCODING_CHOICES, initial="auto")
    match = forms.ChoiceField(
        label=_("When a record is already in the catalogue"),
        choices=MATCH_CHOICES,
        initial="skip",
        help_text=_("Matched on 001 and 003, then ISBN, then title, author and year."),
    )

    def options(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ("format", "flavour", "encoding", "match")}
