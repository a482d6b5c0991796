"""Remote delivery and paid services: the approved price list, delivery orders and receipts.

A `PaidService` is a line of the price list (preyskurant): what is sold and in which unit;
its `Price` rows say how much it cost when (a new price closes the previous one, validity
never overlaps). A `DeliveryOrder` is a request for a copy in electronic form (plan line 23),
delivered through a download link. A `Receipt` is the numbered proof of a payment (lines
42.1 and 42.2); it is never deleted, only cancelled with a reason.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kutubxona.core.i18n import MultilingualName
from kutubxona.core.tenancy import institution_scoped


class ServiceKind(models.TextChoices):
    """The values are the dimension `kind` of the metric `services.income` (lines 42.1, 42.2)."""

    SERVICES = "services", _("library service")
    RENT = "rent", _("rent")


class PriceUnit(models.TextChoices):
    PAGE = "page", pgettext_lazy("unit", "page")
    COPY = "copy", pgettext_lazy("unit", "copy")
    HOUR = "hour", pgettext_lazy("unit", "hour")
    PIECE = "piece", pgettext_lazy("unit", "piece")
    DAY = "day", pgettext_lazy("unit", "day")
    SERVICE = "service", pgettext_lazy("unit", "service")


class PaidService(MultilingualName):
    """A line of the price list: a service (or a rent) sold by the unit."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ServiceKind.choices, default=ServiceKind.SERVICES
    )
    unit = models.CharField(_("unit"), max_length=10, choices=PriceUnit.choices, default=PriceUnit.PAGE)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects: ClassVar[models.Manager[PaidService]] = institution_scoped()

    class Meta:
        verbose_name = _("paid service")
        verbose_name_plural = _("paid services")
        ordering = ["-kind", "name_uz"]  # library services first, then rents

    def price_on(self, day: datetime.date) -> Price | None:
        """The price valid on `day`, if the price list has one."""
        return (
            self.prices.filter(valid_from__lte=day)
            .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))
            .first()
        )


class Price(models.Model):
    """How much a unit of a service costs from `valid_from` to `valid_to` (open: until replaced)."""

    service = models.ForeignKey(
        PaidService, verbose_name=_("service"), on_delete=models.PROTECT, related_name="prices"
    )
    amount = models.DecimalField(
        _("price, so'm"), validators=[MinValueValidator(Decimal(0))], max_digits=14, decimal_places=2
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects: ClassVar[models.Manager[Price]] = institution_scoped("service__institution")

    class Meta:
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        ordering = ["service", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="price_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.amount} ({self.valid_from}–{self.valid_to or '…'})"


class Customer(models.TextChoices):
    """The values are the dimension `customer` of `services.deliveries` (lines 23.1-23.3)."""

    DOMESTIC = "domestic", _("domestic user")
    FOREIGN = "foreign", _("foreign user")
    LIBRARY = "library", _("library institution")


class OrderStatus(models.TextChoices):
    NEW = "new", _("new")
    IN_WORK = "in_work", _("in work")
    READY = "ready", _("ready")
    DELIVERED = "delivered", _("delivered")
    CANCELLED = "cancelled", _("cancelled")


class DeliveryOrder(models.Model):
    """An order for copies of holdings in electronic form, delivered by a download link."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    ordered_on = models.DateField(_("order date"), default=timezone.localdate)
    customer = models.CharField(_("customer"), max_length=10, choices=Customer.choices)
    customer_name = models.CharField(_("customer's name"), max_length=300)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    wanted = models.TextField(_("what is wanted"))
    record = models.ForeignKey(
        "catalog.Record",
        verbose_name=_("catalogue record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Copies delivered (plan line 23 counts them); the quantity is what is billed (pages...).
    copies = models.PositiveIntegerField(_("electronic copies"), default=1, validators=[MinValueValidator(1)])
    service = models.ForeignKey(
        PaidService,
        verbose_name=_("price list item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(0)]
    )
    free = models.BooleanField(_("free of charge"), default=False)
    amount = models.DecimalField(_("amount, so'm"), default=Decimal(0), max_digits=14, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.NEW
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    file = models.FileField(_("electronic copy"), upload_to="services/deliveries/%Y/", blank=True)
    file_type = models.CharField(max_length=50, blank=True, editable=False)
    token = models.CharField(max_length=64, unique=True, editable=False)
    link_expires_at = models.DateTimeField(_("link expires"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered"), null=True, blank=True)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[models.Manager[DeliveryOrder]] = institution_scoped()

    class Meta:
        verbose_name = _("delivery order")
        verbose_name_plural = _("delivery orders")
        ordering = ["-ordered_on", "-id"]
        indexes = [
            models.Index(fields=["institution", "status"]),
            models.Index(fields=["institution", "delivered_on"]),
        ]

    def __str__(self) -> str:
        return f"№{self.pk} {self.customer_name}"

    @property
    def paid(self) -> bool:
        """Free orders count as paid; others need a receipt that is not cancelled."""
        if self.free or self.amount == 0:
            return True
        return self.receipts.filter(cancelled_at__isnull=True).exists()

    def link_expired(self, now: datetime.datetime | None = None) -> bool:
        return self.link_expires_at is not None and (now or timezone.now()) >= self.link_expires_at


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("cash")
    CARD = "card", _("card (terminal)")
    TRANSFER = "transfer", _("bank transfer")


class Receipt(models.Model):
    """A numbered receipt (kvitansiya) for a paid service or a rent; cancelled, never deleted."""

    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=ServiceKind.choices)
    service = models.ForeignKey(
        PaidService, verbose_name=_("service"), on_delete=models.PROTECT, related_name="receipts"
    )
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    unit_price = models.DecimalField(
        _("unit price, so'm"), null=True, blank=True, max_digits=14, decimal_places=2
    )
    amount = models.DecimalField(_("amount, so'm"), max_digits=14, decimal_places=2)
    by_agreement = models.BooleanField(_("amount by agreement"), default=False)
    payer = models.CharField(_("payer"), max_length=300)
    method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    order = models.ForeignKey(
        DeliveryOrder,
        verbose_name=_("delivery order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="receipts",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    objects: ClassVar[models.Manager[Receipt]] = institution_scoped()

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "year", "number"], name="receipt_number_unique"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="receipt_amount_positive"),
        ]
        indexes = [models.Index(fields=["institution", "issued_on"])]

    def __str__(self) -> str:
        return f"{self.year}-{self.number:05d}"

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


class ReceiptCounter(models.Model):
    """The last receipt number of an institution in a year: one row, locked while numbering."""

    institution = models.ForeignKey("institutions.Institution", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    objects: ClassVar[models.Manager[ReceiptCounter]] = institution_scoped()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["institution", "year"], name="receipt_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.institution_id}/{self.year}: {self.last}"
