"""Small-count suppression for pseudonymised figures: cells below five people are not shown.

Controlling sees aggregates only, and an aggregate over one to four people can point at a
person. :func:`suppress` blanks such cells in the tables that break figures down (by site,
team, origin group, gender, officer, programme; reasons of the not-integrable assessments;
measure funnels): every count from 1 to 4 in a row and, because a share or an average would
let one work the count out again, every other figure of that row too. Zero stays visible (it
names nobody). Which cells were blanked is kept in the row under ``SUPPRESSED`` so a view can
write "< 5" instead of "–".
"""

from __future__ import annotations

import dataclasses
from typing import Any

from lotse.analytics.engine import Results

THRESHOLD = 5
SUPPRESSED = "_suppressed"
KEYS = frozenset(
    {"dimension", "dim_value", "m", "reason", "measure", "measure_name", "programme", "name"}
)
"""Columns that name a row, never a figure."""


def small(value: Any, threshold: int = THRESHOLD) -> bool:
    """Whether a count is one to ``threshold - 1`` people.

    >>> [small(v) for v in (0, 1, 4, 5, 2.5, None, True)]
    [False, True, True, False, False, False, False]
    """
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < threshold


def suppress_row(row: dict[str, Any], threshold: int = THRESHOLD) -> dict[str, Any]:
    """A copy of ``row`` with its figures blanked if any count in it is small.

    >>> suppress_row({"dim_value": "Köthen", "elb_stock": 3, "quota": 12.5})
    {'dim_value': 'Köthen', 'elb_stock': None, 'quota': None, '_suppressed': ['elb_stock']}
    >>> suppress_row({"dim_value": "Bitterfeld", "elb_stock": 30, "quota": 12.5})
    {'dim_value': 'Bitterfeld', 'elb_stock': 30, 'quota': 12.5}
    """
    figures = [k for k in row if k not in KEYS and k != SUPPRESSED]
    hit = [k for k in figures if small(row[k], threshold)]
    if not hit:
        return dict(row)
    out = {k: (None if k in figures and isinstance(row[k], int | float) else v)
           for k, v in row.items()}  # fmt: skip
    out[SUPPRESSED] = hit
    return out


def _breaks_down(table: str, row: dict[str, Any]) -> bool:
    if table == "key_figures":
        return row.get("dimension") != "jobcenter"
    if table == "not_integrable":
        return row.get("reason") is not None or row.get("dimension") != "jobcenter"
    return table == "funnel"


def suppress(results: Results, threshold: int = THRESHOLD) -> Results:
    """A copy of ``results`` whose breakdown cells under ``threshold`` people are blanked."""
    tables = {
        name: [suppress_row(r, threshold) if _breaks_down(name, r) else dict(r) for r in rows]
        for name, rows in results.tables.items()
    }
    return dataclasses.replace(results, tables=tables)
