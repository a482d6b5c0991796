"""The catalogue's own navigation, the same on each of its pages (list, copies, articles, classes,
imports), so the pages built by different hands read as one tool."""

from typing import Any

from django import template

from kutubxona.institutions.access import can
from kutubxona.institutions.roles import Perm

register = template.Library()


@register.inclusion_tag("catalog/_nav.html", takes_context=True)
def catalog_nav(context: dict[str, Any], section: str = "") -> dict[str, Any]:
    """The tabs of the catalogue, `section` marked as the current one; imports for cataloguers only."""
    user = context["request"].user
    return {"section": section, "can_edit": can(user, Perm.CATALOG_EDIT)}
