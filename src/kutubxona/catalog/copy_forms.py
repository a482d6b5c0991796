"""The "Add a copy" form of a record's page; saving goes through `actions.create_copy`."""

from __future__ import annotations

from typing import Any

from django import forms
from django_scopes.forms import SafeModelChoiceField

from kutubxona.catalog.actions import COPY_FIELDS
from kutubxona.catalog.models import Copy
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

    def _post_clean(self) -> None:
        """The model is checked by the action (with the institution set), not here without it."""
