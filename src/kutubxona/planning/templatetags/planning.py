from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import template

from kutubxona.planning import layout

register = template.Library()


@register.filter
def num(value: Decimal | int | None) -> str:
    """12 500, 2.5, or "—" for no number: the way a plan table writes numbers."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    text = f"{value.normalize():,f}" if value != value.to_integral_value() else f"{int(value):,}"
    return text.replace(",", "\u202f")


@register.filter
def get_item(mapping: Mapping[Any, Any], key: Any) -> Any:
    return mapping.get(key)


@register.filter
def approx(value: Decimal | None) -> str:
    """An expected figure: whole numbers from 10 up, one decimal below (4.5 documents, not 4.52)."""
    return num(layout.approx(value))
