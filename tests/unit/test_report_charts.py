"""The report's charts label their axes so that a reader can trust them."""

from __future__ import annotations

import itertools
import re

from lotse.controlling.report import charts


def _tick_texts(svg: str) -> list[str]:
    return re.findall(r">([0-9.,]+ %)<", svg)


def test_the_quota_trend_has_round_ticks_written_exactly() -> None:
    # Quotas between 10 % and 12.75 %: the axis once carried gridlines at 2.5-point steps
    # labelled "2 %", "8 %", "12 %" (12.5 rounded down), next to a reference line at 11.3 %.
    months = list(range(2024 * 12, 2024 * 12 + 12))
    svg = charts.quota_trend(
        months, {"Jobcenter": [10.0 + 0.25 * i for i in range(12)]}, reference=11.3
    )
    ticks = _tick_texts(svg)
    assert ticks, "no tick labels in the SVG"
    values = [float(t.removesuffix(" %").replace(",", ".")) for t in ticks]
    steps = {round(b - a, 6) for a, b in itertools.pairwise(values)}
    assert len(steps) == 1
    assert steps.pop() in {1.0, 2.0, 5.0}


def test_a_tick_between_whole_percent_keeps_its_decimal() -> None:
    assert charts.tick_label(12.5, " %") == "12,5 %"
    assert charts.tick_label(15.0, " %") == "15 %"
