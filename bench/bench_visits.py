"""Desk visits through the `reader_served` receiver, and the daily diary over a busy year.

The receiver runs inside every desk action (lend, return, renew), so its cost is added to
each; it is printed against a plain `Visit` insert in a transaction of its own (the baseline),
both one transaction per served reader, a third of the readers served again the same day.
The diary (page data and XLSX) is built for a month of a year with 15,000 desk visits and a
headcount per day for each sector without a desk, against one COUNT over the year's visits.

    .venv/bin/python bench/bench_visits.py                    # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kutubxona .venv/bin/python bench/bench_visits.py
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kutubxona.settings")
os.environ.setdefault("KUTUBXONA_DATA_DIR", tempfile.mkdtemp(prefix="kutubxona-bench-"))

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from kutubxona.attendance import actions, diary  # noqa: E402
from kutubxona.attendance.models import Visit  # noqa: E402
from kutubxona.core import tabular  # noqa: E402
from kutubxona.core.signals import reader_served  # noqa: E402
from kutubxona.institutions import actions as institution_actions  # noqa: E402
from kutubxona.institutions.models import Sector  # noqa: E402
from kutubxona.readers.models import Reader  # noqa: E402

SERVED = 3_000
YEAR = 2021


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def per_second(fn: Callable[[int], object], n: int) -> float:
    started = time.perf_counter()
    for i in range(n):
        with transaction.atomic():
            fn(i)
    return n / (time.perf_counter() - started)


def main() -> None:
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with scopes_disabled():
            akm = institution_actions.create_institution(
                None, code="bench", parent=None, kind="district", name_uz="Bench AKM"
            )
            lending = Sector.objects.get(institution=akm, code="lending")
            ids = [  # visits point at readers: as many as are served
                r.pk
                for r in Reader.objects.bulk_create(
                    Reader(institution=akm, card=f"B{i}", last_name=f"R{i}", first_name="B", category="other")
                    for i in range(SERVED)
                )
            ]
            today = timezone.localdate()
            now = timezone.now()
            per_second(  # warm-up: connection, caches, the table's first pages
                lambda i: Visit.objects.create(
                    institution=akm, sector=lending, day=today - datetime.timedelta(days=2), reader_id=ids[i]
                ),
                300,
            )
            baseline = per_second(
                lambda i: Visit.objects.create(
                    institution=akm, sector=lending, day=today - datetime.timedelta(days=1), reader_id=ids[i]
                ),
                SERVED,
            )
            readers = [ids[i if i % 3 else i // 3] for i in range(SERVED)]  # a third come back the same day
            served = per_second(
                lambda i: reader_served.send(
                    None, institution=akm, sector=lending, reader_id=readers[i], when=now, foreign=False
                ),
                SERVED,
            )
            print(f"database: {connection.vendor}")
            print(f"{'baseline: Visit insert, a transaction each':<48} {baseline:>9,.0f} /s")
            print(
                f"{'reader_served → visit (insert or ignore)':<48} {served:>9,.0f} /s  "
                f"({baseline / served:.1f}x the baseline's time; {1000 / served:.2f} ms per desk action)"
            )

            rng = random.Random(1)
            days = [datetime.date(YEAR, 1, 1) + datetime.timedelta(days=d) for d in range(365)]
            desks = list(Sector.objects.filter(institution=akm, has_desk=True))
            halls = list(Sector.objects.filter(institution=akm, has_desk=False))
            with transaction.atomic():
                actions.import_history(
                    None,
                    akm,
                    [(rng.choice(desks), rng.choice(days), [None]) for _ in range(15_000)],
                    [(hall, day, rng.randint(5, 40), 0) for day in days for hall in halls],
                )
            count = timed(lambda: Visit.objects.filter(institution=akm, day__year=YEAR).count(), 9)
            page = timed(lambda: diary.build(akm, YEAR, 11), 9)
            xlsx = timed(lambda: tabular.to_xlsx(diary.document(diary.build(akm, YEAR, 11))), 5)
            print(f"{'baseline: COUNT of the year visits':<48} {count:9.1f} ms")
            print(f"{'diary of November (with the year to date)':<48} {page:9.1f} ms  ({page / count:.0f}x)")
            print(f"{'  the same as XLSX':<48} {xlsx:9.1f} ms  ({xlsx / count:.0f}x)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
