"""Collection accounting: receipts of copies by source (plan lines 10, 10.1-10.4), the accession
register, withdrawal acts, the rare collection (line 24's list) and stock-takes (line 27).

The catalogue's `Copy` keeps the physical copy; these tables keep how it came and went. An
`Accession` is one line of the accession register (inventory book): a copy received, numbered
in the institution's sequence on the receipt's day; its `copy` is set once the copy's record
exists (a title still in the cataloguing queue has its numbers already).
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.core.tenancy import institution_scoped


class Source(models.TextChoices):
    LEGAL_DEPOSIT = "legal_deposit", _("legal deposit")
    PURCHASE = "purchase", _("purchase")
    EXCHANGE = "exchange", _("exchange")
    GIFT_PERSON = "gift_person", _("gift from a person")
    GIFT_ORG = "gift_org", _("gift from an organisation")


class DocType(models.TextChoices):
    BOOK = "book", _("books")
    PERIODICAL = "periodical", _("periodicals")
    AUDIOVISUAL = "audiovisual", _("audiovisual")
    ELECTRONIC = "electronic", _("electronic")
    OTHER = "other", _("other")


class Counter(models.Model):
    """The last number given in a sequence of an institution (accessions, receipts of a year...):
    one row, locked by its UPDATE until the numbering transaction commits."""

    institution = models.ForeignKey("institutions.Institution", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=40)
    last = models.PositiveIntegerField(default=0)

    objects: ClassVar[models.Manager[Counter]] = institution_scoped()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["institution", "name"], name="acq_counter_unique")]

    def __str__(self) -> str:
        return f"{self.name}: {self.last}"


class Receipt(models.Model):
    """A batch of copies received (one line of part 1 of the collection register)."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(_("number"))
    date = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    party = models.CharField(
        _("supplier, partner or donor"), max_length=300, blank=True, help_text=_("Who the copies came from.")
    )
    contract_number = models.CharField(_("contract number"), max_length=60, blank=True)
    invoice_number = models.CharField(_("invoice number"), max_length=60, blank=True)
    agreement = models.CharField(_("exchange agreement"), max_length=120, blank=True)
    deed_number = models.CharField(_("deed of gift number"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    copies = models.PositiveIntegerField(_("copies"), default=0)
    total = models.DecimalField(_("value"), max_digits=14, decimal_places=2, default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # A cancelled receipt stays in the register under its number, marked (numbers stay gap-free).
    cancelled_on = models.DateField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason of the cancellation"), max_length=500, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: ClassVar[models.Manager[Receipt]] = institution_scoped()

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["-date", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "year", "number"], name="acq_receipt_number_unique"
            )
        ]
        indexes = [models.Index(fields=["institution", "date"])]

    def __str__(self) -> str:
        return f"{self.year}-{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("acquisitions:receipt", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_on is not None


class ReceiptLine(models.Model):
    """A title of a receipt and how many copies of it came; without a record it waits in the
    cataloguing queue."""

    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="lines")
    record = models.ForeignKey(
        "catalog.Record",
        verbose_name=_("record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=500)
    author = models.CharField(_("author"), max_length=255, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    doc_type = models.CharField(_("type"), max_length=20, choices=DocType.choices, default=DocType.BOOK)
    language = models.CharField(_("language"), max_length=3, blank=True)
    subject = models.CharField(_("subject area (UDC/BBK main class)"), max_length=10, blank=True)
    quantity = models.PositiveIntegerField(_("copies"))
    price = models.DecimalField(_("price of a copy"), max_digits=12, decimal_places=2)
    catalogued_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[models.Manager[ReceiptLine]] = institution_scoped("receipt__institution")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    @property
    def value(self) -> object:
        return self.price * self.quantity


class Accession(models.Model):
    """One line of the accession register: a copy received under its accession number."""

    institution = models.ForeignKey("institutions.Institution", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("accession number"))
    line = models.ForeignKey(ReceiptLine, on_delete=models.CASCADE, related_name="accessions")
    received_on = models.DateField(_("received"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2)
    copy = models.OneToOneField(
        "catalog.Copy", null=True, blank=True, on_delete=models.SET_NULL, related_name="accession"
    )
    # A number of a cancelled receipt (or of copies typed in excess) stays, marked, in the register.
    cancelled = models.BooleanField(_("cancelled"), default=False)

    objects: ClassVar[models.Manager[Accession]] = institution_scoped()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["institution", "number"], name="acq_accession_unique")]
        indexes = [models.Index(fields=["institution", "received_on", "source"])]

    def __str__(self) -> str:
        return str(self.number)


class WithdrawalReason(models.TextChoices):
    WORN = "worn", _("worn out")
    OBSOLETE = "obsolete", _("obsolete")
    LOST = "lost", _("lost")
    LOST_REPLACED = "lost_replaced", _("lost by a reader and replaced")
    TRANSFERRED = "transferred", _("transferred to another library")


class Withdrawal(models.Model):
    """A withdrawal act (hisobdan chiqarish dalolatnomasi): part 2 of the collection register."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(_("number"))
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=20, choices=WithdrawalReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    copies = models.PositiveIntegerField(_("copies"), default=0)
    total = models.DecimalField(_("value"), max_digits=14, decimal_places=2, default=0)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # A cancelled act stays in the register under its number, marked (numbers stay gap-free).
    cancelled_on = models.DateField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason of the cancellation"), max_length=500, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The accession numbers a cancelled act listed (its rows are gone: the copies are back).
    cancelled_copies = models.JSONField(default=list, blank=True)

    objects: ClassVar[models.Manager[Withdrawal]] = institution_scoped()

    class Meta:
        verbose_name = _("withdrawal act")
        verbose_name_plural = _("withdrawal acts")
        ordering = ["-date", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "year", "number"], name="acq_withdrawal_number_unique"
            )
        ]
        indexes = [models.Index(fields=["institution", "date"])]

    def __str__(self) -> str:
        return f"{self.year}-{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("acquisitions:withdrawal", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_on is not None


class WithdrawnCopy(models.Model):
    withdrawal = models.ForeignKey(Withdrawal, on_delete=models.CASCADE, related_name="items")
    institution = models.ForeignKey("institutions.Institution", on_delete=models.PROTECT, related_name="+")
    copy = models.OneToOneField("catalog.Copy", on_delete=models.PROTECT, related_name="withdrawal")
    withdrawn_on = models.DateField()
    price = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    # The copy's status before the act, given back if the act is cancelled or the copy struck off it.
    previous_status = models.CharField(max_length=20, blank=True)

    objects: ClassVar[models.Manager[WithdrawnCopy]] = institution_scoped()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["institution", "withdrawn_on"])]

    def __str__(self) -> str:
        return f"{self.withdrawal} {self.copy_id}"


class RareCopy(models.Model):
    """A copy moved into the rare collection, with the reason and the collection it came from."""

    institution = models.ForeignKey("institutions.Institution", on_delete=models.PROTECT, related_name="+")
    copy = models.OneToOneField("catalog.Copy", on_delete=models.CASCADE, related_name="rare")
    reason = models.CharField(_("reason"), max_length=500)
    previous_collection = models.CharField(max_length=20)
    marked_on = models.DateField(_("marked"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: ClassVar[models.Manager[RareCopy]] = institution_scoped()

    class Meta:
        ordering = ["copy__accession_number"]

    def __str__(self) -> str:
        return f"{self.copy_id}: {self.reason}"


class Stocktake(models.Model):
    """A stock-take (xatlov) of a collection and/or a sector, open while staff scan."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    collection = models.CharField(_("collection"), max_length=20, blank=True)
    sector = models.ForeignKey(
        "institutions.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_on = models.DateField(_("started"))
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What closing found, kept as it was then (the copies change afterwards).
    summary = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: ClassVar[models.Manager[Stocktake]] = institution_scoped()

    class Meta:
        verbose_name = _("stock-take")
        verbose_name_plural = _("stock-takes")
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["institution", "closed_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("acquisitions:stocktake", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def get_collection_label(self) -> str:
        from kutubxona.catalog.models import CopyCollection

        return str(dict(CopyCollection.choices).get(self.collection, ""))


class ScanOutcome(models.TextChoices):
    FOUND = "found", _("found")
    MISPLACED = "misplaced", _("misplaced (belongs elsewhere)")
    UNKNOWN = "unknown", _("unknown barcode")
    WITHDRAWN = "withdrawn", _("withdrawn copy")
    ON_LOAN = "on_loan", _("on loan")
    MISSING = "missing", _("missing")


class StocktakeScan(models.Model):
    """A code scanned in a stock-take; a code counts once however often it is scanned."""

    stocktake = models.ForeignKey(Stocktake, on_delete=models.CASCADE, related_name="scans")
    code = models.CharField(_("code"), max_length=50)
    copy = models.ForeignKey(
        "catalog.Copy", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=ScanOutcome.choices)
    repeats = models.PositiveIntegerField(default=0)
    scanned_at = models.DateTimeField(default=timezone.now)
    scanned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: ClassVar[models.Manager[StocktakeScan]] = institution_scoped("stocktake__institution")

    class Meta:
        ordering = ["-scanned_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["stocktake", "code"], name="acq_scan_once"),
            models.UniqueConstraint(
                fields=["stocktake", "copy"], condition=Q(copy__isnull=False), name="acq_scan_copy_once"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class BalanceGroup(models.TextChoices):
    TYPE = "type", _("type")
    LANGUAGE = "language", _("language")
    SUBJECT = "subject", _("subject area")


class OpeningBalance(models.Model):
    """The collection carried over from the paper register (KSU) when the library began keeping
    it here: the totals as of `as_of` (the end of that day). Copies already in the catalogue
    without a receipt (imported from MARC, typed in) are inside it."""

    institution = models.OneToOneField(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    as_of = models.DateField(_("as of"))
    copies = models.PositiveIntegerField(_("copies"), default=0)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, default=0)
    note = models.CharField(_("note"), max_length=500, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: ClassVar[models.Manager[OpeningBalance]] = institution_scoped()

    class Meta:
        verbose_name = _("opening balance")
        verbose_name_plural = _("opening balances")

    def __str__(self) -> str:
        return f"{self.as_of}: {self.copies}"

    @property
    def first_year(self) -> int:
        """The first year the register is kept here (the balance is its brought-forward line)."""
        return (self.as_of + datetime.timedelta(days=1)).year


class OpeningLine(models.Model):
    """The balance split as part 1 of the paper register splits it: by type (copies and value,
    the type rows make the total), by language and by subject area (copies)."""

    balance = models.ForeignKey(OpeningBalance, on_delete=models.CASCADE, related_name="lines")
    group = models.CharField(max_length=10, choices=BalanceGroup.choices)
    key = models.CharField(max_length=12)
    copies = models.PositiveIntegerField(default=0)
    value = models.DecimalField(max_digits=16, decimal_places=2, default=0)

    objects: ClassVar[models.Manager[OpeningLine]] = institution_scoped("balance__institution")

    class Meta:
        ordering = ["group", "key"]
        constraints = [
            models.UniqueConstraint(fields=["balance", "group", "key"], name="acq_opening_line_unique")
        ]

    def __str__(self) -> str:
        return f"{self.group}:{self.key} {self.copies}"
