"""Charts drawn on the server as SVG: no JavaScript library, no CDN."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.dates import MONTHS_3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 28


def _fmt(value: Decimal) -> str:
    return f"{value:,.0f}".replace(",", " ")


def progress_chart(
    monthly: Sequence[Decimal],
    cumulative: Sequence[Decimal],
    expected: Sequence[Decimal],
    title: str,
    months_elapsed: int = 12,
) -> SafeString:
    """Bars: the fact of each month. Line: the fact so far (up to this month of a running year).
    Dashed line: what the pace expects (not drawn for a line without a target)."""
    top_value = max([*cumulative, *expected, Decimal(1)])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / 12

    def y(value: Decimal) -> float:
        return TOP + plot_h - float(value / top_value) * plot_h

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for fraction in (0, 0.5, 1):
        value = top_value * Decimal(str(fraction))
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" class="grid"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" class="axis">{_fmt(value)}</text>'
        )
    for month, value in enumerate(monthly):
        x = LEFT + month * step + step * 0.2
        parts.append(
            f'<rect x="{x:.1f}" y="{y(value):.1f}" width="{step * 0.6:.1f}" '
            f'height="{TOP + plot_h - y(value):.1f}" class="bar"><title>{_fmt(value)}</title></rect>'
            f'<text x="{x + step * 0.3:.1f}" y="{HEIGHT - 8}" text-anchor="middle" class="axis">'
            f"{escape(str(MONTHS_3[month + 1]))}</text>"
        )

    def path(values: Sequence[Decimal]) -> str:
        return " ".join(f"{LEFT + (i + 0.5) * step:.1f},{y(v):.1f}" for i, v in enumerate(values))

    if any(expected):
        parts.append(f'<polyline points="{path(expected)}" class="expected"/>')
    parts.append(f'<polyline points="{path(cumulative[:months_elapsed])}" class="cumulative"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
