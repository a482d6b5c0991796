"""Every change to the outreach registers goes through these functions: `outreach.edit` on the
row's institution (`actor=None` is the system: the demo), one transaction, one audit entry."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kutubxona.core import audit
from kutubxona.core.audit import apply_changes
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm
from kutubxona.outreach.bulk import insert_rows
from kutubxona.outreach.models import Agreement, Entry, MediaAppearance, Post

E = TypeVar("E", bound=Entry)


def _require(actor: User | None, institution: Institution) -> None:
    if actor is not None:
        require(actor, Perm.OUTREACH_EDIT, institution)


def _name(model: type[Entry]) -> str:
    return model._meta.model_name or "entry"


@transaction.atomic
def create_entry(actor: User | None, model: type[E], institution: Institution, **fields: Any) -> E:
    """A media appearance, member count, agreement or foreign visit (posts: `create_posts`)."""
    _require(actor, institution)
    staff = fields.pop("staff", None)
    entry = model(institution=institution, created_by=actor, **fields)
    entry.full_clean()
    entry.save()
    if staff is not None and isinstance(entry, MediaAppearance):
        entry.staff.set(staff)
    audit.record(
        actor, f"{_name(model)}.create", entry, institution=institution, changes=_plain(entry, list(fields))
    )
    return entry


def _plain(entry: Entry, names: list[str]) -> dict[str, Any]:
    """The audit's view of fields: an uploaded file by its stored name."""
    values = audit.snapshot(entry, [n for n in names if n != "file"])
    if isinstance(entry, Agreement) and "file" in names:
        values["file"] = entry.file.name or ""
    return values


@transaction.atomic
def update_entry(actor: User | None, entry: Entry, **changes: Any) -> dict[str, list[Any]]:
    _require(actor, entry.institution)
    staff = changes.pop("staff", None)
    upload = changes.pop("file", None)
    allowed = [
        f.name for f in entry._meta.concrete_fields if f.editable and f.name not in ("id", "institution")
    ]
    changed = apply_changes(entry, changes, allowed)
    if upload is not None and isinstance(entry, Agreement):  # the old file stays in storage
        old = entry.file.name or ""
        entry.file = upload or ""
        entry.save()
        changed["file"] = [old, entry.file.name or ""]
    if staff is not None and isinstance(entry, MediaAppearance):
        before = sorted(entry.staff.values_list("pk", flat=True))
        entry.staff.set(staff)
        after = sorted(user.pk for user in staff)
        if before != after:
            changed["staff"] = [before, after]
    if changed:
        audit.record(
            actor, f"{_name(type(entry))}.update", entry, institution=entry.institution, changes=changed
        )
    return changed


@transaction.atomic
def delete_entry(actor: User | None, entry: Entry) -> None:
    _require(actor, entry.institution)
    audit.record(actor, f"{_name(type(entry))}.delete", entry, institution=entry.institution)
    entry.delete()


@transaction.atomic
def create_posts(
    actor: User | None,
    institution: Institution,
    *,
    title: str,
    published_on: datetime.date,
    links: dict[str, str],
) -> list[Post]:
    """One news item published on several channels: a row per channel (`links`: channel -> URL)."""
    _require(actor, institution)
    if not links:
        raise ValidationError({"channels": _("Choose at least one channel.")})
    story = uuid.uuid4()
    posts = []
    for channel, url in links.items():
        post = Post(
            institution=institution,
            created_by=actor,
            story=story,
            channel=channel,
            published_on=published_on,
            title=title,
            url=url,
        )
        post.full_clean()
        posts.append(post)
    for post in posts:
        post.save()
    audit.record(
        actor,
        "post.create",
        posts[0],
        institution=institution,
        changes={"title": title, "published_on": published_on.isoformat(), "channels": list(links)},
    )
    return posts


@transaction.atomic
def import_entries(
    actor: User | None,
    model: type[Entry],
    institution: Institution,
    names: list[str],
    rows: list[tuple[Any, ...]],
) -> int:
    """Many rows at once (the demo, a channel's history): the values of `names` per row,
    inserted in one statement, with one audit entry for the batch. Validated by the caller."""
    _require(actor, institution)
    stamp = (institution.pk, timezone.now(), actor.pk if actor else None)
    insert_rows(model, ["institution", "created_at", "created_by", *names], [stamp + row for row in rows])
    audit.record(actor, f"{_name(model)}.import", None, institution=institution, changes={"rows": len(rows)})
    return len(rows)


def import_posts(
    actor: User | None, institution: Institution, posts: Iterable[tuple[str, datetime.date, str, str]]
) -> int:
    """(channel, date, title, link) per post; each its own news item (story)."""
    names = ["story", "channel", "published_on", "title", "url"]
    return import_entries(actor, Post, institution, names, [(uuid.uuid4(), *post) for post in posts])
