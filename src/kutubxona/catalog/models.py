"""Bibliographic records and their copies, and the log of what was sent to the union catalogue.

A record keeps its whole MARC 21 as MARC-in-JSON (`marc`); the other columns are extracted
from it (`marc/extract.py`) whenever it is saved, for lists, search, matching and counting.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.core.tenancy import institution_scoped


class RecordSource(models.TextChoices):
    IMPORT = "import", _("import")
    MANUAL = "manual", _("catalogued here")


class AnalyticPurpose(models.TextChoices):
    """Why an article was described: the card index or database it belongs to (plan lines 4, 28, 29)."""

    PROFESSIONAL = "professional", _("professional literature card index")
    PRESS_CHRONICLE = "press_chronicle", _("district press chronicle")
    NATIONAL_DOCUMENTS = "national_documents", _("national documents on Uzbekistan")
    LOCAL_HISTORY = "local_history", _("local history")


class Record(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    marc = models.JSONField(_("MARC 21 record"))
    control_number = models.CharField(_("control number (001)"), max_length=50, blank=True)
    control_number_source = models.CharField(_("control number source (003)"), max_length=50, blank=True)
    title = models.TextField(_("title"))
    responsibility = models.TextField(_("statement of responsibility"), blank=True)
    author = models.CharField(_("first author"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    # The first valid ISBN-13 is matched on; all of them, space-separated, are searched.
    isbn = models.CharField(_("ISBN"), max_length=13, blank=True)
    isbns = models.CharField(_("ISBNs"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=3, blank=True)
    udc = models.CharField(_("UDC"), max_length=100, blank=True)
    bbk = models.CharField(_("BBK"), max_length=100, blank=True)
    record_type = models.CharField(_("type of record"), max_length=1, blank=True)
    bibliographic_level = models.CharField(_("bibliographic level"), max_length=1, blank=True)
    # An analytic record (an article, leader/07 a or b) points to its host issue when the host is
    # catalogued here (773 $w says the same in MARC); purpose and date feed plan lines 4, 28, 29.
    host = models.ForeignKey(
        "self",
        verbose_name=_("host (journal or newspaper issue)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    analytic_purpose = models.CharField(
        _("purpose"), max_length=20, choices=AnalyticPurpose.choices, blank=True
    )
    described_on = models.DateField(_("described on"), null=True, blank=True)
    search_key = models.TextField(blank=True, editable=False)
    match_key = models.CharField(max_length=255, blank=True, editable=False)
    # When a classification (UDC or BBK) was last given or changed: plan line 12.
    classified_at = models.DateTimeField(_("classified"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=RecordSource.choices)
    import_job = models.ForeignKey(
        "core.Job",
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[models.Manager[Record]] = institution_scoped()

    class Meta:
        verbose_name = _("bibliographic record")
        verbose_name_plural = _("bibliographic records")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["institution", "control_number", "control_number_source"]),
            models.Index(fields=["institution", "isbn"]),
            models.Index(fields=["institution", "match_key"]),
            models.Index(fields=["institution", "created_at"]),
            models.Index(fields=["institution", "updated_at"]),
            models.Index(fields=["institution", "classified_at"]),
            models.Index(fields=["institution", "analytic_purpose", "described_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} / {self.author}" if self.author else self.title


class CopyStatus(models.TextChoices):
    AVAILABLE = "available", _("available")
    ON_LOAN = "on_loan", _("on loan")
    IN_PROCESSING = "in_processing", _("in processing")
    LOST = "lost", _("lost")
    WITHDRAWN = "withdrawn", _("withdrawn")


class CopyCollection(models.TextChoices):
    """The part of the library's collection (fond) a copy belongs to."""

    MAIN = "main", _("main collection")
    REFERENCE = "reference", _("reference collection")
    LOCAL_HISTORY = "local_history", _("local-history collection")
    RARE = "rare", _("rare collection")


