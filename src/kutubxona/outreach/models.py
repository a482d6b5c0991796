"""Outreach registers: news posts on the website and social networks (plan line 33), TV, radio
and press appearances (41), the channels' member counts, agreements with foreign libraries (39)
and foreign delegations and visitors (40).

Each register has an explicit date of when the thing happened; the metrics count by it.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.core.tenancy import institution_scoped


class Channel(models.TextChoices):
    WEBSITE = "website", _("website")
    TELEGRAM = "telegram", "Telegram"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    YOUTUBE = "youtube", "YouTube"
    X = "x", "X (Twitter)"


class Entry(models.Model):
    """What every register's row has: its institution, who typed it in and when."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class Post(Entry):
    """One publication of a news item on one channel (line 33 counts publications).

    A news item posted on three channels is three rows sharing a `story`.
    """

    story = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    published_on = models.DateField(_("published on"))
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500, blank=True)

    objects: ClassVar[models.Manager[Post]] = institution_scoped()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["institution", "published_on"])]

    def __str__(self) -> str:
        return self.title


class MediaKind(models.TextChoices):
    TV = "tv", _("television")
    RADIO = "radio", _("radio")
    PRESS = "press", _("press")
    ONLINE = "online", _("online media")


class MediaAppearance(Entry):
    kind = models.CharField(_("media"), max_length=10, choices=MediaKind.choices)
    outlet = models.CharField(
        _("outlet"), max_length=200, help_text=_("Channel, station, newspaper or site.")
    )
    appeared_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=300)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff who appeared"), blank=True, related_name="+"
    )
    others = models.CharField(_("other participants"), max_length=300, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)

    objects: ClassVar[models.Manager[MediaAppearance]] = institution_scoped()

    class Meta:
        verbose_name = _("media appearance")
        verbose_name_plural = _("media appearances")
        ordering = ["-appeared_on", "-id"]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.topic}"


class MemberCount(Entry):
    """A channel's member (subscriber) count on a day, to follow its growth."""

    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.TELEGRAM)
    counted_on = models.DateField(_("date"))
    members = models.PositiveIntegerField(_("members"))

    objects: ClassVar[models.Manager[MemberCount]] = institution_scoped()

    class Meta:
        verbose_name = _("member count")
        verbose_name_plural = _("member counts")
        ordering = ["channel", "counted_on"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "channel", "counted_on"], name="one_count_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.counted_on}: {self.members}"


RESOURCE_EXCHANGE = "Resurs almashinuvi bo'yicha hamkorlik"


class Agreement(Entry):
    partner = models.CharField(_("partner library"), max_length=300)
    country = models.CharField(_("country"), max_length=100)
    subject = models.CharField(_("subject"), max_length=300, default=RESOURCE_EXCHANGE)
    signed_on = models.DateField(_("signed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="outreach/agreements/%Y/", blank=True)

    objects: ClassVar[models.Manager[Agreement]] = institution_scoped()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.partner} ({self.country})"

    def clean(self) -> None:
        if self.valid_until and self.signed_on and self.valid_until < self.signed_on:
            raise ValidationError({"valid_until": _("An agreement cannot end before it is signed.")})


class ForeignVisit(Entry):
    """A foreign delegation or visitors received by the library (line 40 sums the people)."""

    visited_on = models.DateField(_("date"))
    country = models.CharField(_("country"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    people = models.PositiveIntegerField(_("number of people"), validators=[MinValueValidator(1)])
    purpose = models.CharField(_("purpose"), max_length=300)
    note = models.TextField(_("note"), blank=True)

    objects: ClassVar[models.Manager[ForeignVisit]] = institution_scoped()

    class Meta:
        verbose_name = _("foreign visit")
        verbose_name_plural = _("foreign delegations and visitors")
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.country}: {self.organisation or self.purpose}"
