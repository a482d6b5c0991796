"""The directory of the district's libraries (line 3) and the help given to them (line 5)."""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kutubxona.core.tenancy import institution_scoped
from kutubxona.hr.models import StaffMember
from kutubxona.institutions.models import Institution


class LibraryType(models.TextChoices):
    SCHOOL = "school", _("school library")
    LYCEUM_COLLEGE = "lyceum_college", _("academic lyceum or college library")
    UNIVERSITY = "university", _("university library")
    DEPARTMENTAL = "departmental", _("departmental library")
    PUBLIC = "public", _("public library")
    MAHALLA = "mahalla", _("mahalla library")
    OTHER = "other", _("other library")


class Library(models.Model):
    """A library of the district, kept in the AKM's directory (not necessarily a Kutubxona user)."""

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=300)
    type = models.CharField(_("type"), max_length=20, choices=LibraryType.choices)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Degrees north, e.g. 40.61"),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Degrees east, e.g. 67.92"),
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    collection_size = models.PositiveIntegerField(_("collection (copies)"), null=True, blank=True)
    readers = models.PositiveIntegerField(_("readers"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    is_active = models.BooleanField(_("working"), default=True)

    objects: ClassVar[models.Manager[Library]] = institution_scoped()

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("libraries")
        ordering = ["type", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def map_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=16/{self.latitude}/{self.longitude}"
        )


class HelpForm(models.TextChoices):
    ON_SITE = "on_site", _("on site")
    ORAL = "oral", _("oral")
    WRITTEN = "written", _("written")


class MethodHelp(models.Model):
    """One occasion of methodological or practical help to a library of the district."""

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    library = models.ForeignKey(
        Library, verbose_name=_("library"), on_delete=models.PROTECT, related_name="help"
    )
    form = models.CharField(_("form"), max_length=10, choices=HelpForm.choices)
    topic = models.CharField(_("topic"), max_length=300)
    staff = models.ManyToManyField(StaffMember, verbose_name=_("given by"), blank=True, related_name="+")
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects: ClassVar[models.Manager[MethodHelp]] = institution_scoped()

    class Meta:
        verbose_name = _("methodological help")
        verbose_name_plural = _("methodological help")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["institution", "date"])]

    def __str__(self) -> str:
        return f"{self.date}: {self.topic}"
