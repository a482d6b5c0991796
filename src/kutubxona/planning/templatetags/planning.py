from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import template

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
