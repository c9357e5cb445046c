"""Charts of the report: matplotlib figures rendered to inline SVG, labelled in German."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from lotse.controlling.report import fmt

BLUE = "#1f5f8b"
LIGHT = "#8fb8d6"
ORANGE = "#d9822b"
GREY = "#9aa5b1"
GREEN = "#3c8d5a"
INK = "#1d2733"


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "svg.fonttype": "none",
            "axes.edgecolor": GREY,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return plt


def _svg(fig: Any) -> str:
    plt = _pyplot()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]


def tick_label(value: float, suffix: str = "") -> str:
    """An axis tick in German, with as many decimals as it needs (at most two).

    A tick at 12.5 % written with no decimals read "12 %" beside a line at 12.5.

    >>> [tick_label(v, " %") for v in (0.0, 12.5, 15.0, 0.25)]
    ['0 %', '12,5 %', '15 %', '0,25 %']
    """
    digits = next((d for d in (0, 1) if abs(value * 10**d - round(value * 10**d)) < 1e-6), 2)
    return fmt.number(value, digits) + suffix


def _ticks(axis: Any, suffix: str = "") -> None:
    """Round tick steps (1, 2, 5 × 10^k) labelled exactly."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: tick_label(v, suffix)))


def quota_trend(
    months: Sequence[int],
    series: Mapping[str, Sequence[float | None]],
    *,
    reference: float | None = None,
    reference_label: str = "Referenzwert",
) -> str:
    """Lines of the Integrationsquote over the months, with the reference value as a line."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.2, 2.8))
    x = list(range(len(months)))
    colours = [BLUE, GREEN, "#7b4f9d", "#b23a48", GREY]
    for i, (label, values) in enumerate(series.items()):
        ax.plot(
            x,
            [v if v is not None else float("nan") for v in values],
            marker="o",
            markersize=2.5,
            linewidth=1.8,
            color=colours[i % len(colours)],
            label=label,
        )
    if reference is not None:
        ax.axhline(
            reference,
            color=ORANGE,
            linestyle="--",
            linewidth=1.2,
            label=f"{reference_label} {fmt.percent(reference)}",
        )
    step = max(1, -(-len(months) // 7))
    ax.set_xticks(x[::step], [fmt.month_name(m, "MMM yy") for m in months[::step]])
    _ticks(ax.yaxis, " %")
    shown: list[float] = [v for vs in series.values() for v in vs if v is not None]
    ax.set_ylim(0, max([*shown, reference or 0.0, 1.0]) * 1.3)
    ax.grid(axis="y", color="#e3e8ee", linewidth=0.6)
    ax.legend(frameon=False, loc="upper left", ncols=3, fontsize=8)
    return _svg(fig)


def bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    reference: float | None = None,
    reference_label: str = "Referenzwert",
    digits: int = 1,
    unit: str = "%",
    highlight: str | None = None,
) -> str:
    """Horizontal bars (one per unit), the value written at the end of each bar."""
    plt = _pyplot()
    height = 0.55 + 0.32 * max(len(labels), 1)
    fig, ax = plt.subplots(figsize=(7.2, height))
    vals = [v or 0.0 for v in values]
    y = list(range(len(labels)))[::-1]
    colours = [ORANGE if highlight and lab == highlight else BLUE for lab in labels]
    ax.barh(y, vals, color=colours, height=0.62)
    top = max([*vals, reference or 0.0, 1e-9])
    for yi, v, raw in zip(y, vals, values, strict=True):
        text = "–" if raw is None else (fmt.number(v, digits) + ("\u00a0" + unit if unit else ""))
        ax.text(v + top * 0.01, yi, text, va="center", fontsize=8, color=INK)
    if reference is not None:
        ax.axvline(reference, color=ORANGE, linestyle="--", linewidth=1.2)
        ax.text(
            reference,
            len(labels) - 0.4,
            f" {reference_label} {fmt.percent(reference)}",
            color=ORANGE,
            fontsize=8,
            va="bottom",
        )
    ax.set_yticks(y, list(labels))
    ax.set_xlim(0, top * 1.18)
    _ticks(ax.xaxis, (" " + unit) if unit == "%" else "")
    ax.grid(axis="x", color="#e3e8ee", linewidth=0.6)
    return _svg(fig)


def exits(
    months: Sequence[int], ended: Sequence[int], reduced: Sequence[int], unknown: Sequence[int]
) -> str:
    """Stacked monthly bars: exits into work that ended the benefit need or only reduced it."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.2, 2.6))
    x = list(range(len(months)))
    ax.bar(x, ended, color=BLUE, label="Hilfebedürftigkeit beendet", width=0.75)
    ax.bar(x, reduced, bottom=ended, color=LIGHT, label="nur verringert", width=0.75)
    base = [a + b for a, b in zip(ended, reduced, strict=True)]
    if any(unknown):
        ax.bar(x, unknown, bottom=base, color=GREY, label="unbekannt", width=0.75)
    step = max(1, -(-len(months) // 7))
    ax.set_xticks(x[::step], [fmt.month_name(m, "MMM yy") for m in months[::step]])
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: tick_label(v)))
    ax.set_ylim(0, max([*(a + b for a, b in zip(base, unknown, strict=True)), 1]) * 1.25)
    ax.grid(axis="y", color="#e3e8ee", linewidth=0.6)
    ax.legend(frameon=False, loc="upper left", ncols=3, fontsize=8)
    return _svg(fig)


def funnel(stages: Sequence[tuple[str, int]]) -> str:
    """A funnel: one centred bar per stage, the stage on the left, count and share on the right."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(4.4, 0.45 + 0.36 * len(stages)))
    first = max(stages[0][1], 1) if stages else 1
    for i, (label, value) in enumerate(stages):
        y = len(stages) - 1 - i
        ax.barh(y, value, left=(first - value) / 2, color=[BLUE, LIGHT, GREEN][i % 3], height=0.7)
        share = "" if i == 0 else f" ({fmt.percent(100 * value / first, 0)})"
        ax.text(-0.04 * first, y, label, ha="right", va="center", fontsize=8, color=INK)
        ax.text(
            1.04 * first,
            y,
            fmt.number(value) + share,
            ha="left",
            va="center",
            fontsize=8,
            color=INK,
        )
    ax.set_xlim(-0.5 * first, 1.5 * first)
    ax.set_ylim(-0.6, len(stages) - 0.4)
    ax.axis("off")
    return _svg(fig)
