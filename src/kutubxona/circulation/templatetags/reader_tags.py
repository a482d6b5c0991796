"""`{% current_reader as reader %}`: the reader logged into the catalogue, for the hold button."""

from __future__ import annotations

from typing import Any

from django import template

from kutubxona.readers.session import reader_ids

register = template.Library()


@register.simple_tag(takes_context=True)
def current_reader(context: dict[str, Any]) -> int | None:
    request = context.get("request")
    ids = reader_ids(request) if request is not None else None
    return ids[0] if ids else None
