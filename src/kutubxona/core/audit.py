"""Writing the audit log. Every action function calls `record` inside its transaction."""

from __future__ import annotations

import datetime
import decimal
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from kutubxona.core.models import AuditEntry

if TYPE_CHECKING:
    from kutubxona.institutions.models import Institution, User


class AuditOutsideTransaction(RuntimeError):
    """An audit entry must commit or roll back together with the change it describes."""


def _plain(value: Any) -> Any:
    """A JSON-safe form of a model field value."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The values of `fields` now, to compare with after a change."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def record(
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    *,
    institution: Institution | None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransaction(action)
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor else "system",
        institution=institution,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        changes=changes or {},
    )


def apply_changes(
    obj: models.Model, changes: dict[str, Any], allowed: list[str], *, clean_exclude: list[str] | None = None
) -> dict[str, list[Any]]:
    """Set `changes` on `obj`, validate and save it; return what changed, as stored.

    The shared body of every "update" action: refuses fields outside `allowed` (a programming
    error, not user input), and compares stored values so that 16000 and 16000.00 are equal.
    """
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    fields = list(changes)
    before = snapshot(obj, fields)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.full_clean(exclude=clean_exclude)
    obj.save()
    obj.refresh_from_db(fields=fields)
    return diff(before, snapshot(obj, fields))
