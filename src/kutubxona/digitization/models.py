"""Scan jobs (plan lines 32 and 35): an item of the catalogue scanned page by page, on a
reader's request or from the collection, then read by OCR into text and a searchable PDF that
becomes the record's full text.

A job is a draft while its pages are uploaded (and put in order), queued when OCR is asked
for, running while the background job reads it, then done or failed (failed jobs are retried
and resume after the pages already read). A page's source file (an image, or a PDF of which
it is one page) is stored once under MEDIA_ROOT/digitization/<institution>/, named by its hash;
a page without a file ("image not kept") still counts as scanned.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kutubxona.catalog.models import AccessLevel
from kutubxona.core.tenancy import institution_scoped


class Kind(models.TextChoices):
    REQUEST = "request", _("on a reader's request")
    PLAN = "plan", _("from the collection's digitisation plan")
    RARE = "rare", _("rare collection")


# The plan's dimension `kind` of `digitization.pages`: line 32 counts pages scanned on request,
# line 35 pages of printed items held in the collection (the plan's and the rare collection's).
METRIC_KINDS: dict[str, tuple[str, ...]] = {
    "request": (Kind.REQUEST,),
    "collection": (Kind.PLAN, Kind.RARE),
}


class Status(models.TextChoices):
    DRAFT = "draft", _("draft (uploading pages)")
    QUEUED = "queued", _("waiting for OCR")
    RUNNING = "running", _("OCR running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Language(models.TextChoices):
    """Tesseract's language packs the OCR may use, by their Tesseract names."""

    UZB = "uzb", _("Uzbek (Latin)")
    UZB_CYRL = "uzb_cyrl", _("Uzbek (Cyrillic)")
    RUS = "rus", _("Russian")
    ENG = "eng", _("English")


class ScanJob(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    record = models.ForeignKey(
        "catalog.Record", verbose_name=_("record"), on_delete=models.PROTECT, related_name="+"
    )
    copy = models.ForeignKey(
        "catalog.Copy",
        verbose_name=_("copy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reader = models.ForeignKey(
        "readers.Reader",
        verbose_name=_("reader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Tesseract's names joined by "+", in the order given (e.g. "uzb+uzb_cyrl+rus").
    languages = models.CharField(_("OCR languages"), max_length=60)
    access = models.CharField(
        _("who may open the file"), max_length=10, choices=AccessLevel.choices, default=AccessLevel.PREMISES
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    job = models.ForeignKey(
        "core.Job", verbose_name=_("background job"), null=True, blank=True, on_delete=models.SET_NULL
    )
    fulltext = models.ForeignKey(
        "catalog.FullText",
        verbose_name=_("searchable PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Why OCR stopped: an English message (a msgid) and its values, shown in the reader's language.
    error = models.TextField(_("error"), blank=True)
    error_args = models.JSONField(default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects: ClassVar[models.Manager[ScanJob]] = institution_scoped()

    class Meta:
        verbose_name = _("scan job")
        verbose_name_plural = _("scan jobs")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "year", "number"], name="digitization_scan_number")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.record}"

    @property
    def code(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split("+") if code]

    @property
    def language_labels(self) -> str:
        return ", ".join(str(Language(code).label) for code in self.language_list if code in Language.values)

    @property
    def error_text(self) -> str:
        """The error in the current language."""
        if not self.error:
            return ""
        try:
            return gettext(self.error) % self.error_args if self.error_args else gettext(self.error)
        except (KeyError, TypeError, ValueError):
            return self.error


class PageStatus(models.TextChoices):
    WAITING = "waiting", _("not read yet")
    DONE = "done", _("read")
    FAILED = "failed", _("could not be read")


class ScanPage(models.Model):
    # Indexed with the day (below): one index less to keep up when thousands of pages are added.
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    scan = models.ForeignKey(
        ScanJob, verbose_name=_("scan job"), on_delete=models.CASCADE, related_name="pages"
    )
    number = models.PositiveIntegerField(_("page"))
    # Empty: the image was not kept (the page still counts as scanned).
    source = models.FileField(_("scanned file"), max_length=255, blank=True)
    source_name = models.CharField(_("file name"), max_length=255, blank=True)
    # For a page of a PDF (or of a multi-page TIFF): which page of the file, from 0.
    page_index = models.PositiveIntegerField(default=0)
    thumbnail = models.FileField(max_length=255, blank=True)
    text = models.TextField(_("text"), blank=True)
    confidence = models.FloatField(_("mean confidence"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PageStatus.choices, default=PageStatus.WAITING
    )
    error = models.TextField(_("error"), blank=True)
    scanned_at = models.DateField(_("scanned on"), default=timezone.localdate)

    objects: ClassVar[models.Manager[ScanPage]] = institution_scoped()

    class Meta:
        verbose_name = _("scanned page")
        verbose_name_plural = _("scanned pages")
        ordering = ["scan", "number"]
        indexes = [models.Index(fields=["institution", "scanned_at"])]

    def __str__(self) -> str:
        return f"{self.scan.code} p. {self.number}"
