"""A horizontal bar chart drawn on the server as SVG (no JavaScript), one bar per option."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
LABEL_W, VALUE_W, ROW_H, PAD = 240, 48, 26, 6
MAX_LABEL = 38


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def bar_chart(rows: Sequence[tuple[str, int]], title: str, base: int | None = None) -> SafeString:
    """Each row: its label, a bar as long as its share of the largest count, the count and its
    percent of `base` (the respondents, so a multiple-choice question's percents may pass 100)."""
    total = sum(n for _, n in rows) if base is None else base
    top = max([n for _, n in rows] + [1])
    bar_w = WIDTH - LABEL_W - VALUE_W - 2 * PAD
    height = ROW_H * len(rows) + 2 * PAD
    parts = [
        f'<svg class="chart bars" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for i, (label, count) in enumerate(rows):
        y = PAD + i * ROW_H
        width = bar_w * count / top
        share = f"{100 * count / total:.0f}%" if total else "0%"
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + ROW_H * 0.65:.1f}" text-anchor="end" class="axis">'
            f"<title>{escape(label)}</title>{escape(_short(label))}</text>"
            f'<rect x="{LABEL_W}" y="{y + 4}" width="{width:.1f}" height="{ROW_H - 8}" class="bar">'
            f"<title>{count}</title></rect>"
            f'<text x="{LABEL_W + width + 6:.1f}" y="{y + ROW_H * 0.65:.1f}" class="axis">'
            f"{count} ({share})</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
