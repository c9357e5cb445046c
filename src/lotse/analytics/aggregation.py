"""Counting facts per reported unit: the whole Jobcenter, sites, teams, officers, origin groups,
genders (one ``GROUPING SETS`` pass over the person's attributes) and programmes (a join with the
dated memberships).

A *fact table* has one row per person (``pid``) and fact (a month in the stock, a job start …)
and a date column that decides whether the person belongs to the population and to a programme
on that day. :func:`aggregate` writes the SQL that counts it per unit, as rows
``(dimension, dim_value, <keys>, <measures>)``.
"""

from __future__ import annotations

__all__ = ["STATIC_DIMENSIONS", "aggregate"]

STATIC_DIMENSIONS: dict[str, str] = {
    "site": "pe.site",
    "team": "pe.team",
    "officer": "pe.officer_id",
    "origin_group": "pe.origin_group",
    "gender": "pe.gender",
}
"""Breakdowns that are attributes of the person (current values, see decision S9)."""


def aggregate(
    facts: str,
    *,
    date: str,
    measures: str,
    keys: tuple[str, ...] = (),
    dimensions: tuple[str, ...],
) -> str:
    """SQL counting the fact table ``facts`` per unit of the requested ``dimensions``.

    ``date`` is the fact column checked against population and membership validity, ``keys``
    further columns of ``facts`` to group by (e.g. ``m``), ``measures`` the aggregate
    expressions (over ``f.`` fact columns and ``pe.`` person attributes).

    >>> sql = aggregate("stock_facts", date="stichtag", keys=("m",), measures="COUNT(*) AS elb",
    ...                 dimensions=("jobcenter", "site"))
    >>> "GROUPING SETS ((f.m), (f.m, pe.site))" in sql
    True
    """
    unknown = set(dimensions) - {"jobcenter", "programme", *STATIC_DIMENSIONS}
    if unknown:
        raise ValueError(f"unknown dimensions {sorted(unknown)}")
    key_list = [f"f.{k}" for k in keys]
    key_select = "".join(f"{k}, " for k in key_list)
    base = (
        f"FROM {facts} f\n"
        "JOIN population pop ON pop.pid = f.pid\n"
        f"    AND pop.valid_from <= f.{date} AND pop.valid_to >= f.{date}\n"
        "JOIN people pe ON pe.pid = f.pid\n"
    )
    parts: list[str] = []
    static = [d for d in dimensions if d in STATIC_DIMENSIONS]
    sets: list[str] = []
    if "jobcenter" in dimensions:
        sets.append("(" + ", ".join(key_list) + ")")
    for d in static:
        sets.append("(" + ", ".join([*key_list, STATIC_DIMENSIONS[d]]) + ")")
    if sets:
        dim_case = " ".join(f"WHEN GROUPING({STATIC_DIMENSIONS[d]}) = 0 THEN '{d}'" for d in static)
        val_case = " ".join(
            f"WHEN GROUPING({col}) = 0 THEN CAST({col} AS VARCHAR)"
            for col in (STATIC_DIMENSIONS[d] for d in static)
        )
        dimension = f"CASE {dim_case} ELSE 'jobcenter' END" if static else "'jobcenter'"
        value = f"CASE {val_case} ELSE 'Jobcenter' END" if static else "'Jobcenter'"
        parts.append(
            "SELECT * FROM (\n"
            f"SELECT {dimension} AS dimension, {value} AS dim_value, {key_select}{measures}\n"
            f"{base}GROUP BY GROUPING SETS ({', '.join(sets)})\n"
            ") g WHERE g.dim_value IS NOT NULL"
        )
    if "programme" in dimensions:
        group = ", ".join(["ms.programme", *key_list])
        parts.append(
            f"SELECT 'programme' AS dimension, ms.programme AS dim_value, {key_select}{measures}\n"
            f"{base}JOIN members ms ON ms.pid = f.pid\n"
            f"    AND ms.since_date <= f.{date} AND ms.until_date >= f.{date}\n"
            f"GROUP BY {group}"
        )
    if not parts:
        raise ValueError("no dimension requested")
    return "\n" + "\nUNION ALL\n".join(parts) + "\n"
