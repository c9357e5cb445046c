"""The building blocks of a definition: a named SQL step with its documentation and legal source.

A :class:`Step` is one ``SELECT`` whose result is materialised as a table of the same name, so
later steps can read it. Steps are plain SQL text over the canonical tables
(:mod:`lotse.analytics.canonical`), the ``months`` calendar and the one-row ``params`` table.

Portability rules (so the same text runs on DuckDB, PostgreSQL, Spark SQL or Trino):

* ANSI joins, ``CASE``, ``COALESCE``, ``NULLIF``, ``EXTRACT``, ``GROUP BY``, window functions;
* no engine-specific functions except ``days_between(a, b)`` (days from ``a`` to ``b``), which
  each engine defines once (DuckDB: a macro ``b - a``; Spark: ``datediff(b, a)``; Trino:
  ``date_diff('day', a, b)``);
* months are integer indexes (``year * 12 + month - 1``) so month arithmetic is integer
  arithmetic; dates are compared, never formatted;
* parameters come from the ``params`` table (``CROSS JOIN params p``), never from string
  formatting, so a distributed engine can broadcast them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Step", "month_of"]


@dataclass(frozen=True)
class Step:
    name: str
    sql: str
    doc: str
    source: str = ""
    """The legal or methodological source of the rule this step implements."""


def month_of(expr: str) -> str:
    """SQL for the month index of a date expression.

    >>> print(month_of("d"))
    (CAST(EXTRACT(YEAR FROM d) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM d) AS INTEGER) - 1)
    """
    return (
        f"(CAST(EXTRACT(YEAR FROM {expr}) AS INTEGER) * 12 "
        f"+ CAST(EXTRACT(MONTH FROM {expr}) AS INTEGER) - 1)"
    )


def covers(period: str, day: str) -> str:
    """SQL condition: the period alias ``period`` (start_date/end_date) contains ``day``.

    >>> covers("bp", "c.stichtag")
    '(bp.start_date <= c.stichtag AND (bp.end_date IS NULL OR bp.end_date >= c.stichtag))'
    """
    return (
        f"({period}.start_date <= {day} AND ({period}.end_date IS NULL "
        f"OR {period}.end_date >= {day}))"
    )
