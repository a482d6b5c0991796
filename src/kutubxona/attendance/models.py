"""Visits (plan line 16, per sector; foreign visitors for line 40).

A reader served at a sector's desk is a `Visit`, stored once per institution, sector, reader
and day (the desk sends `core.signals.reader_served`; see `receivers.py`). A sector without a
desk (reading room, events hall, e-resources hall) has its visitors counted by hand: a
`Headcount` per sector and day, typed in by staff.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.core.tenancy import institution_scoped


class Visit(models.Model):
    """A reader served at a sector's desk on a day (counted once however often served).

    `reader` is empty for a visit of the history typed in from a paper diary and for a reader
    since deleted (the visit still counts for line 16); the uniqueness rule does not cover them.
    """

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    sector = models.ForeignKey(
        "institutions.Sector", verbose_name=_("sector"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("day"))
    reader = models.ForeignKey(
        "readers.Reader",
        verbose_name=_("reader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    foreign = models.BooleanField(_("foreign citizen"), default=False)
    served_at = models.DateTimeField(_("first served at"), default=timezone.now)

    objects: ClassVar[models.Manager[Visit]] = institution_scoped()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "sector", "reader", "day"], name="visit_once_per_reader_sector_day"
            ),
        ]
        indexes = [models.Index(fields=["institution", "day"])]

    def __str__(self) -> str:
        return f"{self.day} #{self.reader_id or '-'}"


class Headcount(models.Model):
    """The visitors of a sector without a desk on a day, counted by hand; `foreign` of them
    were foreign citizens (plan line 40)."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    sector = models.ForeignKey(
        "institutions.Sector", verbose_name=_("sector"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("visitors"))
    foreign = models.PositiveIntegerField(_("of whom foreign citizens"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[models.Manager[Headcount]] = institution_scoped()

    class Meta:
        verbose_name = _("headcount")
        verbose_name_plural = _("headcounts")
        ordering = ["-day", "sector__order", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["sector", "day"], name="headcount_once_per_sector_day"),
            models.CheckConstraint(
                condition=Q(foreign__lte=F("count")), name="headcount_foreign_within_count"
            ),
        ]
        indexes = [models.Index(fields=["institution", "day"])]

    def __str__(self) -> str:
        return f"{self.day}: {self.count}"
