"""Every change to digital collections and QR boards goes through these functions: permission on
the institution (`actor=None` is the system: the demo), one transaction, one audit entry.

The digitisation service (`Perm.DIGITIZATION_EDIT`) keeps collections and boards; cataloguers
(`Perm.CATALOG_EDIT`) may also add items to a collection and remove them. Scans of a short link
are counted by `count_scan`, which needs no user (a tourist's phone).
"""

from __future__ import annotations

import datetime
import secrets
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from kutubxona.catalog import fulltext as fulltexts
from kutubxona.catalog.models import AccessLevel, FullText, Record
from kutubxona.core import audit
from kutubxona.core.text import sort_key
from kutubxona.elibrary.models import (
    CURRENT,
    CollectionItem,
    FullTextCollection,
    Purpose,
    QrBoard,
    QrBoardItem,
    ScanDay,
    ShortLink,
)
from kutubxona.institutions.access import can, require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm

COLLECTION_FIELDS = ["name", "description", "purpose", "is_public"]
BOARD_FIELDS = ["title", "place", "placed_on"]
# Short codes: letters and digits a person cannot confuse (no 0/o, 1/l/i), 8 of them: 40 bits.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 8


def may_add_items(user: Any, institution: Institution) -> bool:
    """The digitisation service and the cataloguers add and remove a collection's items."""
    return can(user, Perm.DIGITIZATION_EDIT, institution) or can(user, Perm.CATALOG_EDIT, institution)


def _require_items(actor: User | None, institution: Institution) -> None:
    if actor is not None and not may_add_items(actor, institution):
        raise PermissionDenied(Perm.DIGITIZATION_EDIT)


def _require(actor: User | None, institution: Institution) -> None:
    if actor is not None:
        require(actor, Perm.DIGITIZATION_EDIT, institution)


# --- Collections --------------------------------------------------------------------------------


