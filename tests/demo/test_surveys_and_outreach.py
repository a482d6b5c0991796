"""The demo's surveys and outreach records feed plan lines 9, 33, 40 and 41 with what
`simulated_entries` asks for."""

from __future__ import annotations

import datetime

from kutubxona.attendance import metrics as attendance_metrics
from kutubxona.institutions.models import Institution
from kutubxona.outreach import metrics as outreach_metrics
from kutubxona.outreach.models import Agreement, MemberCount, Post
from kutubxona.planning import registry
from kutubxona.planning.demo import simulated_entries
from kutubxona.surveys import metrics as survey_metrics
from kutubxona.surveys.models import Response, Survey


def _count(key: str, ids: list[int], start: datetime.date, end: datetime.date) -> dict[int, object]:
    metric = registry.get(key)
    assert metric is not None
    return dict(metric.count(ids, start, end, {}))


def test_demo_records_feed_the_plan_lines(demo: str) -> None:
    arnasoy = Institution.tree.get(code="arnasoy")
    ids, year = [arnasoy.pk], (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31))

    def wanted(line: str) -> int:
        return sum(amount for _day, amount in simulated_entries(arnasoy, 2021, line))

    assert survey_metrics.count_surveys(ids, *year, {}) == {arnasoy.pk: wanted("9")}
    # Line 40: the delegations, and the foreign readers among the visits (attendance).
    foreign_readers = attendance_metrics.count_foreign(ids, *year, {}).get(arnasoy.pk, 0)
    assert outreach_metrics.count_foreign_visitors(ids, *year, {}) == {
        arnasoy.pk: wanted("40") + foreign_readers
    }
    posts = _count("outreach.posts", ids, *year)
    assert posts == {arnasoy.pk: wanted("33")} and wanted("33") > 7000
    assert _count("outreach.media", ids, *year) == {arnasoy.pk: wanted("41")}
    assert Agreement.objects.filter(institution=arnasoy).count() == 1
    assert MemberCount.objects.filter(institution=arnasoy, counted_on=datetime.date(2021, 12, 1)).exists()
    assert Response.objects.filter(survey__institution=arnasoy).count() > 0
    assert Survey.objects.filter(institution__code="zomin").exists()
    assert Post.objects.filter(institution__code="dostlik", published_on__year=2021).exists()
