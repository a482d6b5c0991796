"""Loans (plan lines 17, 22, 22.1-22.3), loan rules, the closed-days calendar, holds and notices."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.catalog.models import CopyCollection
from kutubxona.core.tenancy import institution_scoped
from kutubxona.readers.models import ReaderCategory


class LoanKind(models.TextChoices):
    HOME = "home", _("home loan")
    READING_ROOM = "reading_room", _("in the reading room")


class BorrowerCategory(models.TextChoices):
    """Who borrowed, as plan line 22 splits it (fixed when the loan is made)."""

    ORGANISATION = "organisation", _("organisation under contract")
    AKM_SPECIALIST = "akm_specialist", _("AKM specialist")
    INDIVIDUAL = "individual", _("individual")


class LoanRule(models.Model):
    """Loan period and limit for a reader category and a part of the collection (blank = any).

    The most specific rule wins (category and collection, then collection, then category);
    with no rule the defaults of `rules.DEFAULT` apply. Rare copies are never lent home."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(
        _("reader category"), max_length=20, choices=ReaderCategory.choices, blank=True
    )
    collection = models.CharField(_("collection"), max_length=20, choices=CopyCollection.choices, blank=True)
    period_days = models.PositiveSmallIntegerField(_("loan period, days"), default=14)
    max_loans = models.PositiveSmallIntegerField(_("copies at once"), default=5)
    reading_room_only = models.BooleanField(_("reading room only"), default=False)
    max_renewals = models.PositiveSmallIntegerField(_("renewals"), default=2)

    objects: ClassVar[models.Manager[LoanRule]] = institution_scoped()

    class Meta:
        verbose_name = _("loan rule")
        verbose_name_plural = _("loan rules")
        constraints = [
            models.UniqueConstraint(fields=["institution", "category", "collection"], name="loan_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display() or '*'} / {self.get_collection_display() or '*'}"


class Calendar(models.Model):
    """The library's weekly days off (0 = Monday ... 6 = Sunday) and how long a held copy waits."""

    institution = models.OneToOneField(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.CASCADE, related_name="+"
    )
    days_off = models.CharField(_("weekly days off"), max_length=20, default="6", blank=True)
    hold_days = models.PositiveSmallIntegerField(_("days a held copy waits"), default=5)

    objects: ClassVar[models.Manager[Calendar]] = institution_scoped()

    class Meta:
        verbose_name = _("calendar")

    def __str__(self) -> str:
        return self.days_off

    def weekdays(self) -> set[int]:
        return {int(d) for d in self.days_off.split(",") if d.strip().isdigit()}


class Holiday(models.Model):
    """A day the library is closed (a public holiday, sanitary day)."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=200, blank=True)

    objects: ClassVar[models.Manager[Holiday]] = institution_scoped()

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["institution", "date"], name="holiday_unique")]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


OPEN = Q(returned_at__isnull=True, lost_on__isnull=True)


class Loan(models.Model):
    """A copy lent to a reader; open until returned or declared lost."""

    # Foreign keys without an index of their own where a composite index below leads with them
    # or nobody looks loans up by them: fewer indexes to keep up on every loan.
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    copy = models.ForeignKey(
        "catalog.Copy", verbose_name=_("copy"), on_delete=models.PROTECT, related_name="loans"
    )
    reader = models.ForeignKey(
        "readers.Reader",
        verbose_name=_("reader"),
        on_delete=models.PROTECT,
        related_name="loans",
        db_index=False,
    )
    borrower = models.CharField(_("borrower"), max_length=20, choices=BorrowerCategory.choices)
    organisation = models.ForeignKey(
        "readers.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loans",
        db_index=False,
    )
    sector = models.ForeignKey(
        "institutions.Sector",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LoanKind.choices, default=LoanKind.HOME)
    lent_at = models.DateTimeField(_("lent"), default=timezone.now)
    lent_on = models.DateField(_("lent on"))
    due_on = models.DateField(_("due"))
    renewals = models.PositiveSmallIntegerField(_("renewals"), default=0)
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    lost_on = models.DateField(_("lost"), null=True, blank=True)
    replaced_on = models.DateField(_("replaced"), null=True, blank=True)

    objects: ClassVar[models.Manager[Loan]] = institution_scoped()

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        ordering = ["-lent_at", "-id"]
        constraints = [
            # The database's own guard against lending a copy twice (the desk checks first).
            models.UniqueConstraint(fields=["copy"], condition=OPEN, name="loan_one_open_per_copy"),
        ]
        indexes = [
            models.Index(fields=["institution", "lent_on"]),
            models.Index(fields=["reader", "returned_at"]),
            models.Index(fields=["institution", "due_on"], condition=OPEN, name="loan_open_due"),
        ]

    def __str__(self) -> str:
        return f"{self.copy} → {self.reader}"

    @property
    def is_open(self) -> bool:
        return self.returned_at is None and self.lost_on is None

    def overdue_on(self, day: object) -> bool:
        return self.is_open and self.due_on < day  # type: ignore[operator]


class HoldStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    READY = "ready", _("ready for pick-up")
    FULFILLED = "fulfilled", _("picked up")
    CANCELLED = "cancelled", _("cancelled")
    EXPIRED = "expired", _("not picked up")


ACTIVE_HOLD = [HoldStatus.WAITING, HoldStatus.READY]


class Hold(models.Model):
    """A reader waiting for a record; the first in the queue gets the next copy returned."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    record = models.ForeignKey(
        "catalog.Record", verbose_name=_("record"), on_delete=models.PROTECT, related_name="+"
    )
    reader = models.ForeignKey(
        "readers.Reader", verbose_name=_("reader"), on_delete=models.PROTECT, related_name="holds"
    )
    placed_at = models.DateTimeField(_("placed"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=HoldStatus.choices, default=HoldStatus.WAITING
    )
    copy = models.ForeignKey(
        "catalog.Copy",
        verbose_name=_("held copy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ready_until = models.DateField(_("waits until"), null=True, blank=True)

    objects: ClassVar[models.Manager[Hold]] = institution_scoped()

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        ordering = ["placed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "reader"],
                condition=Q(status__in=["waiting", "ready"]),
                name="hold_one_active_per_reader",
            )
        ]

    def __str__(self) -> str:
        return f"{self.record} ← {self.reader}"


class NoticeKind(models.TextChoices):
    OVERDUE = "overdue", _("overdue")
    HOLD_READY = "hold_ready", _("hold ready")
    ILL_ARRIVED = "ill_arrived", _("interlibrary loan arrived")


class NoticeStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("could not be sent")


class Notice(models.Model):
    """A notice to a reader by a channel (e-mail, SMS), written in the reader's language; sent by
    a background job (`notify`), tried again up to a limit; `sent_at` is when it was made."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    reader = models.ForeignKey(
        "readers.Reader", verbose_name=_("reader"), on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    channel = models.CharField(_("channel"), max_length=20)
    text = models.TextField(_("text"))
    sent_at = models.DateTimeField(_("made"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    tried_at = models.DateTimeField(_("last tried"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)

    objects: ClassVar[models.Manager[Notice]] = institution_scoped()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["institution", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.reader_id}"
