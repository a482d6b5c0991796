"""Notices leave by a background job, not from the request: the desk answers at once however slow
the mail server; the job runner sends the notice in the reader's language, outside any
transaction; a failed send is tried again by the hourly sweep, up to three tries, then shown as
failed on the notices list, from where staff may queue it again."""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest
from django.core import mail
from django.db.models import F
from django.test import Client
from django.utils import timezone

from kutubxona.catalog.models import Copy
from kutubxona.circulation import actions, notify
from kutubxona.circulation.models import Notice, NoticeKind, NoticeStatus
from kutubxona.core import jobs
from kutubxona.core.models import AuditEntry, Job
from kutubxona.readers import actions as reader_actions
from kutubxona.readers.models import Reader
from tests.circulation.conftest import reader, shelf
from tests.circulation.mailbackends import SlowBackend
from tests.conftest import World, login

DOWN = "tests.circulation.mailbackends.DownBackend"
SLOW = "tests.circulation.mailbackends.SlowBackend"


def _an_hour_passes(notice: Notice) -> None:
    hour = datetime.timedelta(hours=1)
    Notice.objects.filter(pk=notice.pk).update(sent_at=F("sent_at") - hour, tried_at=F("tried_at") - hour)


def _hold_waiting(world: World, **fields: str) -> tuple[Copy, Reader]:
    """A copy on loan with a reader waiting for it (reached by e-mail)."""
    copy = shelf(world.arnasoy, 1)[0]
    actions.lend(world.bob, reader(world.arnasoy, "Olgan"), copy)
    waiting = reader(world.arnasoy, "Kutuvchi", email="kutuvchi@example.uz", **fields)
    actions.place_hold(None, waiting, copy.record)
    return copy, waiting


@pytest.mark.django_db(transaction=True)
def test_the_desk_answers_at_once_with_a_slow_mail_server(
    client: Client, world: World, settings: Any
) -> None:
    settings.EMAIL_BACKEND = SLOW
    copy, waiting = _hold_waiting(world)
    login(client, world.bob)
    started = time.perf_counter()
    answer = client.post("/desk/scan/", {"code": copy.barcode}, headers={"Accept": "application/json"})
    took = time.perf_counter() - started
    assert answer.status_code == 200 and answer.json()["ok"]
    assert took < SlowBackend.SECONDS - 1  # the mail server was not waited for
    notice = Notice.objects.get(reader=waiting)
    assert (notice.status, notice.kind, mail.outbox) == (NoticeStatus.QUEUED, NoticeKind.HOLD_READY, [])
    assert jobs.run_pending() == 1  # what `kutubxona serve`'s thread / `kutubxona worker` do
    assert [m.to for m in mail.outbox] == [["kutuvchi@example.uz"]]
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.error) == (NoticeStatus.SENT, 1, "")


