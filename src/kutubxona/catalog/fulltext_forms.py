"""Attaching a full-text file on a record's page; its type is checked by `fulltext.attach`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kutubxona.catalog.models import AccessLevel


class FullTextForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, EPUB or an image (JPEG, PNG, TIFF, WebP)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.epub,image/*"}),
    )
    access = forms.ChoiceField(
        label=_("Who may open it"), choices=AccessLevel.choices, initial=AccessLevel.STAFF
    )


class AccessForm(forms.Form):
    access = forms.ChoiceField(label=_("Who may open it"), choices=AccessLevel.choices)
