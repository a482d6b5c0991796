"""Forms of the readers' pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from kutubxona.institutions.models import Institution
from kutubxona.readers.models import Organisation, Reader


class ReaderForm(forms.ModelForm):
    class Meta:
        model = Reader
        fields = [
            "last_name",
            "first_name",
            "middle_name",
            "birth_year",
            "category",
            "workplace",
            "phone",
            "email",
            "address",
            "language",
            "organisation",
            "foreign",
            "card",
            "consent",
        ]
        help_texts = {"card": _("Leave empty to give the next card number.")}
        field_classes = {"organisation": SafeModelChoiceField}

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["card"].required = False
        self.fields["consent"].required = True
        self.fields["language"].required = False  # not chosen: the default (Uzbek, Latin)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = Organisation.objects.filter(institution=institution)

    def clean_language(self) -> str:
        language: str = self.cleaned_data.get("language") or Reader._meta.get_field("language").default
        return language


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name, card or phone"), required=False)


class PinForm(forms.Form):
    pin = forms.CharField(label=_("Catalogue password"), widget=forms.PasswordInput, min_length=6)


class MergeForm(forms.Form):
    keep = forms.IntegerField(widget=forms.HiddenInput)
    duplicate = forms.IntegerField(widget=forms.HiddenInput)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "contract_number", "contract_from", "contract_to", "contact", "phone"]
        widgets = {
            "contract_from": forms.DateInput(attrs={"type": "date"}),
            "contract_to": forms.DateInput(attrs={"type": "date"}),
        }
