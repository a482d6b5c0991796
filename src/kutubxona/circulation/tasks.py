"""The daily sweep of ready holds not picked up by their day, run by the job runners."""

from __future__ import annotations

from typing import Any

from kutubxona.circulation import actions
from kutubxona.core import jobs
from kutubxona.core.models import Job

EXPIRE_HOLDS = "circulation.expire_holds"


@jobs.handler(EXPIRE_HOLDS)
def expire_holds(job: Job) -> dict[str, Any]:
    return {"expired": actions.expire_holds()}


jobs.daily(EXPIRE_HOLDS)
