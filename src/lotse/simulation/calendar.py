"""The generator's time line: a window of whole months before ``as_of``, counted in days."""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

WINDOW_MONTHS = 36
"""Benefit periods, job starts and proposals cover the 36 months up to ``as_of``."""

DAYS_PER_YEAR = 365.25


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the end of a shorter month.

    >>> add_months(date(2024, 3, 31), -1), add_months(date(2024, 12, 31), -12)
    (datetime.date(2024, 2, 29), datetime.date(2023, 12, 31))
    """
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    day = min(d.day, _cal.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


@dataclass(frozen=True)
class Calendar:
    """Days ``0 … days-1`` of the window; day ``days - 1`` is ``as_of``."""

    as_of: date
    start: date
    days: int

    @classmethod
    def ending(cls, as_of: date, months: int = WINDOW_MONTHS) -> Calendar:
        start = add_months(as_of + timedelta(days=1), -months)
        return cls(as_of, start, (as_of - start).days + 1)

    @property
    def origin(self) -> int:
        """The ordinal of day 0."""
        return self.start.toordinal()

    def day(self, d: date) -> int:
        """Day index of a date (negative before the window)."""
        return d.toordinal() - self.origin

    def to_date(self, t: int) -> date:
        return date.fromordinal(self.origin + int(t))

    @property
    def last_year_start(self) -> int:
        """First day of the 12 months that end on ``as_of`` (the K2 window)."""
        return self.day(add_months(self.as_of, -12)) + 1

    def stock_days(self, months: int = 12) -> list[int]:
        """The day ``as_of`` and the same day of each of the previous ``months - 1`` months.

        The K2 denominator is the mean of the eLb stock on these days.
        """
        return [self.day(add_months(self.as_of, -k)) for k in range(months)]

    def day_mask(self, start: date | None, end: date | None) -> NDArray[np.bool_]:
        """Days of the window within ``[start, end]`` (inclusive; None = open)."""
        t = np.arange(self.days)
        lo = -(10**9) if start is None else self.day(start)
        hi = 10**9 if end is None else self.day(end)
        return (t >= lo) & (t <= hi)
