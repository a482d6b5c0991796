"""Staff records, the staff reports issued from them (plan line 2), and trainings (line 38)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kutubxona.core.tenancy import institution_scoped
from kutubxona.institutions.models import Institution, Service
from kutubxona.planning.periods import Period


class Education(models.TextChoices):
    """The categories of the seed plan's line 2 (oliy/o'rta maxsus, mutaxassis/nomutaxassis)."""

    HIGHER_IN_FIELD = "higher_field", _("Higher education in the field (library and information)")
    HIGHER_OTHER = "higher_other", _("Higher education outside the field")
    SECONDARY_SPECIAL_IN_FIELD = "secondary_special_field", _("Secondary specialised in the field")
    SECONDARY_SPECIAL_OTHER = "secondary_special_other", _("Secondary specialised outside the field")
    SECONDARY = "secondary", _("Secondary education")


RATES = [Decimal("1.00"), Decimal("0.75"), Decimal("0.50"), Decimal("0.25")]


def years_between(start: datetime.date, end: datetime.date) -> int:
    """Whole years from `start` to `end` (0 if `end` is before `start`)."""
    years = end.year - start.year - ((end.month, end.day) < (start.month, start.day))
    return max(0, years)


class StaffMember(models.Model):
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="staff_records")
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    service = models.ForeignKey(
        Service, verbose_name=_("service"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    education = models.CharField(_("education"), max_length=30, choices=Education.choices)
    library_work_since = models.DateField(
        _("in library work since"), help_text=_("The start of the work experience in libraries.")
    )
    hired_on = models.DateField(_("hired on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    rate = models.DecimalField(
        _("rate"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("1.50"))],
        help_text=_("1.0 for a full post, 0.5 for half a post."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects: ClassVar[models.Manager[StaffMember]] = institution_scoped()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["full_name", "id"]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.left_on and self.hired_on and self.left_on < self.hired_on:
            errors["left_on"] = _("The date of leaving is before the date of hiring.")
        if self.library_work_since and self.hired_on and self.library_work_since > self.hired_on:
            errors["library_work_since"] = _(
                "Library work cannot start after the hiring here (this post is library work)."
            )
        service = self.service if self.service_id else None
        if service is not None and self.institution_id and service.institution_id != self.institution_id:
            errors["service"] = _("The service belongs to another institution.")
        if errors:
            raise ValidationError(errors)

    def on_staff(self, day: datetime.date) -> bool:
        return self.hired_on <= day and (self.left_on is None or self.left_on > day)

    def experience(self, day: datetime.date | None = None) -> int:
        """Years of library work by `day` (today by default)."""
        return years_between(self.library_work_since, day or datetime.date.today())


class ReportKind(models.TextChoices):
    MONTHLY = "monthly", _("monthly staff monitoring report")
    QUARTERLY = "quarterly", _("quarterly summary to the regional AKM")


class StaffReport(models.Model):
    """An issued staff report: the figures as they were on the day it was issued (a snapshot)."""

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    index = models.PositiveSmallIntegerField(_("month or quarter"))
    issued_on = models.DateField(_("issued on"))
    figures = models.JSONField(default=dict)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[StaffReport]] = institution_scoped()

    class Meta:
        verbose_name = _("staff report")
        verbose_name_plural = _("staff reports")
        ordering = ["-year", "-index", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "kind", "year", "index"], name="staff_report_unique"
            )
        ]
        indexes = [models.Index(fields=["institution", "issued_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}-{self.period_code}"

    @property
    def period_code(self) -> str:
        return f"m{self.index:02d}" if self.kind == ReportKind.MONTHLY else f"q{self.index}"

    @property
    def period_label(self) -> str:
        """ "2026, November" or "2026, quarter IV": how the pages name the report's period."""
        return Period(self.year, "month" if self.kind == ReportKind.MONTHLY else "quarter", self.index).label


class TrainingForm(models.TextChoices):
    COURSE = "course", _("course")
    SEMINAR = "seminar", _("seminar")
    WEBINAR = "webinar", _("webinar")
    MASTER_CLASS = "master_class", _("master class")
    OTHER = "other", _("other")


class Direction(models.TextChoices):
    ATTENDED = "attended", _("attended by our staff")
    GIVEN = "given", _("given by us")


class Training(models.Model):
    """A professional-development event our staff attended, or one we gave (line 38)."""

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("topic"), max_length=300)
    organiser = models.CharField(_("organiser"), max_length=300)
    form = models.CharField(_("form"), max_length=20, choices=TrainingForm.choices)
    direction = models.CharField(_("attended or given"), max_length=10, choices=Direction.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    participants = models.ManyToManyField(
        StaffMember, verbose_name=_("our participants"), blank=True, related_name="trainings"
    )
    external_participants = models.PositiveIntegerField(
        _("external participants"), default=0, help_text=_("For a training we gave: people from elsewhere.")
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects: ClassVar[models.Manager[Training]] = institution_scoped()

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["institution", "starts_on"])]

    def __str__(self) -> str:
        return self.topic

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day is before the first day.")
        if self.direction == Direction.ATTENDED and self.external_participants:
            errors["external_participants"] = _(
                "External participants are counted only for trainings we gave."
            )
        if errors:
            raise ValidationError(errors)
