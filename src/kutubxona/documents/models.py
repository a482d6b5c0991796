"""The register of documents the AKM produces (plan lines 1, 3, 6, 24, 37)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kutubxona.core.tenancy import institution_scoped
from kutubxona.institutions.models import Institution


class DocumentKind(models.TextChoices):
    GUIDE = "guide", _("methodological guide or recommendation")
    DIRECTORY = "directory", _("directory of the district's libraries")
    SERVICE_REPORT = "service_report", _("report of the services")
    RARE_LIST = "rare_list", _("list of rare and valuable items")
    SECURITY_REPORT = "security_report", _("information-security report")
    ORDER = "order", _("order")
    LETTER = "letter", _("letter")
    OTHER = "other", _("other")


class Document(models.Model):
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("number"), max_length=30)
    year = models.PositiveSmallIntegerField(editable=False)  # of `date`; numbers run per year
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=400)
    date = models.DateField(_("date"))
    authors = models.CharField(_("author(s)"), max_length=400, blank=True)
    file = models.FileField(_("file"), upload_to="documents/%Y/", blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # The quarter a security report covers (one per quarter), and what its form held.
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    content = models.JSONField(default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[Document]] = institution_scoped()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "year", "number"], name="document_number_unique"),
            models.UniqueConstraint(
                fields=["institution", "year", "quarter"],
                condition=Q(kind="security_report"),
                name="security_report_per_quarter",
            ),
        ]
        indexes = [models.Index(fields=["institution", "kind", "date"])]

    def __str__(self) -> str:
        return f"№ {self.number} {self.title}"

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""
