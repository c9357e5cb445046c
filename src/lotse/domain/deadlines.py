"""Periods and deadlines counted in months, the way German law counts them (§§ 187, 188 BGB).

A period of months that starts with an event (documents arrive, a plan is agreed) ends on the
day of the last month that has the same number as the day of the event (§ 188 Abs. 2 BGB); if
that month has no such day, on its last day (§ 188 Abs. 3 BGB).
"""

from __future__ import annotations

import calendar
from datetime import date

__all__ = ["add_months", "is_overdue", "whole_months_between"]


def add_months(start: date, months: int) -> date:
    """The day ``months`` months after ``start`` (end of a period, §§ 187 Abs. 1, 188 BGB).

    >>> add_months(date(2025, 1, 15), 3)
    datetime.date(2025, 4, 15)
    >>> add_months(date(2025, 11, 30), 3)   # no 30 February: last day of the month
    datetime.date(2026, 2, 28)
    >>> add_months(date(2024, 8, 31), 6)
    datetime.date(2025, 2, 28)
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def whole_months_between(start: date, end: date) -> int:
    """Completed months from ``start`` to ``end`` (negative when ``end`` is earlier).

    >>> whole_months_between(date(2024, 3, 31), date(2025, 3, 30))
    11
    >>> whole_months_between(date(2024, 3, 31), date(2025, 3, 31))
    12
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and add_months(start, months) > end:
        months -= 1
    elif months < 0 and add_months(start, months) < end:
        months += 1
    return months


def is_overdue(due: date | None, *, on: date) -> bool:
    """Whether a deadline ``due`` has passed at ``on``: the due day itself is still in time.

    >>> is_overdue(date(2025, 4, 15), on=date(2025, 4, 15)), is_overdue(date(2025, 4, 15),
    ...                                                                 on=date(2025, 4, 16))
    (False, True)
    """
    return due is not None and on > due