def test_the_notice_is_written_in_the_readers_language(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    copy, waiting = _hold_waiting(world, language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        actions.take_back(world.bob, copy)  # the desk works in English (the test's language)
    jobs.run_pending()
    [message] = mail.outbox
    assert "ждёт вас в библиотеке" in message.body
    assert message.subject == "От Arnasoy AKM"
    assert Notice.objects.get(reader=waiting).text == message.body


def test_a_failed_send_is_retried_up_to_the_limit_then_shown(
    client: Client, world: World, settings: Any
) -> None:
    settings.EMAIL_BACKEND = DOWN
    copy, waiting = _hold_waiting(world)
    actions.take_back(world.bob, copy)
    assert jobs.run_pending() == 1
    notice = Notice.objects.get(reader=waiting)
    assert (notice.status, notice.attempts) == (NoticeStatus.QUEUED, 1)
    assert "Connection refused" in notice.error
    assert notify.retry_due() == 0  # too early to try again
    notify.queue(notice)
    assert jobs.run_pending() == 1 and Notice.objects.get(pk=notice.pk).attempts == 1  # nor by a job
    _an_hour_passes(notice)
    assert notify.retry_due() == 1 and jobs.run_pending() == 1
    _an_hour_passes(notice)
    assert notify.retry_due() == 1 and jobs.run_pending() == 1
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (NoticeStatus.FAILED, notify.ATTEMPTS)
    _an_hour_passes(notice)
    assert notify.retry_due() == 0  # the limit: not again
    assert mail.outbox == []

    login(client, world.bob)
    page = client.get("/desk/notices/?status=failed").content.decode()
    assert "1 notice could not be sent" in page and "Connection refused" in page and "3 tries" in page
    assert "Kutuvchi" in page and "Send again" in page
    # The server is back: staff queue it again, the runner sends it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert client.post(f"/desk/notices/{notice.pk}/resend/").status_code == 302
    assert AuditEntry.objects.filter(action="circulation.notice.resend").count() == 1
    assert jobs.run_pending() == 1
    notice.refresh_from_db()
    assert (notice.status, len(mail.outbox)) == (NoticeStatus.SENT, 1)
    # A notice that was sent is not sent again.
    assert client.post(f"/desk/notices/{notice.pk}/resend/").status_code == 302
    assert jobs.run_pending() == 0 and len(mail.outbox) == 1


def test_two_jobs_for_one_notice_send_it_once(world: World) -> None:
    copy, waiting = _hold_waiting(world)
    actions.take_back(world.bob, copy)
    notify.queue(Notice.objects.get(reader=waiting))  # a sweep queued it too
    assert jobs.run_pending() == 2
    assert len(mail.outbox) == 1
    assert sorted(job.result["status"] for job in Job.objects.filter(kind=notify.SEND)) == ["sent", "sent"]


def test_the_periodic_sweep_is_queued_by_the_runners(world: World) -> None:
    now = timezone.now()
    kinds = [job.kind for job in jobs.queue_daily(now, force=True)]
    assert notify.RETRY in kinds
    assert notify.RETRY not in [
        job.kind for job in jobs.queue_daily(now + datetime.timedelta(minutes=20), force=True)
    ]
    assert notify.RETRY in [
        job.kind for job in jobs.queue_daily(now + datetime.timedelta(hours=1), force=True)
    ]


def test_a_notice_whose_job_failed_before_trying_is_swept_too(world: World) -> None:
    """The job stopped before it claimed a try (the database refused its read, say): the runner
    records the job failed, the notice still waits with no try. The sweep queues it again rather
    than leaving it "waiting to be sent" for ever (and a waiting one has no "Send again")."""
    copy, waiting = _hold_waiting(world)
    actions.take_back(world.bob, copy)
    [job] = Job.objects.filter(kind=notify.SEND)
    jobs.claim()
    jobs.finish(job, error="OperationalError: database is locked")  # as `jobs.run` records it
    notice = Notice.objects.get(reader=waiting)
    assert (notice.status, notice.attempts, jobs.run_pending()) == (NoticeStatus.QUEUED, 0, 0)
    assert notify.retry_due() == 0  # just made: its job may still be on its way
    later = timezone.now() + notify.RETRY_AFTER + datetime.timedelta(minutes=1)
    assert notify.retry_due(later) == 1 and jobs.run_pending() == 1
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, len(mail.outbox)) == (NoticeStatus.SENT, 1, 1)


def test_a_send_taken_over_by_another_runner_is_not_sent_twice(world: World, settings: Any) -> None:
    """Two runners (`kutubxona worker` twice): the first is still talking to a slow mail server
    when the second takes its job over as stale. The second does not try the notice again while
    the first try may still be under way."""
    settings.EMAIL_BACKEND = "tests.circulation.mailbackends.TakenOverBackend"
    copy, waiting = _hold_waiting(world)
    actions.take_back(world.bob, copy)
    assert jobs.run_pending() == 1
    notice = Notice.objects.get(reader=waiting)
    assert (notice.status, notice.attempts, len(mail.outbox)) == (NoticeStatus.SENT, 1, 1)


def test_a_reader_no_longer_reached_is_not_counted_as_sent(world: World) -> None:
    """The reader's e-mail went (corrected away, or the reader anonymised) between the notice
    being made and sent: the mail server would get no recipient, so nothing leaves, and the
    notice must say so (could not be sent), not "sent"."""
    copy, waiting = _hold_waiting(world)
    actions.take_back(world.bob, copy)
    reader_actions.update_reader(world.bob, waiting, email="")
    assert jobs.run_pending() == 1
    notice = Notice.objects.get(reader=waiting)
    assert (notice.status, mail.outbox) == (NoticeStatus.FAILED, [])
    assert "email" in notice.error
