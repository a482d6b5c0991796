"""The cash summary of a day and the totals by service for a period (cancelled receipts apart)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from kutubxona.institutions.models import Institution
from kutubxona.services.models import PaymentMethod, Receipt


@dataclass
class Line:
    label: str
    count: int = 0
    quantity: Decimal = Decimal(0)
    amount: Decimal = Decimal(0)

    def add(self, receipt: Receipt) -> None:
        self.count += 1
        self.quantity += receipt.quantity
        self.amount += receipt.amount


@dataclass
class Summary:
    institution: Institution
    start: datetime.date
    end: datetime.date
    receipts: list[Receipt]
    cancelled: list[Receipt]
    by_method: list[Line] = field(default_factory=list)
    by_service: list[Line] = field(default_factory=list)
    by_kind: list[Line] = field(default_factory=list)
    total: Line = field(default_factory=lambda: Line(""))


def _label(receipt: Receipt, key: str) -> str:
    if key == "method":
        return str(receipt.get_method_display())
    if key == "kind":
        return str(receipt.get_kind_display())
    return receipt.service.name


def _grouped(receipts: list[Receipt], key: str) -> list[Line]:
    lines: dict[str, Line] = {}
    for receipt in receipts:
        label = _label(receipt, key)
        lines.setdefault(label, Line(label)).add(receipt)
    return sorted(lines.values(), key=lambda line: -line.amount)


def summary(institution: Institution, start: datetime.date, end: datetime.date) -> Summary:
    everything = list(
        Receipt.objects.filter(institution=institution, issued_on__gte=start, issued_on__lte=end)
        .select_related("service", "issued_by")
        .order_by("issued_on", "number")
    )
    receipts = [r for r in everything if not r.cancelled]
    result = Summary(
        institution=institution,
        start=start,
        end=end,
        receipts=receipts,
        cancelled=[r for r in everything if r.cancelled],
        by_method=_grouped(receipts, "method"),
        by_service=_grouped(receipts, "service"),
        by_kind=_grouped(receipts, "kind"),
    )
    # Every method appears in the day's cash summary, also with nothing taken.
    present = {line.label for line in result.by_method}
    result.by_method += [Line(str(label)) for label in PaymentMethod.labels if str(label) not in present]
    for receipt in receipts:
        result.total.add(receipt)
    return result
