"""One writer at a time on SQLite, queued in the process rather than by SQLite's busy handler.

SQLite lets one transaction write at a time; a second `BEGIN IMMEDIATE` waits in SQLite's busy
handler, which sleeps in growing steps (up to 100 ms) before trying again. The desk's
requests served by the threads of one `kutubxona serve` process wait on this lock instead and
get the database the moment it is free. Another process still queues through the busy handler;
on PostgreSQL the lock does nothing (rows are locked, not the database).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from django.db import connection

_lock = threading.Lock()


@contextlib.contextmanager
def one_writer() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with _lock:
        yield
