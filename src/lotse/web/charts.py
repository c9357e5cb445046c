"""Server-rendered SVG charts: small, accessible (title, description, data table beside them).

Charts are inline SVG with presentation attributes only, so they need no script and pass the
content security policy. Colours are from a palette distinguishable with common colour-vision
deficiencies (Okabe–Ito) and meet 3:1 contrast against white.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from html import escape

from markupsafe import Markup

PALETTE = ("#0b4f8a", "#d55e00", "#117a55", "#9b4f96", "#8a6d00", "#4b5563")

_ids = itertools.count(1)


def _nice_max(value: float) -> float:
    """The smallest 1/2/5 × 10^k at or above ``value`` (at least 1).

    >>> _nice_max(0), _nice_max(7), _nice_max(13), _nice_max(240)
    (1, 10, 20, 500)
    """
    if value <= 1:
        return 1
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if step * magnitude >= value:
                return step * magnitude
        magnitude *= 10


def bar_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float]],
    *,
    title: str,
    description: str = "",
    width: int = 640,
    height: int = 260,
) -> Markup:
    """A vertical bar chart; several series are stacked. Returns inline SVG markup.

    >>> svg = bar_chart(["Jan", "Feb"], {"Starts": [3, 5]}, title="Job starts")
    >>> svg.startswith("<svg") and "Job starts" in svg and svg.count("<rect") >= 2
    True
    """
    chart_id = f"chart-{next(_ids)}"
    left, right, top, bottom = 44, 12, 16, 58 if len(series) > 1 else 36
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values[i] for values in series.values()) for i in range(len(labels))]
    top_value = max(_nice_max(max(totals, default=0)), 4)  # counts: whole-number ticks
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    for k in range(5):
        value = top_value * k / 4
        y = top + plot_h - plot_h * k / 4
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#c9ced6" stroke-width="1"/>'
        )
        label = f"{value:g}"
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#4b5563">{label}</text>'
        )
    n = max(len(labels), 1)
    slot = plot_w / n
    bar_w = max(min(slot * 0.7, 48), 2)
    for i, label in enumerate(labels):
        x = left + slot * i + (slot - bar_w) / 2
        base = float(top + plot_h)
        for (name, values), colour in zip(series.items(), itertools.cycle(PALETTE), strict=False):
            value = values[i]
            if value <= 0:
                continue
            h = plot_h * value / top_value
            base -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(label)}: {escape(name)} {value:g}</title></rect>'
            )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
            f'font-size="11" fill="#1b1f24">{escape(label)}</text>'
        )
    if len(series) > 1:
        x = left
        for name, colour in zip(series, itertools.cycle(PALETTE), strict=False):
            y = height - 14
            parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
            parts.append(
                f'<text x="{x + 14}" y="{y}" font-size="12" fill="#1b1f24">{escape(name)}</text>'
            )
            x += 24 + 7 * len(name)
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped


def funnel_chart(
    stages: Sequence[tuple[str, float]],
    *,
    title: str,
    description: str = "",
    width: int = 640,
    share_label: str = "({share} %)",
) -> Markup:
    """A funnel as horizontal bars, one per stage, with the count and the share of the first.

    >>> svg = funnel_chart([("invited", 20), ("came", 12), ("hired", 3)], title="Event")
    >>> svg.count("<rect") == 3 and "(60 %)" in svg and "(15 %)" in svg
    True
    """
    chart_id = f"chart-{next(_ids)}"
    label_w, row_h, top = 220, 30, 8
    height = top * 2 + row_h * max(len(stages), 1)
    first = max((stages[0][1] if stages else 0), 1)
    plot_w = width - label_w - 250  # room for "n (share of the first)"
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    for i, (label, value) in enumerate(stages):
        y = top + i * row_h
        w = max(plot_w * value / first, 1 if value else 0)
        colour = PALETTE[0] if i == 0 else PALETTE[2] if i == len(stages) - 1 else PALETTE[0]
        share = "" if i == 0 else " " + share_label.format(share=f"{100 * value / first:.0f}")
        parts.append(
            f'<text x="{label_w - 8}" y="{y + row_h / 2 + 4:.1f}" text-anchor="end" '
            f'font-size="13" fill="#1b1f24">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
            f'fill="{colour}"><title>{escape(label)}: '
            f"{value:g}</title></rect>"
        )
        parts.append(
            f'<text x="{label_w + w + 6:.1f}" y="{y + row_h / 2 + 4:.1f}" font-size="13" '
            f'fill="#1b1f24">{value:g}{escape(share)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped
