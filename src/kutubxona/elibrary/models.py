"""Digital collections (full-text databases, plan lines 25, 30, 31, 34) and QR boards (line 36).

A collection item is a catalogue record, shown with one of its full-text files when it has one;
the item's access level is that file's (`catalog.FullText.access`), changed through
`catalog.fulltext.set_access`. An item without a file (a web link, an article) is the record.

A QR board is a poster of e-books for a hotel or a tourist site: each item has a short link
(`/q/<code>`) that leads to the e-book's OPAC page and counts the scans, in total and per day
(no personal data: neither address nor device is kept).

Removing an item of either kind dates it (`removed_on`): the plan lines still count it in the
period it was added, the pages and the search no longer show it, and it may be added again.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.core.tenancy import institution_scoped

# Items are taken out by a date, not deleted: a closed period's count stays. Pages show the rest.
CURRENT = models.Q(removed_on__isnull=True)


class Purpose(models.TextChoices):
    """What a collection is for: the plan line its items count in (every one counts in line 34)."""

    RARE = "rare", _("rare collection (line 25)")
    LOCAL_HISTORY = "local_history", _("local history and notable people (line 30)")
    RETRO_GUIDES = "retro_guides", _("the library's earlier guides (line 31)")
    OTHER = "other", _("other (line 34 only)")


class FullTextCollection(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    is_public = models.BooleanField(
        _("shown in the public catalogue"),
        default=True,
        help_text=_("A collection not shown is seen only by the library's staff."),
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

    objects: ClassVar[models.Manager[FullTextCollection]] = institution_scoped()

    class Meta:
        verbose_name = _("digital collection")
        verbose_name_plural = _("digital collections")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class CollectionItem(models.Model):
    # The collection's institution, kept on the row: the plan lines count items per institution.
    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    collection = models.ForeignKey(
        FullTextCollection, verbose_name=_("collection"), on_delete=models.CASCADE, related_name="items"
    )
    record = models.ForeignKey(
        "catalog.Record", verbose_name=_("record"), on_delete=models.CASCADE, related_name="+"
    )
    fulltext = models.ForeignKey(
        "catalog.FullText",
        verbose_name=_("file shown"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_title = models.CharField(max_length=300, blank=True, editable=False)
    added_at = models.DateField(_("added on"), default=timezone.localdate)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removed_on = models.DateField(_("removed on"), null=True, blank=True)

    objects: ClassVar[models.Manager[CollectionItem]] = institution_scoped()

    class Meta:
        verbose_name = _("collection item")
        verbose_name_plural = _("collection items")
        ordering = ["sort_title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "record"], condition=CURRENT, name="collection_item_once"
            ),
        ]
        indexes = [models.Index(fields=["institution", "added_at"])]

    def __str__(self) -> str:
        return f"{self.collection}: {self.record_id}"


class QrBoard(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place (a hotel, a tourist site)"), max_length=300)
    placed_on = models.DateField(
        _("placed on"),
        null=True,
        blank=True,
        help_text=_(
            "The day the board was put up; line 36 counts its e-books from then "
            "(one added later, on the day it is added)."
        ),
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

    objects: ClassVar[models.Manager[QrBoard]] = institution_scoped()

    class Meta:
        verbose_name = _("QR board")
        verbose_name_plural = _("QR boards")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["institution", "placed_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.place})"


class ShortLink(models.Model):
    """`/q/<code>`: leads to a record's OPAC page and counts how often it was followed."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("code"), max_length=16, unique=True)
    record = models.ForeignKey(
        "catalog.Record", verbose_name=_("record"), on_delete=models.CASCADE, related_name="+"
    )
    scans = models.PositiveIntegerField(_("scans"), default=0)
    last_scanned_at = models.DateTimeField(_("last scanned"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects: ClassVar[models.Manager[ShortLink]] = institution_scoped()

    class Meta:
        verbose_name = _("short link")
        verbose_name_plural = _("short links")

    def __str__(self) -> str:
        return self.code


class ScanDay(models.Model):
    """How many times a short link was followed on a day (scans per month are summed from these)."""

    link = models.ForeignKey(ShortLink, on_delete=models.CASCADE, related_name="days")
    day = models.DateField()
    scans = models.PositiveIntegerField(default=0)

    objects: ClassVar[models.Manager[ScanDay]] = institution_scoped("link__institution")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "day"], name="scan_day_once")]

    def __str__(self) -> str:
        return f"{self.link_id} {self.day}: {self.scans}"


class QrBoardItem(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    board = models.ForeignKey(
        QrBoard, verbose_name=_("board"), on_delete=models.CASCADE, related_name="items"
    )
    record = models.ForeignKey(
        "catalog.Record", verbose_name=_("e-book"), on_delete=models.CASCADE, related_name="+"
    )
    description = models.CharField(_("short description"), max_length=300)
    position = models.PositiveIntegerField(_("order"), default=0)
    link = models.OneToOneField(ShortLink, verbose_name=_("short link"), on_delete=models.PROTECT)
    added_on = models.DateField(_("added on"), default=timezone.localdate)
    # The day line 36 counts the e-book: the day it was added, or the day the board it was put
    # on before it hung is put up, whichever is later; empty while the board is not up.
    counted_on = models.DateField(_("counted on"), null=True, blank=True, editable=False)
    removed_on = models.DateField(_("removed on"), null=True, blank=True)

    objects: ClassVar[models.Manager[QrBoardItem]] = institution_scoped()

    class Meta:
        verbose_name = _("QR board item")
        verbose_name_plural = _("QR board items")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["board", "record"], condition=CURRENT, name="qr_board_item_once")
        ]
        indexes = [models.Index(fields=["institution", "counted_on"])]

    def __str__(self) -> str:
        return self.description
