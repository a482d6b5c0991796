"""The audit log: one row per action function call, written in the action's transaction."""

import json
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kutubxona.core import audit_labels
from kutubxona.core.tenancy import institution_scoped


class AuditEntry(models.Model):
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too, so the log still says who it was after the account is deleted.
    actor_name = models.CharField(max_length=150)
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects: ClassVar[models.Manager["AuditEntry"]] = institution_scoped()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["institution", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    @property
    def action_label(self) -> str:
        return audit_labels.label(self.action)

    def change_lines(self) -> list[tuple[str, str]]:
        """Each changed field with its value as a reader sees it.

        An update stores [before, after]; a creation stores the value alone, which
        must not be split into characters, nor a list of two (or a list of things in an edit,
        `audit_labels.ITEM_LISTS`) read as a change.
        """
        lines = []
        creation = audit_labels.is_creation(self.action)
        for name, value in (self.changes or {}).items():
            field = audit_labels.field_label(self.object_type, name)
            items = creation or audit_labels.is_item_list(self.action, name)
            if isinstance(value, list) and len(value) == 2 and not items:
                text = f"{_shown(value[0])} → {_shown(value[1])}"
            else:
                text = _shown(value)
            lines.append((field, text))
        return lines


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Job(models.Model):
    """A piece of background work (a MARC import, an export...), run by `core.jobs`.

    `checkpoint` is the handler's own note of how far it got, saved in the same transaction as
    the work it describes, so a job whose process died resumes where it stopped.
    """

    kind = models.CharField(_("kind"), max_length=50, db_index=True)
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    progress_done = models.BigIntegerField(default=0)
    progress_total = models.BigIntegerField(default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    checkpoint = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[models.Manager["Job"]] = institution_scoped()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "id"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"
