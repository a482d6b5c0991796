"""The annual report of one AKM and the roll-up of a region, on a year of generated operations.

One AKM gets 20,000 loans, 15,000 visits, 2,000 registrations and 3,000 copies received, as
manual fact entries (the domains that will count them from records are not built yet); the
region has 15 such AKMs. Targets (issue 3): one annual report <= 200 ms, the roll-up <= 1 s.
The baseline is one plain aggregate over the same fact table, measured in the same run.

    .venv/bin/python bench/bench_plan_report.py                    # SQLite (in memory)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kutubxona .venv/bin/python bench/bench_plan_report.py
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kutubxona.settings")
os.environ.setdefault("KUTUBXONA_DATA_DIR", tempfile.mkdtemp(prefix="kutubxona-bench-"))

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Sum  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from kutubxona.institutions import actions as institution_actions  # noqa: E402
from kutubxona.institutions.models import Institution  # noqa: E402
from kutubxona.planning import actions  # noqa: E402
from kutubxona.planning.builtin import ensure_template  # noqa: E402
from kutubxona.planning.models import ManualFact, Plan, PlanLine  # noqa: E402
from kutubxona.planning.periods import Period  # noqa: E402
from kutubxona.planning.report import build_report  # noqa: E402
from kutubxona.planning.rollup import build_rollup  # noqa: E402
from kutubxona.planning.xlsx import report_xlsx  # noqa: E402

YEAR = 2021
DISTRICTS = 15
VOLUME = {"17": 20_000, "16": 15_000, "15.1": 2_000, "10.1": 500, "10.2": 1_500, "10.4": 1_000}


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def populate() -> tuple[Institution, list[Plan]]:
    template = ensure_template()
    root = institution_actions.create_institution(
        None, code="bench-region", parent=None, kind="regional", name_uz="Bench"
    )
    plans = []
    rng = random.Random(1)
    days = [datetime.date(YEAR, 1, 1) + datetime.timedelta(days=d) for d in range(365)]
    for i in range(DISTRICTS):
        district = institution_actions.create_institution(
            None, code=f"bench-{i}", parent=root, kind="district", name_uz=f"Tuman {i}"
        )
        plan = actions.create_plan(None, district, YEAR, template)
        actions.set_values(None, plan, {"17": {"target": Decimal(21_000)}, "16": {"target": Decimal(16_000)}})
        lines = {line.number: line for line in PlanLine.objects.filter(plan=plan)}
        # One entry per operation: a loan, a visit, a registration, a copy received.
        facts = [
            ManualFact(line=lines[number], date=rng.choice(days), value=Decimal(1))
            for number, count in VOLUME.items()
            for _ in range(count)
        ]
        ManualFact.objects.bulk_create(facts, batch_size=5000)
        plans.append(plan)
    return root, plans


def main() -> None:
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with scopes_disabled():
            started = time.perf_counter()
            region, plans = populate()
            entries = ManualFact.objects.count()
            print(
                f"database: {connection.vendor}; {len(plans)} AKMs, {entries:,} fact entries "
                f"(generated in {time.perf_counter() - started:.1f} s)"
            )
            plan, year = plans[0], Period(YEAR, "year")
            baseline = timed(lambda: ManualFact.objects.filter(line__plan=plan).aggregate(s=Sum("value")), 9)
            report = timed(lambda: build_report(plan, year), 9)
            xlsx = timed(lambda: report_xlsx(build_report(plan, year)), 5)
            quarter = timed(lambda: build_report(plan, Period(YEAR, "quarter", 3)), 9)
            rollup = timed(lambda: build_rollup(region, YEAR, year), 5)
            check = build_report(plan, year).line("17").cumulative
            assert check == VOLUME["17"], check

            def line(label: str, ms: float, note: str = "") -> None:
                print(f"{label:<42} {ms:8.1f} ms  ({ms / baseline:.1f}x baseline{note})")

            print(f"{'baseline: one SUM over the AKM facts':<42} {baseline:8.1f} ms")
            line("annual report of one AKM (55 lines)", report, "; target <= 200 ms")
            line("  the same as an XLSX file", xlsx)
            line("Q3 report of one AKM (two fact sums)", quarter)
            line(f"roll-up of the region ({DISTRICTS} AKMs)", rollup, "; target <= 1000 ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
