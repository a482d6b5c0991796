"""What the event pages share: who may read them, and the event looked up within the scope."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from kutubxona.events.models import Event
from kutubxona.institutions.roles import Perm

# Everyone who sees the work plan may open the events behind its numbers (the drill-down);
# recording them needs `events.edit`.
READ = Perm.PLAN_VIEW


def get_event(pk: int) -> Event:
    """The event, if it is in the user's scope (another library's is a 404, not a 403)."""
    return get_object_or_404(Event.objects.select_related("institution", "sector"), pk=pk)
