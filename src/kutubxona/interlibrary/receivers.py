"""What interlibrary does when readers change (core/signals.py): the request links the reader and
keeps the name and card as typed, so anonymising clears that copy (the link stays, shown as an
anonymised reader, and the request still counts for line 19), and merging moves the duplicate's
requests to the kept reader (before the duplicate is deleted, which would unlink them). No audit
entry of its own: the readers' action is the audited change, and it lists these counts."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django_scopes import scopes_disabled

from kutubxona.institutions.models import Institution
from kutubxona.interlibrary.models import Request


def clear_anonymised(
    sender: Any, *, institution: Institution, readers: list[tuple[int, str]], **kwargs: Any
) -> dict[str, int]:
    ids = [pk for pk, _card in readers]
    cards = [card for _pk, card in readers if card]
    with scopes_disabled():
        cleared = (
            Request.objects.filter(institution=institution)
            .filter(Q(reader_id__in=ids) | Q(reader_card__in=cards))
            .update(reader_name="", reader_card="")
        )
    return {"interlibrary_requests": cleared}


def move_merged(
    sender: Any, *, institution: Institution, keep_id: int, duplicate_id: int, **kwargs: Any
) -> dict[str, int]:
    with scopes_disabled():
        theirs = Request.objects.filter(institution=institution, reader_id=duplicate_id)
        moved = theirs.update(reader_id=keep_id)
    return {"interlibrary_requests": moved}
