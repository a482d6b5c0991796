"""Mail backends standing for a mail server that is down or slow (real classes, set by
`EMAIL_BACKEND` in the notice tests)."""

from __future__ import annotations

import datetime
import time
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class DownBackend(BaseEmailBackend):
    """The mail server refuses the connection."""

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        raise ConnectionRefusedError("[Errno 111] Connection refused")


class SlowBackend(LocmemBackend):
    """The mail server takes its time, then accepts (into `mail.outbox`)."""

    SECONDS = 3.0

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        time.sleep(self.SECONDS)
        return super().send_messages(email_messages)


class TakenOverBackend(LocmemBackend):
    """A mail server slower than `jobs.STALE_AFTER`: while the message is on its way, the job's
    heart has not beaten, so another runner takes the job over and runs it (here, in the middle
    of the send); then the first send gets through too."""

    sending = False

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        from kutubxona.core import jobs

        if not TakenOverBackend.sending:
            TakenOverBackend.sending = True
            try:  # every running job counts as stale to this other runner
                jobs.run_pending(stale_after=datetime.timedelta(seconds=-1))
            finally:
                TakenOverBackend.sending = False
        return super().send_messages(email_messages)
