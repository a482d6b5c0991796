"""Every change to the price list, delivery orders and receipts goes through these functions.

Each checks the actor's permission (`actor=None` is the system: the demo, the public download
page), runs in one transaction and writes the audit entry. The price list needs
`services.prices` (the director approves it); orders and receipts need `services.edit`.
"""

from __future__ import annotations

import datetime
import secrets
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kutubxona.core import audit
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm
from kutubxona.services.files import sniff_upload
from kutubxona.services.models import (
    Customer,
    DeliveryOrder,
    OrderStatus,
    PaidService,
    PaymentMethod,
    Price,
    Receipt,
    ReceiptCounter,
    ServiceKind,
)

SERVICE_FIELDS = ["name_uz", "name_uz_cyrl", "name_ru", "name_en", "kind", "unit"]
ORDER_FIELDS = [
    "ordered_on",
    "customer",
    "customer_name",
    "email",
    "phone",
    "country",
    "wanted",
    "record",
    "copies",
    "service",
    "quantity",
    "free",
]
SOUM = Decimal(1)


def _require(actor: User | None, perm: str, institution: Institution) -> None:
    if actor is not None:
        require(actor, perm, institution)


def _day(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _money(value: Decimal) -> Decimal:
    """Sums are in whole so'm (tiyin are not used in cash any more)."""
    return value.quantize(SOUM, rounding=ROUND_HALF_UP)


# --- The price list ---------------------------------------------------------------------------


@transaction.atomic
def create_service(actor: User | None, institution: Institution, **fields: Any) -> PaidService:
    _require(actor, Perm.PRICES_APPROVE, institution)
    unknown = set(fields) - set(SERVICE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    service = PaidService(institution=institution, **fields)
    service.full_clean()
    service.save()
    audit.record(
        actor,
        "services.service.create",
        service,
        institution=institution,
        changes=audit.snapshot(service, SERVICE_FIELDS),
    )
    return service


@transaction.atomic
def update_service(actor: User | None, service: PaidService, **changes: Any) -> PaidService:
    _require(actor, Perm.PRICES_APPROVE, service.institution)
    diff = audit.apply_changes(service, changes, SERVICE_FIELDS)
    audit.record(actor, "services.service.update", service, institution=service.institution, changes=diff)
    return service


@transaction.atomic
def set_price(
    actor: User | None,
    service: PaidService,
    *,
    amount: Decimal,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
) -> Price:
    """A new price of a service. The open price it follows is closed the day before it starts;
    a period overlapping another price of the service is refused, naming that price."""
    _require(actor, Perm.PRICES_APPROVE, service.institution)
    if amount is None or amount < 0:
        raise ValidationError({"amount": _("A price cannot be negative.")})
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("The end of the validity is before its start.")})
    # Lock the service: two directors' windows must not both close the same price, nor both
    # add a first price.
    with scopes_disabled():
        PaidService.objects.select_for_update(of=("self",)).filter(pk=service.pk).first()
    prices = list(Price.objects.filter(service=service).order_by("valid_from"))
    closed: Price | None = None
    for price in prices:
        if price.valid_to is None and price.valid_from < valid_from:
            price.valid_to = valid_from - datetime.timedelta(days=1)
            closed = price
    far = datetime.date.max
    for price in prices:
        if price.valid_from <= (valid_to or far) and valid_from <= (price.valid_to or far):
            raise ValidationError(
                _(
                    "The price overlaps the price of %(amount)s so'm valid from %(start)s to %(end)s. "
                    "Choose dates outside that period."
                )
                % {
                    "amount": _money(price.amount),
                    "start": _day(price.valid_from),
                    "end": _day(price.valid_to) if price.valid_to else _("further notice"),
                }
            )
    if closed is not None:
        closed.save(update_fields=["valid_to"])
        audit.record(
            actor,
            "services.price.close",
            closed,
            institution=service.institution,
            changes={"valid_to": [None, closed.valid_to.isoformat() if closed.valid_to else None]},
        )
    price = Price(
        service=service, amount=_money(amount), valid_from=valid_from, valid_to=valid_to, approved_by=actor
    )
    price.full_clean()
    price.save()
    audit.record(
        actor,
        "services.price.create",
        price,
        institution=service.institution,
        changes=audit.snapshot(price, ["service", "amount", "valid_from", "valid_to"]),
    )
    return price


def unit_price(service: PaidService, day: datetime.date) -> Decimal:
    """The price of a unit of the service on a day, from the price list."""
    price = service.price_on(day)
    if price is None:
        raise ValidationError(
            {
                "service": _("The price list has no price for “%(service)s” on %(day)s.")
                % {"service": service.name, "day": _day(day)}
            }
        )
    return price.amount


