"""`kutubxona report` and the demo: Arnasoy's 2021 plan has the seed's numbers and a full year of facts."""

from __future__ import annotations

import io
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from kutubxona.planning.models import Plan, PlanLine, PlanStatus
from kutubxona.planning.periods import Period
from kutubxona.planning.report import build_report
from tests.planning.conftest import seed_targets


def test_demo_2021_plan_has_the_seed_numbers_and_a_year_of_facts(demo: None) -> None:
    plan = Plan.objects.get(institution__code="arnasoy", year=2021)
    assert plan.status == PlanStatus.APPROVED
    stored = {line.number: line for line in PlanLine.objects.filter(plan=plan)}
    assert {n: {"target": v.target, "last_year": v.last_year} for n, v in stored.items()} == seed_targets()
    report = build_report(plan, Period.parse(2021, "year"))
    missing = [r.line.number for r in report.lines if r.cumulative == 0 and r.line.target != 0]
    assert missing == []  # the 2021 annual report is complete
    # Every line is counted from the records of a simulated 2021, none typed by hand,
    # and the year's work is spread over its months.
    assert not any(line.manual_facts.exists() for line in stored.values())
    months = {
        month
        for month in range(1, 13)
        if any(r.actual for r in build_report(plan, Period.parse(2021, f"m{month:02d}")).lines)
    }
    assert months == set(range(1, 13))


def test_demo_has_this_years_plans_and_one_to_review(demo: None) -> None:
    from django.utils import timezone

    year = timezone.localdate().year
    statuses = dict(Plan.objects.filter(year=year).values_list("institution__code", "status"))
    assert statuses == {"arnasoy": "approved", "dostlik": "submitted", "zomin": "draft"}


def test_report_command_writes_every_format(demo: None, tmp_path: Path) -> None:
    for fmt in ("xlsx", "pdf", "json"):
        out = tmp_path / f"r.{fmt}"
        call_command(
            "report",
            institution="arnasoy",
            year=2021,
            period="q3",
            format=fmt,
            output=str(out),
            stderr=StringIO(),
        )
        assert out.stat().st_size > 1000
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["period"] == "q3" and len(data["lines"]) == 55
    assert all(set(line["source"]) & {"manual", "metric"} for line in data["lines"])
    sheet = load_workbook(io.BytesIO((tmp_path / "r.xlsx").read_bytes())).active
    assert sheet is not None and "III" in str(sheet["A2"].value)


def test_report_command_refuses_unknown_input(demo: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no plan"):
        call_command("report", institution="arnasoy", year=1999, output=str(tmp_path / "x"))
    with pytest.raises(CommandError, match=r"q1\.\.q4"):
        call_command("report", institution="arnasoy", year=2021, period="q7", output=str(tmp_path / "x"))


def test_this_years_catalogue_lines_are_counted_from_the_records(demo: None) -> None:
    from django.utils import timezone

    from kutubxona.catalog.models import Record

    year = timezone.localdate().year
    plan = Plan.objects.get(institution__code="arnasoy", year=year)
    report = build_report(plan, Period.parse(year, "year"))
    created = report.line("11")
    assert created.source == {"metric": "catalog.records_created", "dimensions": {}}
    made_this_year = Record.objects.filter(
        institution__code="arnasoy", created_at__year=year, analytic_purpose=""
    )
    assert created.cumulative == made_this_year.count() > 0
    assert "adjustments" not in created.source  # nothing typed by hand on a line the records count
    sent = report.line("14")
    exported = Record.objects.filter(exports__created_at__year=year, institution__code="arnasoy").distinct()
    assert (sent.source["metric"], sent.cumulative) == ("catalog.union_contributions", exported.count())
    assert sent.cumulative > 0
