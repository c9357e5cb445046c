"""Month arithmetic shared by every figure: month indexes, Stichtage and the calendar table.

A month is handled as an integer *month index* ``year * 12 + month - 1`` so that "twelve months
back" is plain integer arithmetic in SQL on every engine. Every month has one *Stichtag* (the
day on which stocks are counted); Lotse counts on the last day of the month (see
``docs/key-figures.md``, decision S1).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

from lotse.errors import InvalidInput, Problem

__all__ = [
    "LZB_MIN_DAYS",
    "LZB_WINDOW_DAYS",
    "calendar_rows",
    "month_index",
    "month_label",
    "parse_month",
    "stichtag",
]

LZB_WINDOW_DAYS = 730
"""24 months counted to the day (§ 6(1) 48a-KennzahlenV; sgb2.info glossary: 730 days)."""

LZB_MIN_DAYS = 638
"""21 of 24 months counted to the day (sgb2.info glossary: at least 638 of 730 days)."""

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def month_index(year: int, month: int) -> int:
    """The integer index of a calendar month.

    >>> month_index(2025, 3) - month_index(2024, 3)
    12
    """
    return year * 12 + month - 1


def parse_month(text: str) -> int:
    """The month index of ``YYYY-MM``; raises :class:`InvalidInput` for anything else.

    >>> month_label(parse_month("2025-03"))
    '2025-03'
    """
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InvalidInput(Problem("month", "expected a month as YYYY-MM", value=text))
    return month_index(int(match.group(1)), int(match.group(2)))


def month_label(m: int) -> str:
    """``YYYY-MM`` of a month index.

    >>> month_label(month_index(2024, 12))
    '2024-12'
    """
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


def month_start(m: int) -> date:
    return date(m // 12, m % 12 + 1, 1)


def stichtag(m: int) -> date:
    """The day on which the stock of month ``m`` is counted: its last day.

    >>> stichtag(month_index(2024, 2))
    datetime.date(2024, 2, 29)
    """
    year, month = m // 12, m % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def calendar_rows(first: int, last: int) -> dict[str, list[Any]]:
    """Columns of the ``months`` table for months ``first`` … ``last`` (inclusive).

    ``lzb_from`` is the first day of the 730-day window that ends on the Stichtag.

    >>> rows = calendar_rows(month_index(2025, 1), month_index(2025, 2))
    >>> rows["label"], rows["stichtag"][1], rows["lzb_from"][1]
    (['2025-01', '2025-02'], datetime.date(2025, 2, 28), datetime.date(2023, 3, 2))
    """
    months = list(range(first, last + 1))
    return {
        "m": months,
        "label": [month_label(m) for m in months],
        "month_start": [month_start(m) for m in months],
        "stichtag": [stichtag(m) for m in months],
        "lzb_from": [stichtag(m) - timedelta(days=LZB_WINDOW_DAYS - 1) for m in months],
    }
