"""Full-text files of records: what a file is (by its bytes), who may open it, and the writes.

The writes follow `actions.py` (permission, one transaction, an audit entry). Who may read a
file depends on its access level: everyone (public), the library's registered readers, or its
staff. Staff of the institution (and those above it who see it) open every file; readers arrive
with the readers' app, which plugs its rule in with `register_reader_check`.
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kutubxona.catalog.models import AccessLevel, FullText, FullTextKind, Record
from kutubxona.core import audit, jobs, uploads
from kutubxona.core.models import Job
from kutubxona.institutions.access import can, require
from kutubxona.institutions.models import Institution, User, parse_networks
from kutubxona.institutions.roles import Perm
from kutubxona.search import indexer

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

# The file types a full text may be, and the kind each is stored as.
KINDS = {
    uploads.PDF: FullTextKind.PDF,
    uploads.EPUB: FullTextKind.EPUB,
    uploads.JPEG: FullTextKind.IMAGE,
    uploads.PNG: FullTextKind.IMAGE,
    uploads.TIFF: FullTextKind.IMAGE,
    uploads.WEBP: FullTextKind.IMAGE,
}

ReaderCheck = Callable[["User | AnonymousUser", Institution], bool]
_reader_checks: list[ReaderCheck] = []


def sniff(head: bytes) -> tuple[str, str] | None:
    """(kind, content type) of a file from its first bytes, whatever its name says; None if unknown."""
    found = uploads.file_type(head)
    return (KINDS[found], found.content_type) if found in KINDS else None


def register_reader_check(check: ReaderCheck) -> None:
    """Let `check(user, institution)` say whether a user is a registered reader of the library
    (the readers' app calls this from its `AppConfig.ready()`)."""
    if check not in _reader_checks:
        _reader_checks.append(check)


def may_manage(user: User | AnonymousUser, institution: Institution) -> bool:
    """Cataloguers and the digitisation service attach and remove files."""
    return can(user, Perm.CATALOG_EDIT, institution) or can(user, Perm.DIGITIZATION_EDIT, institution)


def on_premises(institution: Institution, address: str | None) -> bool:
    """Whether a visitor's address is inside the library: in one of its reading-room networks
    (`Institution.reading_room_networks`, edited with the institution's details)."""
    if not address or not institution.reading_room_networks.strip():
        return False
    try:
        visitor = ipaddress.ip_address(address)
        networks = parse_networks(institution.reading_room_networks)
    except (ValueError, ValidationError):
        return False  # not an address, or networks saved before validation: closed, not open
    # A dual-stack server sees an IPv4 visitor as ::ffff:a.b.c.d: matched against IPv4 networks too.
    mapped = visitor.ipv4_mapped if isinstance(visitor, ipaddress.IPv6Address) else None
    return any(visitor in network or (mapped is not None and mapped in network) for network in networks)


def visitor_address(request: HttpRequest) -> str | None:
    """The address `may_read` is asked about (the proxy in front sets REMOTE_ADDR, see docs)."""
    return request.META.get("REMOTE_ADDR") or None


def may_read(user: User | AnonymousUser, item: FullText, *, address: str | None = None) -> bool:
    """`address`: the visitor's IP address, for files readable only inside the library."""
    if item.access == AccessLevel.PUBLIC:
        return True
    institution = item.institution
    if can(user, Perm.CATALOG_VIEW, institution):  # the library's staff: every file
        return True
    if item.access == AccessLevel.PREMISES:
        return on_premises(institution, address)
    return item.access == AccessLevel.READERS and any(check(user, institution) for check in _reader_checks)


def _digest(upload: IO[bytes]) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    upload.seek(0)
    while chunk := upload.read(1 << 20):
        sha.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return sha.hexdigest(), size


# `attach`'s default limit: an upload's, `KUTUBXONA_FULLTEXT_MAX_MB`.
UPLOAD_LIMIT: Literal["upload"] = "upload"


def _limit(max_bytes: int | Literal["upload"] | None) -> int | None:
    return settings.KUTUBXONA_FULLTEXT_MAX_BYTES if isinstance(max_bytes, str) else max_bytes


def _checked(upload: IO[bytes], max_bytes: int | Literal["upload"] | None) -> tuple[str, str, str, int]:
    """(kind, content type, sha256, size) of a file a record may get; refused otherwise."""
    found = sniff(uploads.head_of(upload))
    if found is None:
        raise ValidationError(
            {
                "file": _(
                    "This file is not a PDF, an EPUB or an image (JPEG, PNG, TIFF, WebP), "
                    "whatever its name says."
                )
            }
        )
    sha256, size = _digest(upload)
    limit = _limit(max_bytes)
    if limit is not None and size > limit:
        raise ValidationError(
            {"file": _("The file is larger than %(limit)d MB.") % {"limit": limit // (1024 * 1024)}}
        )
    return found[0], found[1], sha256, size


@transaction.atomic
def attach(
    actor: User | None,
    record: Record,
    upload: IO[bytes],
    *,
    name: str,
    access: str,
    linked_at: datetime.datetime | None = None,
    text: str = "",
    pages: int | None = None,
    max_bytes: int | Literal["upload"] | None = UPLOAD_LIMIT,
) -> FullText:
    """Store `upload` as a full text of `record`; refused unless its bytes are a PDF, EPUB or image.

    `text`: the file's words when known (an OCR result); the record is reindexed with them.
    `max_bytes`: the largest file taken; an upload's limit by default, None for a file the
    system made itself (OCR's searchable PDF: its input was bounded by the scan upload limit)."""
    if actor is not None and not may_manage(actor, record.institution):
        require(actor, Perm.CATALOG_EDIT, record.institution)  # raises PermissionDenied
    if access not in AccessLevel.values:
        raise ValidationError({"access": _("Choose who may open the file.")})
    kind, content_type, sha256, size = _checked(upload, max_bytes)
    item = FullText(
        institution=record.institution,
        record=record,
        original_name=(name.rsplit("/", 1)[-1] or "file")[:255],
        kind=kind,
        content_type=content_type,
        access=access,
        size=size,
        sha256=sha256,
        text=text,
        pages=pages,
        uploaded_by=actor,
        uploaded_at=linked_at or timezone.now(),
    )
    # The file is written first; if the row then fails, it is deleted again (an outer rollback
    # can still leave one behind: named by its hash, it is harmless and found by a sweep).
    item.file.save(item.original_name, File(upload), save=False)
    name_on_disk = item.file.name
    try:
        item.save()
        audit.record(
            actor,
            "catalog.fulltext.attach",
            item,
            institution=record.institution,
            changes={"record": record.pk, "kind": kind, "access": access, "size": size, "sha256": sha256},
        )
        if text:
            indexer.index_records([record], texts=True)
        elif kind == FullTextKind.PDF:  # a born-digital PDF: its own text layer is read in the background
            jobs.enqueue(
                EXTRACT_TEXT, institution=record.institution, created_by=actor, params={"fulltext": item.pk}
            )
    except Exception:
        item.file.storage.delete(name_on_disk)
        raise
    return item


@transaction.atomic
def replace(
    actor: User | None,
    item: FullText,
    upload: IO[bytes],
    *,
    name: str,
    text: str = "",
    pages: int | None = None,
    max_bytes: int | Literal["upload"] | None = UPLOAD_LIMIT,
) -> FullText:
    """A new version of `item`'s file in its place (OCR run again). The row stays, and with it
    its access level, its link date (line 13) and the digital collection items that show it;
    the old bytes go once the change has committed."""
    if actor is not None and not may_manage(actor, item.institution):
        require(actor, Perm.CATALOG_EDIT, item.institution)
    kind, content_type, sha256, size = _checked(upload, max_bytes)
    storage, old_name = item.file.storage, item.file.name
    changes = {"sha256": [item.sha256, sha256], "size": [item.size, size]}
    item.original_name = (name.rsplit("/", 1)[-1] or "file")[:255]
    item.kind, item.content_type, item.sha256, item.size = kind, content_type, sha256, size
    item.text, item.pages = text, pages
    item.file.save(item.original_name, File(upload), save=False)
    new_name = item.file.name
    try:
        item.save(
            update_fields=["file", "original_name", "kind", "content_type", "sha256", "size", "text", "pages"]
        )
        audit.record(actor, "catalog.fulltext.replace", item, institution=item.institution, changes=changes)
        indexer.index_records([item.record], texts=True)
        if not text and kind == FullTextKind.PDF:
            jobs.enqueue(
                EXTRACT_TEXT, institution=item.institution, created_by=actor, params={"fulltext": item.pk}
            )
    except Exception:
        storage.delete(new_name)
        raise
    transaction.on_commit(lambda: storage.delete(old_name))
    return item


@transaction.atomic
def set_text(actor: User | None, item: FullText, text: str, *, pages: int | None = None) -> FullText:
    """Keep the words found in a file (OCR, a PDF's text layer) and reindex its record."""
    if actor is not None and not may_manage(actor, item.institution):
        require(actor, Perm.CATALOG_EDIT, item.institution)
    item.text = text
    item.pages = pages if pages is not None else item.pages
    item.save(update_fields=["text", "pages"])
    audit.record(
        actor,
        "catalog.fulltext.text",
        item,
        institution=item.institution,
        changes={"characters": len(text), "pages": item.pages},
    )
    indexer.index_records([item.record], texts=True)
    return item


@transaction.atomic
def set_access(actor: User | None, item: FullText, access: str) -> FullText:
    if actor is not None and not may_manage(actor, item.institution):
        require(actor, Perm.CATALOG_EDIT, item.institution)
    if access not in AccessLevel.values:
        raise ValidationError({"access": _("Choose who may open the file.")})
    before = audit.snapshot(item, ["access"])
    item.access = access
    item.save(update_fields=["access"])
    changes = audit.diff(before, audit.snapshot(item, ["access"]))
    audit.record(actor, "catalog.fulltext.access", item, institution=item.institution, changes=changes)
    if changes and item.text:  # a staff-only file's words are not indexed (`indexer.INDEXED_ACCESS`)
        indexer.index_records([item.record], texts=True)
    return item


@transaction.atomic
def remove(actor: User | None, item: FullText) -> None:
    """Remove a file from its record; the file on disk goes once the removal has committed."""
    if actor is not None and not may_manage(actor, item.institution):
        require(actor, Perm.CATALOG_EDIT, item.institution)
    audit.record(
        actor,
        "catalog.fulltext.remove",
        item,
        institution=item.institution,
        changes={"record": item.record_id, "name": item.original_name, "sha256": item.sha256},
    )
    storage, name = item.file.storage, item.file.name
    record, had_text = item.record, bool(item.text)
    item.delete()
    if had_text:
        indexer.index_records([record], texts=True)
    transaction.on_commit(lambda: storage.delete(name))


EXTRACT_TEXT = "catalog.extract_text"
HEARTBEAT_PAGES = 20  # progress is saved every this many pages


def text_layer(upload: IO[bytes], on_page: Callable[[int, int], None] | None = None) -> list[str]:
    """The text of each page of a PDF's own text layer ("" for a page that has none, a scan).

    Raises ValueError, with a message for the person who linked it, if the PDF cannot be read."""
    import pypdfium2 as pdfium  # only the job needs it

    try:
        document = pdfium.PdfDocument(upload)
    except pdfium.PdfiumError as error:
        raise ValueError(_("The PDF cannot be read: it is damaged or has no pages.")) from error
    pages: list[str] = []
    try:
        total = len(document)
        if total == 0:
            raise ValueError(_("The PDF cannot be read: it is damaged or has no pages."))
        for number in range(total):
            page = document[number]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            # One page each: the pages of `FullText.text` are separated by form feeds.
            pages.append(text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").strip())
            if on_page is not None:
                on_page(number + 1, total)
    finally:
        document.close()
    return pages


def has_no_text_layer(item: FullText) -> bool:
    """A PDF whose pages were read and hold no words: it needs scanning and OCR."""
    return item.kind == FullTextKind.PDF and item.pages is not None and not item.text.strip()


@jobs.handler(EXTRACT_TEXT)
def extract_text(job: Job) -> dict[str, int | str]:
    """Read a linked PDF's text layer into `FullText.text` (by `set_text`, so it is searched)."""
    item = FullText.objects.select_related("record", "institution").filter(pk=job.params["fulltext"]).first()
    if item is None or item.kind != FullTextKind.PDF:
        return {"skipped": "removed"}
    if item.text:
        return {"skipped": "has text"}

    def progress(done: int, total: int) -> None:
        if done % HEARTBEAT_PAGES == 0 or done == total:
            jobs.heartbeat(job, done=done, total=total)

    with item.file.open("rb") as upload:
        pages = text_layer(upload, progress)
    text = "\f".join(pages)
    set_text(None, item, text if text.strip() else "", pages=len(pages))
    return {"pages": len(pages), "characters": len(text)}
