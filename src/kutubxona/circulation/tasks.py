"""The circulation's background jobs: the daily sweep of ready holds not picked up by their
day, a notice's sending, and the hourly sweep of notices to try again (`notify`)."""

from __future__ import annotations

import datetime
from typing import Any

from kutubxona.circulation import actions, notify
from kutubxona.core import jobs
from kutubxona.core.models import Job

EXPIRE_HOLDS = "circulation.expire_holds"


@jobs.handler(EXPIRE_HOLDS)
def expire_holds(job: Job) -> dict[str, Any]:
    return {"expired": actions.expire_holds()}


@jobs.handler(notify.SEND)
def send_notice(job: Job) -> dict[str, Any]:
    return {"status": notify.deliver(job.params["notice"])}


@jobs.handler(notify.RETRY)
def retry_notices(job: Job) -> dict[str, Any]:
    return {"queued": notify.retry_due()}


jobs.daily(EXPIRE_HOLDS)
jobs.periodic(notify.RETRY, datetime.timedelta(minutes=50))
jobs.ephemeral(notify.SEND)  # the notice row keeps what was sent and when
jobs.quick(notify.SEND)
