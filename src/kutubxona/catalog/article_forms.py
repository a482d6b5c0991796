"""The "Add an article" form: the cataloguing form's fields for an article, its host and purpose."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.catalog.forms import RecordForm
from kutubxona.catalog.marc.from_form import Host
from kutubxona.catalog.models import AnalyticPurpose

# The book fields an article has no use for (its imprint is the host's, in 773).
NOT_FOR_ARTICLES = (
    "edition",
    "place",
    "publisher",
    "extent",
    "series",
    "isbns",
    "corporate_author",
    "save_anyway",
)


class HostKind(forms.ChoiceField):
    JOURNAL, NEWSPAPER, BOOK = "journal", "newspaper", "book"

    def __init__(self, **kwargs: Any) -> None:
        choices = [
            (self.JOURNAL, _("journal")),
            (self.NEWSPAPER, _("newspaper")),
            (self.BOOK, _("book or collection")),
        ]
        super().__init__(choices=choices, **kwargs)


class ArticleForm(RecordForm):
    purpose = forms.ChoiceField(label=_("Described for"), choices=AnalyticPurpose.choices)
    described_on = forms.DateField(
        label=_("Date described"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    host_kind = HostKind(label=_("Appeared in"), initial=HostKind.JOURNAL)
    host_title = forms.CharField(
        label=_("Journal or newspaper"), max_length=500, required=False, help_text=_("e.g. Kutubxona.uz")
    )
    host_publication = forms.CharField(
        label=_("Place, publisher, year of the host"),
        max_length=500,
        required=False,
        help_text=_("e.g. Toshkent : Milliy kutubxona, 2021"),
    )
    host_related = forms.CharField(
        label=_("Year, issue, pages"), max_length=500, help_text=_("e.g. 2021, № 3. – B. 12–15")
    )

    field_order = ["purpose", "described_on", "host_kind", "host_title", "host_publication", "host_related"]

    def __init__(self, *args: Any, host_chosen: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in NOT_FOR_ARTICLES:
            del self.fields[name]
        self.fields["year"].label = _("Year of the issue")
        self.host_chosen = host_chosen
        if host_chosen:  # the title and imprint come from the host record
            self.fields["host_title"].disabled = True
            self.fields["host_publication"].disabled = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.host_chosen and not cleaned.get("host_title", "").strip():
            self.add_error("host_title", _("Name the journal or newspaper, or choose its record."))
        return cleaned

    def typed_host(self) -> Host:
        return Host(
            title=self.cleaned_data["host_title"].strip(),
            related_parts=self.cleaned_data["host_related"].strip(),
            publication=self.cleaned_data["host_publication"].strip(),
            serial=self.cleaned_data["host_kind"] != HostKind.BOOK,
        )
