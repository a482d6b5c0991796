"""Notices to readers (overdue, a held copy waiting) through pluggable senders.

`KUTUBXONA_NOTICE_SENDERS` lists dotted paths of sender classes, tried in order; the first
that can reach the reader sends and the notice is logged (`Notice`). E-mail goes through
Django's mail settings; SMS is an interface (`SmsSender.deliver`) whose default backend only
writes to the log until a provider is configured. A reader nobody can reach gets the printed
notice of the overdue page.

The notice's row is written in the caller's transaction and the message leaves only once it
commits (`transaction.on_commit`): a slow mail server does not hold the desk's transaction, and
a rolled-back desk action sends nothing (no message without its row). A sender that fails
after the commit is logged; the row stays (the desk's work is done). Inside `held_back()` (the
desk's scan, under its SQLite write lock) committed messages wait until the block ends, so
other desks are not kept waiting for the mail server either.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from functools import cache, partial
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from kutubxona.readers.models import Reader

log = logging.getLogger(__name__)


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


_held = threading.local()


@contextlib.contextmanager
def held_back() -> Iterator[None]:
    """Messages committed inside the block are sent when it ends (also if it fails after the
    commit): the desk's view wraps its write lock with it."""
    if getattr(_held, "queue", None) is not None:  # an outer block sends them
        yield
        return
    _held.queue = []
    try:
        yield
    finally:
        queue, _held.queue = _held.queue, None
        for deliver in queue:
            try:
                deliver()
            except Exception:
                log.exception("a notice could not be sent")


def _deliver(deliver: Callable[[], None]) -> None:
    """The commit's callback: send now, or when the `held_back` block ends."""
    queue = getattr(_held, "queue", None)
    if queue is None:
        deliver()
    else:
        queue.append(deliver)


def send(reader: Reader, kind: str, text: str) -> bool:
    """Log the notice and send it by the first sender that reaches the reader once the
    transaction commits; False if no sender reaches the reader."""
    from kutubxona.circulation.models import Notice

    for sender in senders():
        if sender.reaches(reader):
            transaction.on_commit(partial(_deliver, partial(sender.send, reader, text)), robust=True)
            Notice.objects.create(
                institution_id=reader.institution_id,
                reader=reader,
                kind=kind,
                channel=sender.channel,
                text=text,
            )
            return True
    return False
