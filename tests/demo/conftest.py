"""The demo, loaded once for every module of this package (they only read it).

Loading it takes seconds and used to be repeated by a dozen tests; the tests here share one
load inside a transaction that is rolled back after the package's last test. Each test still
runs in its own savepoint, so what one test writes is gone before the next. That the demo
loads into an empty database and a second run adds nothing is tested on this same load, in
test_second_run.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction


@pytest.fixture(scope="package")
def demo_loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The demo in the database for the package's tests; the value is what the command printed."""
    out = StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=out)
        # PostgreSQL: check the demo's deferred foreign keys now, once. Left pending, they were
        # checked again at every test's teardown (Django's constraint check runs inside the
        # test's savepoint, whose rollback un-fires them): 5-6 s a test.
        connection.check_constraints()
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded: str, db: None) -> str:
    return demo_loaded
