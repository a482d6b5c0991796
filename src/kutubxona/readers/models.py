"""Readers (kitobxonlar), their yearly registrations (plan lines 15, 15.1, 15.2) and the
organisations that borrow under an annual contract (line 22.1)."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.core.tenancy import institution_scoped


class ReaderCategory(models.TextChoices):
    PUPIL = "pupil", _("pupil")
    STUDENT = "student", _("student")
    TEACHER = "teacher", _("teacher")
    SPECIALIST = "specialist", _("specialist")
    PENSIONER = "pensioner", _("pensioner")
    AKM_SPECIALIST = "akm_specialist", _("AKM specialist")
    OTHER = "other", _("other")


class RegistrationKind(models.TextChoices):
    NEW = "new", _("new registration")
    RENEWAL = "renewal", _("re-registration")


class Organisation(models.Model):
    """An organisation that borrows for its staff under an annual contract (plan line 22.1)."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=300)
    contract_number = models.CharField(_("contract number"), max_length=50)
    contract_from = models.DateField(_("contract valid from"))
    contract_to = models.DateField(_("contract valid to"))
    contact = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    objects: ClassVar[models.Manager[Organisation]] = institution_scoped()

    class Meta:
        verbose_name = _("organisation under contract")
        verbose_name_plural = _("organisations under contract")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def contract_valid(self, day: datetime.date) -> bool:
        return self.contract_from <= day <= self.contract_to


class Reader(models.Model):
    """A registered reader with a card (Code 128 barcode, unique within the library)."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    card = models.CharField(_("card number"), max_length=50)
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    middle_name = models.CharField(_("patronymic"), max_length=100, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=ReaderCategory.choices)
    workplace = models.CharField(_("school or workplace"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_("Only as far as needed to reach the reader (e.g. mahalla and street)."),
    )
    consent = models.BooleanField(_("consents to keeping the data"), default=False)
    foreign = models.BooleanField(_("foreign citizen"), default=False)
    language = models.CharField(
        _("language of notices"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="uz",
        help_text=_("E-mails and SMS to the reader are written in it."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("borrows for the organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="readers",
    )
    name_key = models.CharField(max_length=300, editable=False, db_index=True)
    pin_hash = models.CharField(max_length=128, blank=True, editable=False)
    registered_on = models.DateField(_("registered"), default=timezone.localdate)
    last_active_on = models.DateField(_("last active"), default=timezone.localdate)
    anonymised_on = models.DateField(_("anonymised"), null=True, blank=True)

    objects: ClassVar[models.Manager[Reader]] = institution_scoped()

    class Meta:
        verbose_name = _("reader")
        verbose_name_plural = _("readers")
        ordering = ["last_name", "first_name", "id"]
        constraints = [models.UniqueConstraint(fields=["institution", "card"], name="reader_card_unique")]
        indexes = [models.Index(fields=["institution", "last_active_on"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


class Registration(models.Model):
    """A reader registered anew (15.1) or again for a year (15.2), on a day."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    reader = models.ForeignKey(
        Reader, verbose_name=_("reader"), on_delete=models.PROTECT, related_name="registrations"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RegistrationKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    date = models.DateField(_("date"))

    objects: ClassVar[models.Manager[Registration]] = institution_scoped()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["institution", "date"])]

    def __str__(self) -> str:
        return f"{self.reader} {self.year}"
