"""A ready hold not picked up by its `ready_until` expires: the copy goes to the next reader in
the queue (told) or back to the shelf, lazily where holds are read and by `expire-holds`."""

from __future__ import annotations

import contextlib
import datetime
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kutubxona.catalog.models import Copy
from kutubxona.circulation import actions
from kutubxona.circulation.models import Hold, HoldStatus, Notice
from kutubxona.circulation.views import common
from kutubxona.core import jobs
from kutubxona.core.models import AuditEntry
from kutubxona.readers import actions as reader_actions
from kutubxona.readers.models import Reader
from tests.circulation.conftest import reader, shelf
from tests.conftest import World, login


def _ready_hold(world: World, who: Reader, prefix: str = "H") -> tuple[Hold, Copy]:
    """`who`'s hold on a one-copy record, ready since long ago (its time passed yesterday)."""
    copy = shelf(world.arnasoy, 1, "Mehrobdan chayon", prefix=prefix)[0]
    hold = actions.place_hold(None, who, copy.record)
    assert hold.status == HoldStatus.READY and hold.copy_id == copy.pk
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Hold.objects.filter(pk=hold.pk).update(ready_until=yesterday)
    return hold, copy


def test_the_holds_list_expires_a_hold_and_the_next_reader_gets_the_copy(
    client: Client, world: World, aziz: Reader, django_capture_on_commit_callbacks: Any
) -> None:
    hold, copy = _ready_hold(world, aziz)
    nextone = reader(world.arnasoy, "Navbatdagi", email="navbat@example.uz")
    waiting = actions.place_hold(None, nextone, copy.record)
    assert waiting.status == HoldStatus.WAITING
    login(client, world.bob)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get("/desk/holds/")
    jobs.run_pending()
    assert page.status_code == 200
    assert Hold.objects.get(pk=hold.pk).status == HoldStatus.EXPIRED
    passed = Hold.objects.get(pk=waiting.pk)
    assert passed.status == HoldStatus.READY and passed.copy_id == copy.pk
    assert passed.ready_until is not None and passed.ready_until >= timezone.localdate()
    assert [m.to for m in mail.outbox] == [["navbat@example.uz"]]
    assert Notice.objects.filter(reader=nextone).count() == 1
    entry = AuditEntry.objects.get(action="circulation.hold.expire")
    assert entry.actor is None and entry.actor_name == "system" and entry.object_id == str(hold.pk)


def test_the_desk_lends_a_copy_whose_hold_expired_and_goes_back_to_the_shelf(
    world: World, aziz: Reader
) -> None:
    hold, copy = _ready_hold(world, aziz)
    other = reader(world.arnasoy, "Boshqa")
    loan = actions.lend(world.bob, other, Copy.objects.get(pk=copy.pk))  # not "held for another reader"
    assert loan.reader_id == other.pk
    assert Hold.objects.get(pk=hold.pk).status == HoldStatus.EXPIRED
    # The hold's own reader, late but at the desk, still gets a copy waiting for them.
    late, late_copy = _ready_hold(world, reader(world.arnasoy, "Kechikkan"), "K")
    actions.lend(world.bob, late.reader, Copy.objects.get(pk=late_copy.pk))
    assert Hold.objects.get(pk=late.pk).status == HoldStatus.FULFILLED


def test_the_sweep_expires_only_what_is_past(world: World, aziz: Reader) -> None:
    hold, copy = _ready_hold(world, aziz)
    today_hold, _copy = _ready_hold(world, reader(world.arnasoy, "Bugun"), "B")
    Hold.objects.filter(pk=today_hold.pk).update(ready_until=timezone.localdate())  # waits today still
    out = io.StringIO()
    call_command("expire_holds", stdout=out)
    assert "Holds expired: 1" in out.getvalue()
    assert Hold.objects.get(pk=hold.pk).status == HoldStatus.EXPIRED
    assert Hold.objects.get(pk=today_hold.pk).status == HoldStatus.READY
    # Nobody waited: the copy is on the shelf, and the next hold gets it at once.
    fresh = actions.place_hold(None, reader(world.arnasoy, "Yangi"), copy.record)
    assert fresh.status == HoldStatus.READY and fresh.copy_id == copy.pk
    call_command("expire_holds", stdout=out)
    assert Hold.objects.get(pk=fresh.pk).status == HoldStatus.READY


def test_the_readers_page_expires_their_hold_under_the_desks_write_lock(
    client: Client, world: World, aziz: Reader, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`/my/` writes (a hold expires) like the desk: inside `one_writer()`, the SQLite write lock."""
    hold, _copy = _ready_hold(world, aziz)
    reader_actions.set_pin(None, aziz, "kitob-2026")
    assert client.post("/my/login/", {"card": aziz.card, "password": "kitob-2026"}).status_code == 302
    held: list[bool] = []
    locked = False

    @contextlib.contextmanager
    def one_writer() -> Iterator[None]:
        nonlocal locked
        locked = True
        try:
            yield
        finally:
            locked = False

    original = actions.expire_holds

    def expire(**kwargs: Any) -> int:
        held.append(locked)
        return original(**kwargs)

    monkeypatch.setattr(common, "one_writer", one_writer)
    monkeypatch.setattr(actions, "expire_holds", expire)
    assert client.get("/my/").status_code == 200
    assert Hold.objects.get(pk=hold.pk).status == HoldStatus.EXPIRED
    assert held == [True]
    # The desk's holds list too.
    login(client, world.bob)
    assert client.get("/desk/holds/").status_code == 200
    assert held == [True, True]


def test_the_job_runners_sweep_expired_holds_once_a_day(world: World, aziz: Reader) -> None:
    from kutubxona.circulation.tasks import EXPIRE_HOLDS
    from kutubxona.core.models import Job, JobStatus

    hold, _copy = _ready_hold(world, aziz)
    now = timezone.now()

    def queued_sweeps(when: datetime.datetime, force: bool = True) -> list[Job]:
        return [job for job in jobs.queue_daily(when, force=force) if job.kind == EXPIRE_HOLDS]

    [queued] = queued_sweeps(now)
    assert queued_sweeps(now + datetime.timedelta(hours=2)) == []  # one a day
    jobs.run_pending()
    assert Job.objects.get(pk=queued.pk).status == JobStatus.DONE
    assert Job.objects.get(pk=queued.pk).result == {"expired": 1}
    assert Hold.objects.get(pk=hold.pk).status == HoldStatus.EXPIRED
    # Looked at once an hour at most; a day later the sweep is queued again.
    assert jobs.queue_daily(now + datetime.timedelta(minutes=30)) == []
    assert [job.kind for job in queued_sweeps(now + datetime.timedelta(days=1, minutes=1), False)] == [
        EXPIRE_HOLDS
    ]
