"""The metric registry: what the domain apps can count, for plan lines to bind to.

A domain app registers its metrics in its own `metrics.py` (found by `autodiscover`), e.g.

    register(Metric(key="circulation.loans", label=_("Loans"), unit=Unit.COPY,
                    dimensions={"category": ["organisation", "akm_specialist", "individual"]},
                    count=count_loans, records=loan_rows))

`planning` imports no domain app: a plan line names a metric key and dimensions, and a line
whose metric is not registered (its domain is not built yet) is fed by manual fact entries.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.utils.functional import Promise

Dimensions = Mapping[str, str]
# (institution ids, first day, last day, dimensions) -> {institution id: value}
CountFn = Callable[[Sequence[int], datetime.date, datetime.date, Dimensions], Mapping[int, Decimal | int]]


@dataclass(frozen=True)
class RecordRow:
    """One record behind a number, as the drill-down page shows it."""

    date: datetime.date
    title: str
    detail: str = ""
    url: str = ""
    value: Decimal | int = 1
    # The permissions of which any opens `url`; none: whoever reads the plan may open it.
    perms: tuple[str, ...] = ()


# (institution ids, first day, last day, dimensions, limit) -> rows, newest first
RecordsFn = Callable[[Sequence[int], datetime.date, datetime.date, Dimensions, int], Sequence[RecordRow]]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str | Promise
    unit: str
    count: CountFn
    records: RecordsFn | None = None
    dimensions: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def check_dimensions(self, dimensions: Dimensions) -> None:
        for name, value in dimensions.items():
            allowed = self.dimensions.get(name)
            if allowed is None or value not in allowed:
                raise ValueError(f"{self.key}: unknown dimension {name}={value}")


_registry: dict[str, Metric] = {}


def register(metric: Metric) -> Metric:
    if metric.key in _registry and _registry[metric.key] is not metric:
        raise ValueError(f"metric {metric.key} registered twice")
    _registry[metric.key] = metric
    return metric


def unregister(key: str) -> None:
    _registry.pop(key, None)


def get(key: str) -> Metric | None:
    return _registry.get(key) if key else None


def all_metrics() -> list[Metric]:
    return sorted(_registry.values(), key=lambda m: m.key)


def autodiscover() -> None:
    """Import `metrics.py` of every Kutubxona app, so each registers its own metrics."""
    for config in apps.get_app_configs():
        if not config.name.startswith("kutubxona."):
            continue
        try:
            importlib.import_module(f"{config.name}.metrics")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.metrics":
                raise
