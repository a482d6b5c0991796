"""What remote delivery and paid services count for the work plan (lines 23, 23.1-23.3, 42.1, 42.2).

`services.deliveries` counts the electronic copies of delivered orders (the line's unit is
"copy"; an order of 10 pages of one article is one copy) by the day of delivery, split by
customer. `services.income` sums the receipts that are not cancelled, by their date, split by
kind (library services or rent).
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.core.dated_metrics import DatedRows, drill_down, sum_per_institution
from kutubxona.planning.registry import Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit
from kutubxona.services.models import Customer, DeliveryOrder, OrderStatus, Receipt, ServiceKind
from kutubxona.services.views.common import READERS

delivered_orders = DatedRows(
    DeliveryOrder, "delivered_on", {"customer": "customer"}, where=Q(status=OrderStatus.DELIVERED)
)
income_receipts = DatedRows(
    Receipt, "issued_on", {"kind": "kind"}, where=Q(cancelled_at__isnull=True), related=("service",)
)


def _delivery_row(order: DeliveryOrder) -> RecordRow:
    return RecordRow(
        date=order.delivered_on or order.ordered_on,
        title=f"№{order.pk} {order.customer_name}",
        detail=f"{order.get_customer_display()} · {order.wanted[:80]}",
        url=reverse("services:order", args=[order.pk]),
        value=order.copies,
        perms=READERS,
    )


def _income_row(receipt: Receipt) -> RecordRow:
    return RecordRow(
        date=receipt.issued_on,
        title=f"№{receipt} {receipt.service.name}",
        detail=f"{receipt.payer} · {receipt.get_method_display()}",
        url=reverse("services:receipt", args=[receipt.pk]),
        value=receipt.amount,
        perms=READERS,
    )


count_deliveries = sum_per_institution(delivered_orders, "copies")
delivery_rows = drill_down(delivered_orders, _delivery_row)
count_income = sum_per_institution(income_receipts, "amount")
income_rows = drill_down(income_receipts, _income_row, order=("-issued_on", "-number"))


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
