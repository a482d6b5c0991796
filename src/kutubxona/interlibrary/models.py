"""Interlibrary loans (plan line 19): requests to other libraries (we borrow for our reader)
and from other libraries (we lend them a copy), each moving through its statuses.

The other library is an institution in the system or, outside it, a name; the item is one of
our catalogue records or, for a book of theirs, a description. The reader is one of ours
(`reader`, linked by the card number typed) or, from before the link or unknown to us, a name
and card typed (`reader_name`, `reader_card`, kept as typed).
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.core.tenancy import institution_scoped


class Direction(models.TextChoices):
    BORROW = "borrow", _("we borrow (for our reader)")
    LEND = "lend", _("we lend (to another library)")


class Status(models.TextChoices):
    REQUESTED = "requested", _("requested")
    SENT = "sent", _("sent")
    RECEIVED = "received", _("received")
    RETURNED = "returned", _("returned")
    REFUSED = "refused", _("refused")
    CANCELLED = "cancelled", _("cancelled")


# The statuses a request may move to from each status; returned, refused, cancelled are final.
# Ours: the other library sends, we receive it (possibly without having heard it was sent) and
# return it. Theirs: we send, they may tell us it arrived, it comes back.
NEXT: dict[str, dict[str, tuple[str, ...]]] = {
    Direction.BORROW: {
        Status.REQUESTED: (Status.SENT, Status.RECEIVED, Status.REFUSED, Status.CANCELLED),
        Status.SENT: (Status.RECEIVED,),
        Status.RECEIVED: (Status.RETURNED,),
    },
    Direction.LEND: {
        Status.REQUESTED: (Status.SENT, Status.REFUSED, Status.CANCELLED),
        Status.SENT: (Status.RECEIVED, Status.RETURNED),
        Status.RECEIVED: (Status.RETURNED,),
    },
}
# The date column each status fills when a request reaches it.
DATE_OF = {
    Status.SENT: "sent_on",
    Status.RECEIVED: "received_on",
    Status.RETURNED: "returned_on",
    Status.REFUSED: "closed_on",
    Status.CANCELLED: "closed_on",
}


class Request(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    partner = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("other library (in the system)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    partner_name = models.CharField(_("other library (outside the system)"), max_length=300, blank=True)
    record = models.ForeignKey(
        "catalog.Record",
        verbose_name=_("our catalogue record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    item = models.CharField(_("item (author, title, year)"), max_length=500, blank=True)
    reader = models.ForeignKey(
        "readers.Reader",
        verbose_name=_("reader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reader_name = models.CharField(_("reader"), max_length=200, blank=True)
    reader_card = models.CharField(_("reader's card number"), max_length=50, blank=True)
    requested_on = models.DateField(_("requested on"))
    due_on = models.DateField(_("to be returned by"), null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    closed_on = models.DateField(_("refused or cancelled on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[models.Manager[Request]] = institution_scoped()
    # Set by `actions.change_status`: the channel the reader was told by of the arrival, if any.
    told_by: str = ""

    class Meta:
        verbose_name = _("interlibrary request")
        verbose_name_plural = _("interlibrary requests")
        ordering = ["-requested_on", "-id"]
        indexes = [models.Index(fields=["institution", "requested_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.other_library})"

    @property
    def title(self) -> str:
        return str(self.record) if self.record_id and self.record else self.item

    @property
    def other_library(self) -> str:
        return str(self.partner) if self.partner_id and self.partner else self.partner_name

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return NEXT[self.direction].get(self.status, ())

    @property
    def overdue(self) -> bool:
        """Out (with our reader or with them) past the day it was to be returned."""
        out = self.status in (Status.SENT, Status.RECEIVED) and self.fulfilled_on is not None
        return out and self.due_on is not None and self.due_on < timezone.localdate()

    @property
    def fulfilled_on(self) -> datetime.date | None:
        """The day it counts for line 19: received for ours, sent for theirs (None before)."""
        return self.received_on if self.direction == Direction.BORROW else self.sent_on
