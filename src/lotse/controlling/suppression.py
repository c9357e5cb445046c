"""Small-count suppression for pseudonymised figures: cells below five people are not shown.

Controlling sees aggregates only, and an aggregate over one to four people can point at a
person. :func:`suppress` blanks such cells in the tables that break figures down (by site,
team, origin group, gender, officer, programme; reasons of the not-integrable assessments;
measure funnels). Zero stays visible (it names nobody). Which cells were blanked because
they were small is kept in the row under ``SUPPRESSED`` so a view can write "< 5" instead
of "–".

Key-figure rows are blanked cell by cell: a count from 1 to 4 goes, and with it every figure
that would give it back (a quota next to its visible denominator, a change next to the
other year, the other parts of a split whose total is shown). A row whose population
(eLb at the reference date or on average) is itself small goes as a whole. So three
entries into publicly funded employment at a site of 550 eLb blank that entry quota,
not the site's integration quota. Funnel and not-integrable rows are small tables in
which every figure is a step of the same few people: one small count blanks the row.

Not covered (stated, not hidden): differencing across rows. A blanked site count can be
worked out from the Jobcenter's total minus the other sites when exactly one site is
blanked; the official statistics answer that with secondary suppression of a second
cell, which Lotse does not do yet.
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


def suppress_row(
    row: dict[str, Any], threshold: int = THRESHOLD, hit: list[str] | None = None
) -> dict[str, Any]:
    """A copy of ``row`` with all its figures blanked if any count in it is small.

    >>> suppress_row({"dim_value": "Köthen", "elb_stock": 3, "quota": 12.5})
    {'dim_value': 'Köthen', 'elb_stock': None, 'quota': None, '_suppressed': ['elb_stock']}
    >>> suppress_row({"dim_value": "Bitterfeld", "elb_stock": 30, "quota": 12.5})
    {'dim_value': 'Bitterfeld', 'elb_stock': 30, 'quota': 12.5}
    """
    figures = [k for k in row if k not in KEYS and k != SUPPRESSED]
    hit = hit or [k for k in figures if small(row[k], threshold)]
    if not hit:
        return dict(row)
    out = {k: (None if k in figures and isinstance(row[k], int | float) else v)
           for k, v in row.items()}  # fmt: skip
    out[SUPPRESSED] = hit
    return out


POPULATION = ("elb_stock", "k2_elb_average_12m")
"""A breakdown group this small is blanked whole, whatever else its row holds."""

DEPENDS: dict[str, tuple[str, ...]] = {
    "k1e2_elb_change_pct": ("elb_stock", "elb_stock_prev_year"),
    "k1_llu_sum_eur": ("elb_stock",),
    "k1_llu_sum_prev_year_eur": ("elb_stock_prev_year",),
    "k1_llu_change_pct": ("elb_stock", "elb_stock_prev_year"),
    "k2_integration_quota": ("k2_integrations_12m",),
    "k2_minijob_entry_quota": ("k2_minijob_entries_12m",),
    "k2_public_employment_entry_quota": ("k2_public_employment_entries_12m",),
    "k2_continuous_employment_6m": (
        "k2_continuous_cohort_integrations",
        "k2_continuous_employments",
    ),
    "k2_single_parent_integration_quota": (
        "k2_single_parent_integrations_12m",
        "k2_single_parent_elb_average_12m",
    ),
    "k3_change_pct": ("k3_long_term_recipients", "k3_long_term_recipients_prev_year"),
    "k3_integration_quota": ("k3_integrations_12m", "k3_lzb_average_12m"),
    "k3_activation_quota": ("k3_in_active_measure", "k3_long_term_recipients"),
    "exits_change_12m": ("k2_integrations_12m", "k2_integrations_prev_12m"),
    "exits_change_pct": ("k2_integrations_12m", "k2_integrations_prev_12m"),
}
"""Figure -> the counts it is computed from (blank them, and it goes too)."""

SPLITS: tuple[tuple[str, ...], ...] = (
    ("exits_need_ended_12m", "exits_need_reduced_12m", "exits_need_unknown_12m"),
)
"""Parts of a shown total: one blanked part could be worked out from the others."""


def small_people(value: Any, threshold: int = THRESHOLD) -> bool:
    """Whether a count, or an average number of people, is above zero and under ``threshold``.

    >>> [small_people(v) for v in (0, 3, 4.5, 5.0, None)]
    [False, True, True, False, False]
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return 0 < value < threshold


def suppress_key_row(row: dict[str, Any], threshold: int = THRESHOLD) -> dict[str, Any]:
    """A key-figure breakdown row with its small counts, and what reveals them, blanked.

    >>> r = suppress_key_row({"dim_value": "Bitterfeld", "elb_stock": 550,
    ...     "k2_integrations_12m": 100, "k2_integration_quota": 18.5,
    ...     "k2_public_employment_entries_12m": 3, "k2_public_employment_entry_quota": 0.56})
    >>> r["k2_integration_quota"], r["k2_public_employment_entry_quota"], r["_suppressed"]
    (18.5, None, ['k2_public_employment_entries_12m'])
    """
    if any(small_people(row.get(k), threshold) for k in POPULATION):
        return suppress_row(row, hit=[k for k in POPULATION if small_people(row.get(k), threshold)])
    figures = [k for k in row if k not in KEYS and k != SUPPRESSED]
    hit = [k for k in figures if small(row[k], threshold)
           or (k.endswith("_average_12m") and small_people(row[k], threshold))]  # fmt: skip
    if not hit:
        return dict(row)
    gone = set(hit)
    for split in SPLITS:
        if gone & set(split):
            gone |= {k for k in split if k in row}
    gone |= {k for k, sources in DEPENDS.items() if k in row and gone & set(sources)}
    out = {k: (None if k in gone and isinstance(v, int | float) else v) for k, v in row.items()}
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

    def blank(name: str, row: dict[str, Any]) -> dict[str, Any]:
        if not _breaks_down(name, row):
            return dict(row)
        if name == "key_figures":
            return suppress_key_row(row, threshold)
        return suppress_row(row, threshold)

    tables = {name: [blank(name, r) for r in rows] for name, rows in results.tables.items()}
    return dataclasses.replace(results, tables=tables)
