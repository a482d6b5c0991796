"""QR boards need e-books with a file open to everyone (a tourist cannot log in). A file's access
may change afterwards (on the collection page, in the catalogue) or the file may be removed: the
board page flags such e-books and the poster leaves them off, and the page that made the change
warns (`warn_boards`, the receiver of `core.signals.record_files_changed`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from kutubxona.catalog.models import AccessLevel, FullText, Record
from kutubxona.elibrary.models import QrBoard


def with_public_file(record_ids: Iterable[int]) -> set[int]:
    """Those of the records that have a file open to everyone."""
    found = FullText.objects.filter(record_id__in=list(record_ids), access=AccessLevel.PUBLIC)
    return set(found.values_list("record_id", flat=True))


def board_warning(record: Record) -> str:
    """A warning if the record is on a QR board but has no file open to everyone, else ""."""
    if with_public_file([record.pk]):
        return ""
    boards = QrBoard.objects.filter(items__removed_on__isnull=True, items__record=record)
    titles = sorted({board.title for board in boards})
    if not titles:
        return ""
    return _(
        "“%(title)s” is on the QR board %(boards)s but has no file open to everyone any more: a visitor "
        "who scans its code cannot read it. Open a file to everyone, or take it off the board."
    ) % {"title": record.title, "boards": ", ".join(f"“{title}”" for title in titles)}


def warn_boards(sender: Any, *, record: Record, **kwargs: Any) -> str:
    """The receiver of `record_files_changed`."""
    return board_warning(record)