# --- Receipts ---------------------------------------------------------------------------------


def _next_number(institution: Institution, year: int) -> int:
    """The next receipt number of the year, with no gaps, safe when two cashiers issue at once.

    The counter row's UPDATE locks it until the receipt commits (PostgreSQL row lock; on
    SQLite the IMMEDIATE transaction holds the database's write lock), and rolls back with a
    failed receipt, so a number is never skipped nor given twice.
    """
    with scopes_disabled():  # the institution is named explicitly; the counter is internal
        counter = ReceiptCounter.objects.filter(institution=institution, year=year)
        if not counter.update(last=F("last") + 1):
            try:
                with transaction.atomic():
                    ReceiptCounter.objects.create(institution=institution, year=year, last=1)
                return 1
            except IntegrityError:  # another cashier made the year's counter first
                counter.update(last=F("last") + 1)
        return counter.values_list("last", flat=True).get()


def _issue(
    actor: User | None,
    institution: Institution,
    *,
    service: PaidService,
    quantity: Decimal,
    price: Decimal | None,
    amount: Decimal,
    payer: str,
    method: str,
    issued_on: datetime.date,
    order: DeliveryOrder | None = None,
) -> Receipt:
    if service.institution_id != institution.pk:
        raise ValidationError({"service": _("The service is not on this library's price list.")})
    if quantity is None or quantity <= 0:
        raise ValidationError({"quantity": _("The quantity must be more than zero.")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount of a receipt must be more than zero.")})
    if method not in PaymentMethod.values:
        raise ValidationError({"method": _("Choose how the payment was made.")})
    if not payer.strip():
        raise ValidationError({"payer": _("Write who paid.")})
    receipt = Receipt(
        institution=institution,
        year=issued_on.year,
        issued_on=issued_on,
        kind=service.kind,
        service=service,
        quantity=quantity,
        unit_price=price,
        amount=_money(amount),
        by_agreement=price is None,
        payer=payer.strip(),
        method=method,
        order=order,
        issued_by=actor,
    )
    receipt.number = _next_number(institution, issued_on.year)
    # The related rows were passed in as objects and the number comes from the counter, so the
    # lookups full_clean would make for them (a query each) prove nothing; the database's
    # foreign keys and unique constraint still hold.
    receipt.full_clean(exclude=["institution", "service", "order", "issued_by"], validate_constraints=False)
    receipt.save()
    audit.record(
        actor,
        "services.receipt.issue",
        receipt,
        institution=institution,
        changes=audit.snapshot(
            receipt, ["number", "issued_on", "kind", "service", "quantity", "amount", "method"]
        ),
    )
    return receipt


@transaction.atomic
def issue_receipt(
    actor: User | None,
    institution: Institution,
    *,
    service: PaidService,
    quantity: Decimal,
    payer: str,
    method: str,
    issued_on: datetime.date | None = None,
    amount: Decimal | None = None,
) -> Receipt:
    """A receipt priced from the price list on its date; a rent may instead carry the amount
    agreed with the tenant (`amount`)."""
    _require(actor, Perm.SERVICES_EDIT, institution)
    issued_on = issued_on or timezone.localdate()
    if amount is not None and service.kind != ServiceKind.RENT:
        raise ValidationError(
            {"amount": _("A library service is priced from the price list: leave the amount empty.")}
        )
    price: Decimal | None = None
    if amount is None:
        price = unit_price(service, issued_on)
        amount = price * (quantity or 0)
    return _issue(
        actor,
        institution,
        service=service,
        quantity=quantity,
        price=price,
        amount=amount,
        payer=payer,
        method=method,
        issued_on=issued_on,
    )


@transaction.atomic
def cancel_receipt(actor: User | None, receipt: Receipt, reason: str) -> Receipt:
    """A mistaken receipt keeps its number and is no longer counted as income."""
    _require(actor, Perm.SERVICES_EDIT, receipt.institution)
    if receipt.cancelled:
        raise ValidationError(_("This receipt is already cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the receipt is cancelled.")})
    receipt.cancelled_at = timezone.now()
    receipt.cancelled_by = actor
    receipt.cancel_reason = reason.strip()
    receipt.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    audit.record(
        actor,
        "services.receipt.cancel",
        receipt,
        institution=receipt.institution,
        changes={"reason": receipt.cancel_reason, "amount": str(receipt.amount)},
    )
    return receipt


# --- Delivery orders --------------------------------------------------------------------------


def _check_order(order: DeliveryOrder) -> None:
    errors: dict[str, str] = {}
    if not (order.email or order.phone):
        errors["email"] = _("Give an e-mail address or a phone number to reach the customer.")
    if order.customer == Customer.FOREIGN and not order.country.strip():
        errors["country"] = _("Name the country of a foreign customer.")
    if order.service is None and not order.free:
        errors["service"] = _("Choose the price list item, or mark the order free of charge.")
    if order.service is not None and order.service.institution_id != order.institution_id:
        errors["service"] = _("The service is not on this library's price list.")
    if order.record is not None and order.record.institution_id != order.institution_id:
        errors["record"] = _("The record is not in this library's catalogue.")
    if order.quantity is None or order.quantity <= 0:
        errors["quantity"] = _("The quantity must be more than zero.")
    if errors:
        raise ValidationError(errors)


def _price(order: DeliveryOrder) -> None:
    """The order's amount: the price on the order's date times the quantity, or nothing if free."""
    if order.free or order.service is None:
        order.amount = Decimal(0)
    else:
        order.amount = _money(unit_price(order.service, order.ordered_on) * order.quantity)


@transaction.atomic
def create_order(actor: User | None, institution: Institution, **fields: Any) -> DeliveryOrder:
    _require(actor, Perm.SERVICES_EDIT, institution)
    unknown = set(fields) - set(ORDER_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    order = DeliveryOrder(
        institution=institution, created_by=actor, token=secrets.token_urlsafe(32), **fields
    )
    _check_order(order)
    _price(order)
    order.full_clean()
    order.save()
    audit.record(
        actor,
        "services.order.create",
        order,
        institution=institution,
        changes=audit.snapshot(order, [*ORDER_FIELDS, "amount"]),
    )
    return order


def _status(actor: User | None, order: DeliveryOrder, new: str, action: str, **changes: Any) -> None:
    old = order.status
    order.status = new
    order.save()
    audit.record(
        actor,
        f"services.order.{action}",
        order,
        institution=order.institution,
        changes={"status": [old, new], **changes},
    )


def _locked(order: DeliveryOrder) -> DeliveryOrder:
    """The order re-read under a row lock, so two clicks do not both change its status."""
    with scopes_disabled():
        locked = DeliveryOrder.objects.select_for_update(of=("self",))  # not the institution row
        fresh = locked.select_related("institution").get(pk=order.pk)
    order.__dict__.update(fresh.__dict__)
    return order


def _refuse_closed(order: DeliveryOrder) -> None:
    if order.status in (OrderStatus.DELIVERED, OrderStatus.CANCELLED):
        raise ValidationError(
            _("The order is %(status)s: it cannot be changed.") % {"status": order.get_status_display()}
        )


@transaction.atomic
def start_work(actor: User | None, order: DeliveryOrder) -> DeliveryOrder:
    _require(actor, Perm.SERVICES_EDIT, order.institution)
    _locked(order)
    if order.status != OrderStatus.NEW:
        raise ValidationError(_("Only a new order can be taken into work."))
    _status(actor, order, OrderStatus.IN_WORK, "start")
    return order


def _open_link(order: DeliveryOrder) -> None:
    """Start the link's days once the copy is ready and paid (an unpaid link would only expire)."""
    if order.status == OrderStatus.READY and order.link_expires_at is None and order.paid:
        days = settings.KUTUBXONA_DELIVERY_LINK_DAYS
        order.link_expires_at = timezone.now() + datetime.timedelta(days=days)
        order.save(update_fields=["link_expires_at"])


@transaction.atomic
def attach_copy(actor: User | None, order: DeliveryOrder, upload: UploadedFile) -> DeliveryOrder:
    """The electronic copy (a PDF or an image, checked by its first bytes): the order is ready."""
    _require(actor, Perm.SERVICES_EDIT, order.institution)
    _locked(order)
    _refuse_closed(order)
    kind = sniff_upload(upload)
    if kind is None:
        raise ValidationError({"file": _("The file is not a PDF or an image (JPEG, PNG, TIFF).")})
    limit = settings.KUTUBXONA_DELIVERY_MAX_MB
    if upload.size is not None and upload.size > limit * 1024 * 1024:
        raise ValidationError({"file": _("The file is larger than %(limit)s MB.") % {"limit": limit}})
    content_type, extension = kind
    previous = order.file.name if order.file else ""
    order.file.save(f"order-{order.pk}-{secrets.token_hex(4)}.{extension}", upload, save=False)
    order.file_type = content_type
    order.link_expires_at = None
    _status(actor, order, OrderStatus.READY, "attach", file=[previous, order.file.name])
    _open_link(order)
    return order


@transaction.atomic
def record_payment(
    actor: User | None,
    order: DeliveryOrder,
    *,
    method: str,
    payer: str = "",
    issued_on: datetime.date | None = None,
) -> Receipt:
    """A receipt for the order's amount, linked to it."""
    _require(actor, Perm.SERVICES_EDIT, order.institution)
    _locked(order)
    if order.status == OrderStatus.CANCELLED:
        raise ValidationError(_("The order is cancelled: there is nothing to pay."))
    if order.paid:
        raise ValidationError(_("The order is already paid (or free of charge)."))
    assert order.service is not None  # an order that is not free has a service (_check_order)
    receipt = _issue(
        actor,
        order.institution,
        service=order.service,
        quantity=order.quantity,
        price=unit_price(order.service, order.ordered_on),
        amount=order.amount,
        payer=payer or order.customer_name,
        method=method,
        issued_on=issued_on or timezone.localdate(),
        order=order,
    )
    _open_link(order)
    return receipt


def _deliver(actor: User | None, order: DeliveryOrder, day: datetime.date, action: str) -> None:
    order.delivered_on = day
    _status(actor, order, OrderStatus.DELIVERED, action, delivered_on=day.isoformat())


@transaction.atomic
def mark_delivered(
    actor: User | None, order: DeliveryOrder, on: datetime.date | None = None
) -> DeliveryOrder:
    """Delivered outside the link (by e-mail, on a disk): the staff member says so."""
    _require(actor, Perm.SERVICES_EDIT, order.institution)
    _locked(order)
    if order.status not in (OrderStatus.IN_WORK, OrderStatus.READY):
        raise ValidationError(_("Only an order in work or ready can be delivered."))
    if not order.paid:
        raise ValidationError(
            _("The order costs %(amount)s so'm and is not paid: record the payment first.")
            % {"amount": order.amount}
        )
    _deliver(actor, order, on or timezone.localdate(), "deliver")
    return order


@transaction.atomic
def cancel_order(actor: User | None, order: DeliveryOrder, reason: str) -> DeliveryOrder:
    _require(actor, Perm.SERVICES_EDIT, order.institution)
    _locked(order)
    _refuse_closed(order)
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the order is cancelled.")})
    if order.receipts.filter(cancelled_at__isnull=True).exists():
        raise ValidationError(_("The order is paid: cancel its receipt first (the money goes back)."))
    order.cancel_reason = reason.strip()
    _status(actor, order, OrderStatus.CANCELLED, "cancel", reason=order.cancel_reason)
    return order


@transaction.atomic
def renew_link(actor: User | None, order: DeliveryOrder) -> DeliveryOrder:
    """A new link (the old one stops working) for another period, e.g. when the customer missed it."""
    _require(actor, Perm.SERVICES_EDIT, order.institution)
    _locked(order)
    if order.status not in (OrderStatus.READY, OrderStatus.DELIVERED) or not order.file:
        raise ValidationError(_("Only an order with its electronic copy attached has a link."))
    if not order.paid:
        raise ValidationError(_("The order is not paid yet: the link opens when it is."))
    order.token = secrets.token_urlsafe(32)
    order.link_expires_at = timezone.now() + datetime.timedelta(days=settings.KUTUBXONA_DELIVERY_LINK_DAYS)
    order.save(update_fields=["token", "link_expires_at"])
    audit.record(
        actor,
        "services.order.renew_link",
        order,
        institution=order.institution,
        changes={"link_expires_at": order.link_expires_at.isoformat()},
    )
    return order


class LinkClosed(Exception):
    """The download link cannot serve the file; `reason` says why, for the public page."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def check_link(order: DeliveryOrder) -> None:
    """Whether the link serves the file now (raises LinkClosed with the reason if not)."""
    if order.status == OrderStatus.CANCELLED:
        raise LinkClosed("cancelled")
    if order.status not in (OrderStatus.READY, OrderStatus.DELIVERED) or not order.file:
        raise LinkClosed("not_ready")
    if not order.paid or order.link_expires_at is None:
        raise LinkClosed("unpaid")
    if order.link_expired():
        raise LinkClosed("expired")


@transaction.atomic
def register_download(order: DeliveryOrder) -> DeliveryOrder:
    """The customer downloaded the copy through the link: the order is delivered (once)."""
    _locked(order)
    check_link(order)
    order.downloads += 1
    order.save(update_fields=["downloads"])
    if order.status == OrderStatus.READY:
        _deliver(None, order, timezone.localdate(), "download")
    return order