class Copy(models.Model):
    """A physical copy (nusxa) of a record, with its accession (inventory) number."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    record = models.ForeignKey(
        Record, verbose_name=_("record"), on_delete=models.PROTECT, related_name="copies"
    )
    accession_number = models.CharField(_("accession number"), max_length=50)
    barcode = models.CharField(_("barcode"), max_length=50, blank=True)
    sector = models.ForeignKey(
        "institutions.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    collection = models.CharField(
        _("collection"), max_length=20, choices=CopyCollection.choices, default=CopyCollection.MAIN
    )
    shelf_location = models.CharField(_("shelf location"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CopyStatus.choices, default=CopyStatus.IN_PROCESSING
    )
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    objects: ClassVar[models.Manager[Copy]] = institution_scoped()

    class Meta:
        verbose_name = _("copy")
        verbose_name_plural = _("copies")
        ordering = ["accession_number"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "accession_number"], name="copy_accession_unique"),
            models.UniqueConstraint(
                fields=["institution", "barcode"], condition=~models.Q(barcode=""), name="copy_barcode_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["institution", "created_at"]),
            # A scanned code is looked up by barcode (the unique constraint's index is partial);
            # a stock-take counts a sector's copies by status.
            models.Index(fields=["institution", "barcode"], name="copy_barcode_lookup"),
            models.Index(fields=["institution", "sector", "status"], name="copy_sector_status"),
        ]

    def __str__(self) -> str:
        return self.accession_number


class MarcExport(models.Model):
    """One export of records (for the union catalogue: plan line 14 counts its records)."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    since = models.DateField(_("changed since"), null=True, blank=True)
    file_format = models.CharField(_("format"), max_length=10)
    file_name = models.CharField(_("file"), max_length=300)
    for_union_catalogue = models.BooleanField(_("for the union catalogue"), default=True)
    record_count = models.PositiveIntegerField(_("records"), default=0)
    records: models.ManyToManyField[Record, ExportedRecord] = models.ManyToManyField(
        Record, related_name="exports", through="ExportedRecord"
    )

    objects: ClassVar[models.Manager[MarcExport]] = institution_scoped()

    class Meta:
        verbose_name = _("MARC export")
        verbose_name_plural = _("MARC exports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.file_format} {self.record_count}"


class ExportedRecord(models.Model):
    export = models.ForeignKey(MarcExport, on_delete=models.CASCADE)
    record = models.ForeignKey(Record, on_delete=models.CASCADE)

    objects: ClassVar[models.Manager[ExportedRecord]] = institution_scoped("export__institution")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["export", "record"], name="exported_record_unique")]

    def __str__(self) -> str:
        return f"{self.export_id}: {self.record_id}"


class FullTextKind(models.TextChoices):
    PDF = "pdf", "PDF"
    EPUB = "epub", "EPUB"
    IMAGE = "image", _("image")


class AccessLevel(models.TextChoices):
    """Who may open a full-text file (`catalog/fulltext.py` decides)."""

    PUBLIC = "public", _("everyone")
    READERS = "readers", _("registered readers")
    PREMISES = "premises", _("in the library only")
    STAFF = "staff", _("library staff only")


def _fulltext_path(item: FullText, filename: str) -> str:
    # Named by content, not by the uploaded name: nothing a user typed reaches the file system.
    return f"fulltext/{item.institution_id}/{item.sha256[:2]}/{item.sha256}.{item.extension}"


class FullText(models.Model):
    """A file with the full text of a record (plan line 13 counts records by their first file)."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    record = models.ForeignKey(
        Record, verbose_name=_("record"), on_delete=models.CASCADE, related_name="fulltexts"
    )
    file = models.FileField(_("file"), upload_to=_fulltext_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=FullTextKind.choices)
    content_type = models.CharField(_("content type"), max_length=100)
    access = models.CharField(
        _("access"), max_length=10, choices=AccessLevel.choices, default=AccessLevel.STAFF
    )
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField("SHA-256", max_length=64)
    # The file's words (OCR or a PDF's own text layer), searched in the catalogue as full text.
    text = models.TextField(_("text"), blank=True, default="")
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("linked"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[models.Manager[FullText]] = institution_scoped()

    class Meta:
        verbose_name = _("full-text file")
        verbose_name_plural = _("full-text files")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["institution", "uploaded_at"])]

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        return {"application/pdf": "pdf", "application/epub+zip": "epub"}.get(
            self.content_type, self.content_type.rsplit("/", 1)[-1]
        )
