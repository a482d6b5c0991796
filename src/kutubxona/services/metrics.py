"""What remote delivery and paid services count for the work plan (lines 23, 23.1-23.3, 42.1, 42.2).

`services.deliveries` counts the electronic copies of delivered orders (the line's unit is
"copy"; an order of 10 pages of one article is one copy) by the day of delivery, split by
customer. `services.income` sums the receipts that are not cancelled, by their date, split by
kind (library services or rent).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.planning.registry import Dimensions, Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit
from kutubxona.services.models import Customer, DeliveryOrder, OrderStatus, Receipt, ServiceKind


def delivered_orders(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
) -> QuerySet[DeliveryOrder]:
    orders = DeliveryOrder.objects.filter(
        institution_id__in=list(ids),
        status=OrderStatus.DELIVERED,
        delivered_on__gte=start,
        delivered_on__lte=end,
    )
    if "customer" in dimensions:
        orders = orders.filter(customer=dimensions["customer"])
    return orders


def count_deliveries(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
) -> dict[int, int]:
    rows = (
        delivered_orders(ids, start, end, dimensions)
        .order_by()
        .values("institution_id")
        .annotate(n=Sum("copies"))
    )
    return {row["institution_id"]: row["n"] or 0 for row in rows}


def delivery_rows(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
) -> list[RecordRow]:
    orders = delivered_orders(ids, start, end, dimensions).order_by("-delivered_on", "-id")[:limit]
    return [
        RecordRow(
            date=order.delivered_on or order.ordered_on,
            title=f"№{order.pk} {order.customer_name}",
            detail=f"{order.get_customer_display()} · {order.wanted[:80]}",
            url=reverse("services:order", args=[order.pk]),
            value=order.copies,
        )
        for order in orders
    ]


def income_receipts(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
) -> QuerySet[Receipt]:
    receipts = Receipt.objects.filter(
        institution_id__in=list(ids), cancelled_at__isnull=True, issued_on__gte=start, issued_on__lte=end
    )
    if "kind" in dimensions:
        receipts = receipts.filter(kind=dimensions["kind"])
    return receipts


def count_income(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions
) -> dict[int, Decimal]:
    rows = (
        income_receipts(ids, start, end, dimensions)
        .order_by()
        .values("institution_id")
        .annotate(total=Sum("amount"))
    )
    return {row["institution_id"]: row["total"] or Decimal(0) for row in rows}


def income_rows(
    ids: Sequence[int], start: datetime.date, end: datetime.date, dimensions: Dimensions, limit: int
) -> list[RecordRow]:
    receipts = (
        income_receipts(ids, start, end, dimensions)
        .select_related("service")
        .order_by("-issued_on", "-number")[:limit]
    )
    return [
        RecordRow(
            date=receipt.issued_on,
            title=f"№{receipt} {receipt.service.name}",
            detail=f"{receipt.payer} · {receipt.get_method_display()}",
            url=reverse("services:receipt", args=[receipt.pk]),
            value=receipt.amount,
        )
        for receipt in receipts
    ]


register(
    Metric(
        key="services.deliveries",
        label=_("electronic copies delivered remotely"),
        unit=Unit.COPY,
        count=count_deliveries,
        records=delivery_rows,
        dimensions={"customer": Customer.values},
    )
)
register(
    Metric(
        key="services.income",
        label=_("income from paid services (receipts)"),
        unit=Unit.SUM,
        count=count_income,
        records=income_rows,
        dimensions={"kind": ServiceKind.values},
    )
)
