import re
from decimal import Decimal

from kutubxona.planning.charts import progress_chart
from kutubxona.planning.facts import cumulative


def _points(svg: str, css_class: str) -> int:
    match = re.search(rf'<polyline points="([^"]*)" class="{css_class}"', svg)
    return len(match.group(1).split()) if match else 0


def test_running_year_stops_the_line_at_this_month_and_escapes_titles() -> None:
    monthly = [Decimal(m) for m in range(1, 13)]
    svg = str(progress_chart(monthly, cumulative(monthly), [Decimal(5)] * 12, "<b>17</b>", months_elapsed=4))
    assert _points(svg, "cumulative") == 4 and _points(svg, "expected") == 12
    assert svg.count("<rect") == 12 and "&lt;b&gt;17&lt;/b&gt;" in svg and "<b>" not in svg
    assert cumulative(monthly)[-1] == 78


def test_no_target_draws_no_expected_line() -> None:
    monthly = [Decimal(1)] * 12
    svg = str(progress_chart(monthly, cumulative(monthly), [Decimal(0)] * 12, "16"))
    assert _points(svg, "expected") == 0 and _points(svg, "cumulative") == 12
