"""Notices to readers (overdue, a held copy waiting, an interlibrary loan arrived) through
pluggable senders, sent by a background job.

`KUTUBXONA_NOTICE_SENDERS` lists dotted paths of sender classes, tried in order; the first
that can reach the reader is the notice's channel. E-mail goes through Django's mail settings;
SMS is an interface (`SmsSender.deliver`) whose default backend only writes to the log until a
provider is configured. A reader nobody can reach gets the printed notice of the overdue page.

`send` writes the `Notice` (text in the reader's language) and queues a `core.jobs` job in the
caller's transaction: the desk's answer never waits for a mail server, a rolled-back desk action
leaves neither row nor job, and the job runner (`kutubxona serve`'s thread, `kutubxona worker`)
sends it once the transaction commits. A failed send is tried again by an hourly sweep, up to
`ATTEMPTS` tries in all; then the notice is `failed`, shown so on the notices list, where staff
may queue it again.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from functools import cache
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from kutubxona.circulation.models import Notice, NoticeStatus
from kutubxona.core import jobs
from kutubxona.readers.models import Reader

log = logging.getLogger(__name__)

SEND = "circulation.send_notice"
RETRY = "circulation.retry_notices"
# Tries in all (the first and two more, an hour or so apart) before a notice is `failed`.
ATTEMPTS = 3
RETRY_AFTER = datetime.timedelta(minutes=30)


class Sender(Protocol):
    channel: str

    def reaches(self, reader: Reader) -> bool: ...

    def send(self, reader: Reader, text: str) -> None: ...


class EmailSender:
    channel = "email"

    def reaches(self, reader: Reader) -> bool:
        return bool(reader.email)

    def send(self, reader: Reader, text: str) -> None:
        subject = _("From %(library)s") % {"library": reader.institution.short}
        send_mail(subject, text, None, [reader.email])


class SmsSender:
    """Short messages; `deliver` is what a provider's backend replaces."""

    channel = "sms"

    def reaches(self, reader: Reader) -> bool:
        return sum(ch.isdigit() for ch in reader.phone) >= 9

    def send(self, reader: Reader, text: str) -> None:
        self.deliver(reader.phone, text[:300])

    def deliver(self, phone: str, text: str) -> None:
        log.info("SMS to %s: %s", phone, text)


DEFAULT_SENDERS = ["kutubxona.circulation.notify.EmailSender", "kutubxona.circulation.notify.SmsSender"]


@cache
def senders() -> list[Sender]:
    paths = getattr(settings, "KUTUBXONA_NOTICE_SENDERS", DEFAULT_SENDERS)
    return [import_string(path)() for path in paths]


def language(reader: Reader) -> str:
    return reader.language or settings.LANGUAGE_CODE


def send(reader: Reader, kind: str, compose: Callable[[], str]) -> Notice | None:
    """Write the notice, `compose()`d in the reader's language, for the first sender that reaches
    the reader, and queue its sending (after the caller's commit); None if no sender reaches."""
    for sender in senders():
        if sender.reaches(reader):
            with translation.override(language(reader)):
                text = compose()
            notice = Notice.objects.create(
                institution_id=reader.institution_id,
                reader=reader,
                kind=kind,
                channel=sender.channel,
                text=text,
            )
            queue(notice)
            return notice
    return None


def queue(notice: Notice) -> None:
    jobs.enqueue(SEND, institution=None, created_by=None, params={"notice": notice.pk})


def deliver(notice_id: int) -> str:
    """Send a queued notice (the job's work); its status afterwards.

    The try is claimed first (attempts counted by a conditional UPDATE), so two jobs for one
    notice send it once; the mail server is talked to outside any transaction. A try begun less
    than `RETRY_AFTER` ago may still be under way (a slow server: another runner took this
    job over as stale), so it is not claimed again before then."""
    notice = Notice.objects.select_related("reader__institution").filter(pk=notice_id).first()
    if notice is None or notice.status != NoticeStatus.QUEUED:
        return notice.status if notice else "gone"
    now = timezone.now()
    claimed = (
        Notice.objects.filter(pk=notice.pk, status=NoticeStatus.QUEUED, attempts=notice.attempts)
        .filter(Q(tried_at__isnull=True) | Q(tried_at__lt=now - RETRY_AFTER))
        .update(attempts=F("attempts") + 1, tried_at=now)
    )
    if not claimed:
        return "taken"
    sender = next((s for s in senders() if s.channel == notice.channel), None)
    if sender is not None and not sender.reaches(notice.reader):
        # The address went since (corrected away, the reader anonymised): nothing would leave
        # (a message without a recipient is dropped), so not "sent"; staff may send it again.
        error = _("The reader has no %(channel)s any more.") % {"channel": notice.channel}
        Notice.objects.filter(pk=notice.pk).update(status=NoticeStatus.FAILED, error=error)
        return NoticeStatus.FAILED
    try:
        if sender is None:
            raise LookupError(f"no sender for the channel {notice.channel!r}")
        with translation.override(language(notice.reader)):
            sender.send(notice.reader, notice.text)
    except Exception as error:
        log.warning("notice %s could not be sent: %s", notice.pk, error)
        failed = notice.attempts + 1 >= ATTEMPTS
        status = NoticeStatus.FAILED if failed else NoticeStatus.QUEUED
        message = "".join(str(error).splitlines()[:1]) or type(error).__name__
        Notice.objects.filter(pk=notice.pk).update(status=status, error=message[:500])
        return status
    Notice.objects.filter(pk=notice.pk).update(status=NoticeStatus.SENT, error="")
    return NoticeStatus.SENT


def retry_due(now: datetime.datetime | None = None) -> int:
    """Queue a job for each notice whose last try failed long enough ago (the hourly sweep), and
    for one never tried that long after it was made (its job stopped before trying it)."""
    before = (now or timezone.now()) - RETRY_AFTER
    due = Notice.objects.filter(status=NoticeStatus.QUEUED).filter(
        Q(tried_at__lt=before) | Q(tried_at__isnull=True, sent_at__lt=before)
    )
    count = 0
    for notice in due.order_by("pk"):
        queue(notice)
        count += 1
    return count
