"""The outreach registers described once, so that one list page, one form page and one
monthly-count table serve all of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kutubxona.outreach import forms as outreach_forms
from kutubxona.outreach.models import Agreement, Entry, ForeignVisit, MediaAppearance, MemberCount, Post

Column = tuple[str | Promise, Callable[[Any], Any]]


@dataclass(frozen=True)
class Register:
    slug: str
    model: type[Entry]
    form: type[forms.ModelForm]
    date_field: str
    title: str | Promise
    add_label: str | Promise
    columns: list[Column]
    search: list[str]  # fields the text filter looks in
    group_by: str = ""  # a choice field the list filters and the monthly table splits by
    group_label: str | Promise = ""
    total: str = ""  # a field to sum per month instead of counting rows
    form_kwargs: Callable[[Any], dict[str, Any]] = field(default=lambda institution: {})


REGISTERS: dict[str, Register] = {
    register.slug: register
    for register in [
        Register(
            "posts",
            Post,
            outreach_forms.PostForm,
            "published_on",
            _("News posts"),
            _("New post"),
            [
                (_("Date"), lambda p: p.published_on),
                (_("Channel"), lambda p: p.get_channel_display()),
                (_("Title"), lambda p: p.title),
                (_("Link"), lambda p: p.url),
            ],
            ["title"],
            group_by="channel",
            group_label=_("Channel"),
        ),
        Register(
            "media",
            MediaAppearance,
            outreach_forms.MediaForm,
            "appeared_on",
            _("TV, radio and press"),
            _("New appearance"),
            [
                (_("Date"), lambda m: m.appeared_on),
                (_("Media"), lambda m: m.get_kind_display()),
                (_("Outlet"), lambda m: m.outlet),
                (_("Topic"), lambda m: m.topic),
                (
                    _("Who appeared"),
                    lambda m: ", ".join([*(str(u) for u in m.staff.all()), m.others]).strip(", "),
                ),
            ],
            ["outlet", "topic"],
            group_by="kind",
            group_label=_("Media"),
            form_kwargs=lambda institution: {"institution": institution},
        ),
        Register(
            "members",
            MemberCount,
            outreach_forms.MemberCountForm,
            "counted_on",
            _("Channel members"),
            _("New count"),
            [
                (_("Date"), lambda c: c.counted_on),
                (_("Channel"), lambda c: c.get_channel_display()),
                (_("Members"), lambda c: c.members),
            ],
            [],
            group_by="channel",
            group_label=_("Channel"),
        ),
        Register(
            "agreements",
            Agreement,
            outreach_forms.AgreementForm,
            "signed_on",
            _("Agreements with foreign libraries"),
            _("New agreement"),
            [
                (_("Signed on"), lambda a: a.signed_on),
                (_("Partner library"), lambda a: a.partner),
                (_("Country"), lambda a: a.country),
                (_("Subject"), lambda a: a.subject),
                (_("Valid until"), lambda a: a.valid_until or ""),
            ],
            ["partner", "country"],
        ),
        Register(
            "visits",
            ForeignVisit,
            outreach_forms.ForeignVisitForm,
            "visited_on",
            _("Foreign delegations and visitors"),
            _("New visit"),
            [
                (_("Date"), lambda v: v.visited_on),
                (_("Country"), lambda v: v.country),
                (_("Organisation"), lambda v: v.organisation),
                (_("People"), lambda v: v.people),
                (_("Purpose"), lambda v: v.purpose),
            ],
            ["country", "organisation", "purpose"],
            total="people",
        ),
    ]
}