def _check_collection(collection: FullTextCollection) -> None:
    errors = {}
    if not collection.name.strip():
        errors["name"] = _("Give the collection a name.")
    if collection.purpose not in Purpose.values:
        errors["purpose"] = _("Choose what the collection is for.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_collection(actor: User | None, institution: Institution, **fields: Any) -> FullTextCollection:
    _require(actor, institution)
    unknown = set(fields) - set(COLLECTION_FIELDS)
    if unknown:
        raise ValueError(f"not a collection field: {sorted(unknown)}")
    collection = FullTextCollection(institution=institution, created_by=actor, **fields)
    _check_collection(collection)
    collection.full_clean()
    collection.save()
    audit.record(
        actor,
        "elibrary.collection.create",
        collection,
        institution=institution,
        changes=audit.snapshot(collection, list(fields)),
    )
    return collection


@transaction.atomic
def update_collection(actor: User | None, collection: FullTextCollection, **changes: Any) -> dict[str, Any]:
    _require(actor, collection.institution)
    unknown = set(changes) - set(COLLECTION_FIELDS)
    if unknown:
        raise ValueError(f"not a collection field: {sorted(unknown)}")
    before = audit.snapshot(collection, list(changes))
    for name, value in changes.items():
        setattr(collection, name, value)
    _check_collection(collection)
    collection.full_clean()
    collection.save()
    diff = audit.diff(before, audit.snapshot(collection, list(changes)))
    if diff:
        audit.record(
            actor, "elibrary.collection.update", collection, institution=collection.institution, changes=diff
        )
    return diff


def default_file(record: Record) -> FullText | None:
    """The file an item shows when none is chosen: the record's first PDF, else its first file."""
    files = list(FullText.objects.filter(record=record).order_by("uploaded_at", "id"))
    return next((f for f in files if f.kind == "pdf"), files[0] if files else None)


def _already_in(collection: FullTextCollection, record: Record) -> ValidationError:
    return ValidationError(
        {"find": _("“%(title)s” is already in this collection.") % {"title": record.title}}
    )


@transaction.atomic
def add_item(
    actor: User | None,
    collection: FullTextCollection,
    record: Record,
    *,
    fulltext: FullText | None = None,
    upload: IO[bytes] | None = None,
    upload_name: str = "",
    access: str = "",
    added_at: datetime.date | None = None,
) -> CollectionItem:
    """Put a record of the collection's library in it, once. It shows `fulltext`, or the file
    `upload` attached to the record now, or by default the record's first file (none for a record
    without a file). `access`, if given, becomes that file's access level (a new file's default:
    library staff only)."""
    _require_items(actor, collection.institution)
    if record.institution_id != collection.institution_id:
        raise ValidationError(
            {"find": _("This record belongs to another library: add records of this library's catalogue.")}
        )
    if CollectionItem.objects.filter(CURRENT, collection=collection, record=record).exists():
        raise _already_in(collection, record)
    if upload is not None:
        fulltext = fulltexts.attach(
            actor, record, upload, name=upload_name or "file", access=access or AccessLevel.STAFF
        )
    elif fulltext is None:
        fulltext = default_file(record)
    elif fulltext.record_id != record.pk:
        raise ValidationError({"fulltext": _("The file must be one of this record's files.")})
    if access and fulltext is not None and fulltext.access != access:
        fulltexts.set_access(actor, fulltext, access)
    item = CollectionItem(
        institution=collection.institution,
        collection=collection,
        record=record,
        fulltext=fulltext,
        sort_title=sort_key(record.title)[:300],
        added_at=added_at or timezone.localdate(),
        added_by=actor,
    )
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:  # added by someone else a moment ago
        raise _already_in(collection, record) from None
    audit.record(
        actor,
        "elibrary.item.add",
        collection,
        institution=collection.institution,
        changes={"record": record.pk, "fulltext": fulltext.pk if fulltext else None},
    )
    return item


@transaction.atomic
def remove_item(actor: User | None, item: CollectionItem) -> None:
    """Take the item out of the collection: dated, not deleted (the period it was added in keeps
    its count); the pages and the search no longer show it."""
    _require_items(actor, item.institution)
    if not CollectionItem.objects.filter(CURRENT, pk=item.pk).update(removed_on=timezone.localdate()):
        return  # taken out a moment ago
    audit.record(
        actor,
        "elibrary.item.remove",
        item.collection,
        institution=item.institution,
        changes={"record": item.record_id, "added_at": item.added_at.isoformat()},
    )


@transaction.atomic
def set_item_access(actor: User | None, item: CollectionItem, access: str) -> FullText:
    """Who may open the item: its file's access level, changed for every place the file shows."""
    _require_items(actor, item.institution)
    if item.fulltext is None:
        raise ValidationError(
            {"access": _("This item has no file: it is a catalogue record, open to everyone.")}
        )
    return fulltexts.set_access(actor, item.fulltext, access)


@transaction.atomic
def set_item_file(actor: User | None, item: CollectionItem, fulltext: FullText | None) -> CollectionItem:
    """Show another of the record's files (or none)."""
    _require_items(actor, item.institution)
    if fulltext is not None and fulltext.record_id != item.record_id:
        raise ValidationError({"fulltext": _("The file must be one of this record's files.")})
    old = item.fulltext_id
    item.fulltext = fulltext
    item.save(update_fields=["fulltext"])
    audit.record(
        actor,
        "elibrary.item.file",
        item.collection,
        institution=item.institution,
        changes={"record": item.record_id, "fulltext": [old, fulltext.pk if fulltext else None]},
    )
    return item


# --- QR boards ----------------------------------------------------------------------------------


def _check_board(board: QrBoard) -> None:
    errors = {}
    if not board.title.strip():
        errors["title"] = _("Give the board a title.")
    if not board.place.strip():
        errors["place"] = _("Say where the board hangs: a hotel, a tourist site.")
    if board.placed_on and board.placed_on > timezone.localdate():
        errors["placed_on"] = _("%(day)s is in the future: date the board on the day it was put up.") % {
            "day": board.placed_on.isoformat()
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_board(actor: User | None, institution: Institution, **fields: Any) -> QrBoard:
    _require(actor, institution)
    unknown = set(fields) - set(BOARD_FIELDS)
    if unknown:
        raise ValueError(f"not a board field: {sorted(unknown)}")
    board = QrBoard(institution=institution, created_by=actor, **fields)
    _check_board(board)
    board.full_clean()
    board.save()
    audit.record(
        actor,
        "elibrary.board.create",
        board,
        institution=institution,
        changes=audit.snapshot(board, list(fields)),
    )
    return board


@transaction.atomic
def update_board(actor: User | None, board: QrBoard, **changes: Any) -> dict[str, Any]:
    _require(actor, board.institution)
    unknown = set(changes) - set(BOARD_FIELDS)
    if unknown:
        raise ValueError(f"not a board field: {sorted(unknown)}")
    before = audit.snapshot(board, list(changes))
    for name, value in changes.items():
        setattr(board, name, value)
    _check_board(board)
    board.full_clean()
    board.save()
    diff = audit.diff(before, audit.snapshot(board, list(changes)))
    if "placed_on" in diff and board.placed_on is not None:
        _date_items(board, board.placed_on)
    if diff:
        audit.record(actor, "elibrary.board.update", board, institution=board.institution, changes=diff)
    return diff


def _date_items(board: QrBoard, placed_on: datetime.date) -> None:
    """The board is put up on `placed_on`: its e-books not yet counted count from then (or from the
    day they were added, if later); one dated before that day (a corrected date) moves to it. The
    others keep their day: a later date of the board does not move e-books between periods."""
    items = QrBoardItem.objects.filter(board=board)
    items.filter(CURRENT, counted_on__isnull=True).update(counted_on=Greatest("added_on", Value(placed_on)))
    items.filter(counted_on__lt=placed_on).update(counted_on=placed_on)


def default_description(record: Record) -> str:
    """Title, author and year: what a passer-by needs to choose a book."""
    parts = [record.title.strip(" /:;.")]
    if record.author:
        parts.append(record.author.strip(" ,."))
    if record.year:
        parts.append(str(record.year))
    return ", ".join(parts)[:300]


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _short_link(record: Record) -> ShortLink:
    for _attempt in range(5):
        code = new_code()
        try:
            with transaction.atomic():
                return ShortLink.objects.create(institution=record.institution, code=code, record=record)
        except IntegrityError:  # the code is taken: draw another
            continue
    raise RuntimeError("no free short code after 5 draws")


@transaction.atomic
def add_board_item(
    actor: User | None,
    board: QrBoard,
    record: Record,
    description: str = "",
    *,
    added_on: datetime.date | None = None,
) -> QrBoardItem:
    """An e-book on the board, with its short link. Only a record of this library with a file open
    to everyone: a tourist who scans the code cannot log in. Line 36 counts it on the day it is
    added (`added_on`, default today), or when the board is put up if that is later."""
    _require(actor, board.institution)
    if record.institution_id != board.institution_id:
        raise ValidationError(
            {"find": _("This record belongs to another library: add records of this library's catalogue.")}
        )
    if not FullText.objects.filter(record=record, access=AccessLevel.PUBLIC).exists():
        raise ValidationError(
            {
                "find": _(
                    "“%(title)s” has no file open to everyone: a visitor who scans the code cannot log in. "
                    "Attach a file, or open one to everyone, first."
                )
                % {"title": record.title}
            }
        )
    if QrBoardItem.objects.filter(CURRENT, board=board, record=record).exists():
        raise ValidationError({"find": _("“%(title)s” is already on this board.") % {"title": record.title}})
    last = QrBoardItem.objects.filter(CURRENT, board=board).aggregate(last=Max("position"))["last"]
    added_on = added_on or timezone.localdate()
    item = QrBoardItem.objects.create(
        institution=board.institution,
        board=board,
        record=record,
        description=(description.strip() or default_description(record))[:300],
        position=(last or 0) + 1,
        link=_short_link(record),
        added_on=added_on,
        counted_on=max(added_on, board.placed_on) if board.placed_on else None,
    )
    audit.record(
        actor,
        "elibrary.board.item.add",
        board,
        institution=board.institution,
        changes={"record": record.pk, "code": item.link.code},
    )
    return item


@transaction.atomic
def remove_board_item(actor: User | None, item: QrBoardItem) -> None:
    """Take an e-book off the board: dated, not deleted (line 36 keeps counting it where it
    counted); its short link keeps working (a printed poster may still hang)."""
    _require(actor, item.institution)
    if not QrBoardItem.objects.filter(CURRENT, pk=item.pk).update(removed_on=timezone.localdate()):
        return  # taken off a moment ago
    audit.record(
        actor,
        "elibrary.board.item.remove",
        item.board,
        institution=item.institution,
        changes={"record": item.record_id, "code": item.link.code},
    )


@transaction.atomic
def move_board_item(actor: User | None, item: QrBoardItem, step: int) -> None:
    """Move an e-book one place up (`step` -1) or down (+1) on the board."""
    _require(actor, item.institution)
    items = list(
        QrBoardItem.objects.select_for_update()
        .filter(CURRENT, board_id=item.board_id)
        .order_by("position", "id")
    )
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + (1 if step > 0 else -1)
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items, start=1):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])
    audit.record(
        actor,
        "elibrary.board.item.move",
        item.board,
        institution=item.institution,
        changes={"record": item.record_id, "position": [index + 1, target + 1]},
    )


@transaction.atomic
def count_scan(link: ShortLink, when: datetime.datetime | None = None) -> None:
    """One more scan of the link: its total (`F() + 1` in the database, so none is lost when
    many come at once) and its day's count. Nothing about the visitor is kept."""
    now = when or timezone.now()
    day = timezone.localdate(now)
    ShortLink.objects.filter(pk=link.pk).update(scans=F("scans") + 1, last_scanned_at=now)
    if ScanDay.objects.filter(link_id=link.pk, day=day).update(scans=F("scans") + 1):
        return
    try:
        with transaction.atomic():
            ScanDay.objects.create(link_id=link.pk, day=day, scans=1)
    except IntegrityError:  # the day's first scan came from another request at the same moment
        ScanDay.objects.filter(link_id=link.pk, day=day).update(scans=F("scans") + 1)
