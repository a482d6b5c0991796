"""What the desk page and the reader's page share: the reader's loans, holds and blocks."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from kutubxona.circulation import actions
from kutubxona.circulation.actions import blocks
from kutubxona.circulation.models import ACTIVE_HOLD, OPEN, Hold, Loan
from kutubxona.circulation.writelock import one_writer
from kutubxona.readers.models import Reader


def expire_holds(**which: Any) -> int:
    """Expire the holds not picked up in time (`actions.expire_holds`) from a page that only reads
    otherwise: as the desk writes, under the SQLite write lock (notices leave by a job)."""
    with one_writer():
        return actions.expire_holds(**which)


def reader_panel(reader: Reader) -> dict[str, Any]:
    today = timezone.localdate()
    loans = list(
        Loan.objects.filter(OPEN, reader=reader).select_related("copy__record").order_by("due_on", "id")
    )
    overdue = [loan for loan in loans if loan.due_on < today]
    return {
        "loans": loans,
        "overdue": overdue,
        "blocks": blocks(reader, today, overdue=len(overdue)),
        "holds": Hold.objects.filter(reader=reader, status__in=ACTIVE_HOLD).select_related("record", "copy"),
        "lost": Loan.objects.filter(
            reader=reader, lost_on__isnull=False, replaced_on__isnull=True
        ).select_related("copy__record"),
        "today": today,
    }
