"""Events and exhibitions (plan lines 7, 18, 20, 21) and the copies shown in exhibitions (line 26)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.core.tenancy import institution_scoped


class EventKind(models.TextChoices):
    EVENT = "event", _("event")
    EXHIBITION = "exhibition", _("exhibition")
    MOBILE = "mobile", _("mobile (outreach) event")
    CLUB = "club", _("readers' club meeting")
    PROJECT = "project", _("promotion or innovative project")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class PlaceKind(models.TextChoices):
    LIBRARY = "library", _("in the library")
    SCHOOL = "school", _("school")
    MAHALLA = "mahalla", _("mahalla")
    COLLEGE = "college", _("college or lyceum")
    HOTEL = "hotel", _("hotel")
    PARK = "park", _("park")
    OTHER = "other", _("another place")


# The audience groups counted on an event, in the order the forms and pages show them.
AUDIENCE_GROUPS = ["children", "youth", "adults", "specialists", "foreign_guests"]


class Event(models.Model):
    """A cultural-educational event (tadbir) or exhibition, planned, held or cancelled."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.EVENT)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    in_plan = models.BooleanField(
        _("in the cultural-educational plan"),
        default=True,
        help_text=_("Untick for an event held without having been planned."),
    )
    place_kind = models.CharField(
        _("place"), max_length=20, choices=PlaceKind.choices, default=PlaceKind.LIBRARY
    )
    sector = models.ForeignKey(
        "institutions.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(
        _("address or name of the place"),
        max_length=300,
        blank=True,
        help_text=_("For an event outside the library: e.g. 12-maktab, Navbahor mahallasi."),
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("organisers"), blank=True, related_name="+"
    )
    partner = models.CharField(_("partner"), max_length=300, blank=True)
    attendees = models.PositiveIntegerField(_("attendees"), null=True, blank=True)
    children = models.PositiveIntegerField(_("children"), null=True, blank=True)
    youth = models.PositiveIntegerField(_("youth"), null=True, blank=True)
    adults = models.PositiveIntegerField(_("adults"), null=True, blank=True)
    specialists = models.PositiveIntegerField(_("specialists"), null=True, blank=True)
    foreign_guests = models.PositiveIntegerField(_("foreign guests"), null=True, blank=True)
    audience_note = models.CharField(_("audience (note)"), max_length=300, blank=True)
    report = models.TextField(_("short report"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: ClassVar[models.Manager[Event]] = institution_scoped()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-date", "-start_time", "-id"]
        indexes = [models.Index(fields=["institution", "status", "date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @property
    def place(self) -> str:
        if self.place_kind == PlaceKind.LIBRARY:
            return " · ".join(str(p) for p in (self.get_place_kind_display(), self.sector, self.address) if p)
        return " · ".join(str(p) for p in (self.get_place_kind_display(), self.address) if p)

    def audience(self) -> list[tuple[str, int]]:
        """(group label, count) of the groups counted."""
        return [
            (str(Event._meta.get_field(name).verbose_name), value)  # type: ignore[union-attr]
            for name in AUDIENCE_GROUPS
            if (value := getattr(self, name)) is not None
        ]


class ExhibitionItem(models.Model):
    """A copy put on show in an exhibition; line 26 counts them for exhibitions held."""

    event = models.ForeignKey(
        Event, verbose_name=_("exhibition"), on_delete=models.CASCADE, related_name="items"
    )
    copy = models.ForeignKey(
        "catalog.Copy", verbose_name=_("copy"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    objects: ClassVar[models.Manager[ExhibitionItem]] = institution_scoped("event__institution")

    class Meta:
        verbose_name = _("exhibition item")
        verbose_name_plural = _("exhibition items")
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "copy"], name="exhibition_item_unique")]

    def __str__(self) -> str:
        return str(self.copy)


class EventPhoto(models.Model):
    """A photo of an event, with its thumbnail (both made when uploaded)."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="events/photos/%Y/")
    thumbnail = models.FileField(_("thumbnail"), upload_to="events/thumbs/%Y/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: ClassVar[models.Manager[EventPhoto]] = institution_scoped("event__institution")

    class Meta:
        verbose_name = _("event photo")
        verbose_name_plural = _("event photos")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name.rsplit("/", 1)[-1]
