"""A line chart drawn on the server as SVG: a channel's members over time."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 12, 28


def _fmt(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def line_chart(points: Sequence[tuple[datetime.date, int]], title: str) -> SafeString:
    """Dates on a time axis (so uneven gaps show as such), values from 0 to the largest."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    if points:
        first, last = points[0][0], points[-1][0]
        span = max((last - first).days, 1)
        top = max(max(value for _, value in points), 1)

        def x(day: datetime.date) -> float:
            return LEFT + plot_w * (day - first).days / span

        def y(value: float) -> float:
            return TOP + plot_h - plot_h * value / top

        for fraction in (0, 0.5, 1):
            value = top * fraction
            parts.append(
                f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                'class="grid"/>'
                f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" class="axis">'
                f"{_fmt(value)}</text>"
            )
        for day in (first, last):
            parts.append(
                f'<text x="{x(day):.1f}" y="{HEIGHT - 8}" text-anchor="{"start" if day == first else "end"}" '
                f'class="axis">{day:%d.%m.%Y}</text>'
            )
        path = " ".join(f"{x(day):.1f},{y(value):.1f}" for day, value in points)
        parts.append(f'<polyline points="{path}" class="line"/>')
        for day, value in points:
            parts.append(
                f'<circle cx="{x(day):.1f}" cy="{y(value):.1f}" r="3" class="dot">'
                f"<title>{day:%d.%m.%Y}: {_fmt(value)}</title></circle>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))
