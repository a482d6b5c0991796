"""Forms of the outreach registers. A news post is typed once with the channels it went to
(one link per channel); each publication is then a row of its own."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.core.forms import StoredFileInput
from kutubxona.institutions.models import Institution, User
from kutubxona.outreach.models import Agreement, Channel, ForeignVisit, MediaAppearance, MemberCount, Post
from kutubxona.surveys.forms import DateInput


class NewPostForm(forms.Form):
    """A news item and where it went: a channel counts as chosen when ticked or given a link."""

    title = forms.CharField(label=_("Title"), max_length=300)
    published_on = forms.DateField(label=_("Published on"), widget=DateInput(), initial=timezone.localdate)
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Channel.choices:
            self.fields[f"url_{value}"] = forms.URLField(
                label=_("Link on %(channel)s") % {"channel": label},
                required=False,
                max_length=500,
                assume_scheme="https",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.links() and not self.errors:
            raise forms.ValidationError(_("Choose at least one channel."))
        return data

    def links(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            channel: data.get(f"url_{channel}") or ""
            for channel, _label in Channel.choices
            if channel in data.get("channels", []) or data.get(f"url_{channel}")
        }


def _link() -> forms.URLField:
    return forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")


class PostForm(forms.ModelForm):
    url = _link()

    class Meta:
        model = Post
        fields = ["channel", "published_on", "title", "url"]
        widgets = {"published_on": DateInput()}


class MediaForm(forms.ModelForm):
    url = _link()

    class Meta:
        model = MediaAppearance
        fields = ["kind", "outlet", "appeared_on", "topic", "staff", "others", "url"]
        widgets = {"appeared_on": DateInput(), "staff": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff: Any = self.fields["staff"]
        staff.queryset = User.objects.filter(institution=institution, is_active=True)


class MemberCountForm(forms.ModelForm):
    class Meta:
        model = MemberCount
        fields = ["channel", "counted_on", "members"]
        widgets = {"counted_on": DateInput()}


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["partner", "country", "subject", "signed_on", "valid_until", "file"]
        widgets = {"signed_on": DateInput(), "valid_until": DateInput(), "file": StoredFileInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            widget = self.fields["file"].widget
            assert isinstance(widget, StoredFileInput)
            widget.download_url = reverse("outreach:agreement_file", args=[self.instance.pk])


class ForeignVisitForm(forms.ModelForm):
    class Meta:
        model = ForeignVisit
        fields = ["visited_on", "country", "organisation", "people", "purpose", "note"]
        widgets = {"visited_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
