"""The interlibrary request form and the status change form.

The other library is chosen among the institutions of the network (their names only: the list
is read unscoped, as a directory, since a district sees no other institution's rows) or typed.
The item is our copy's barcode (its record is linked) or a description. For a request of ours
the reader's card links our reader (an unknown card is an error); a name alone is kept as typed
(a reader not registered with us)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.catalog.models import Copy
from kutubxona.institutions.models import Institution
from kutubxona.interlibrary.models import Direction, Request, Status
from kutubxona.readers.models import Reader
from kutubxona.surveys.forms import DateInput


class RequestForm(forms.Form):
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices, widget=forms.RadioSelect)
    partner = forms.ModelChoiceField(
        label=_("Other library (in the system)"), queryset=Institution.tree.none(), required=False
    )
    partner_name = forms.CharField(
        label=_("Other library (outside the system)"), max_length=300, required=False
    )
    barcode = forms.CharField(
        label=_("Our copy's barcode"),
        max_length=50,
        required=False,
        help_text=_("For a book of ours: its record is linked."),
    )
    item = forms.CharField(label=_("Item (author, title, year)"), max_length=500, required=False)
    reader_name = forms.CharField(label=_("Reader"), max_length=200, required=False)
    reader_card = forms.CharField(
        label=_("Reader's card number"),
        max_length=50,
        required=False,
        help_text=_("For our reader: the request is linked to the reader's page."),
    )
    requested_on = forms.DateField(label=_("Requested on"), widget=DateInput(), initial=timezone.localdate)
    due_on = forms.DateField(label=_("To be returned by"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(
        self, *args: Any, institution: Institution, instance: Request | None = None, **kwargs: Any
    ) -> None:
        self.institution = institution
        if instance is not None:
            names = ["direction", "partner", "partner_name", "item", "reader_name", "reader_card"]
            initial = {name: getattr(instance, name) for name in [*names, "requested_on", "due_on", "note"]}
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        partner = self.fields["partner"]
        assert isinstance(partner, forms.ModelChoiceField)
        partner.queryset = Institution.tree.exclude(pk=institution.pk).order_by("path")
        self.kept_direction = instance.direction if instance is not None else None
        self.kept_card = instance.reader_card if instance is not None else None
        if instance is not None:
            del self.fields["direction"]  # a request to them does not become a request from them

    def clean_barcode(self) -> str:
        barcode: str = self.cleaned_data.get("barcode", "").strip()
        self.record = None
        if barcode:
            copy = (
                Copy.objects.filter(institution=self.institution, barcode=barcode)
                .select_related("record")
                .first()
            )
            if copy is None:
                raise forms.ValidationError(
                    _("No copy of this library has the barcode %(barcode)s.") % {"barcode": barcode}
                )
            self.record = copy.record
        return barcode

    def clean(self) -> dict[str, Any]:
        """Our request's card links our reader (name and card then copied from the reader)."""
        data = super().clean() or {}
        self.reader: Reader | None = None
        card = data.get("reader_card", "").strip()
        if card == self.kept_card:
            # The card the request holds, not typed anew: it may name nobody now (typed before
            # the link, a reader merged away or given a new card); the link stays as it is.
            return data
        if card and (self.kept_direction or data.get("direction")) == Direction.BORROW:
            self.reader = Reader.objects.filter(institution=self.institution, card=card).first()
            if self.reader is None:
                self.add_error(
                    "reader_card",
                    _(
                        "No reader of this library has the card %(card)s. For a reader not "
                        "registered here, leave the card empty and type the name."
                    )
                    % {"card": card},
                )
        return data

    def values(self) -> dict[str, Any]:
        """The action's fields (the barcode becomes the record, the card our reader)."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "barcode"}
        if self.cleaned_data.get("barcode"):
            data["record"] = self.record
        data["reader"] = self.reader
        if self.reader is not None:
            data |= {"reader_name": self.reader.full_name, "reader_card": self.reader.card}
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    on = forms.DateField(label=_("On"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
