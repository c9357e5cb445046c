"""Officers' appointment calendars: working days, working hours, public holidays, absences.

Times are local (Europe/Berlin) minutes after midnight; :func:`local_datetime` turns a day and
a minute into a timezone-aware datetime. No appointment is ever placed on a Saturday, a Sunday,
a public holiday of the officer's state or a day of absence.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

__all__ = [
    "BERLIN",
    "OfficerCalendar",
    "WorkBlock",
    "default_week",
    "is_working_day",
    "local_datetime",
    "public_holidays",
]

BERLIN = ZoneInfo("Europe/Berlin")
DAY_START = 8 * 60
MORNING_MINUTES = 4 * 60
LUNCH_MINUTES = 30


@dataclass(frozen=True, slots=True)
class WorkBlock:
    """A block of working time on one weekday (0 = Monday), ``starts``/``ends`` in minutes."""

    weekday: int
    starts: int
    ends: int

    @classmethod
    def of(cls, weekday: int, starts: time, ends: time) -> WorkBlock:
        return cls(weekday, starts.hour * 60 + starts.minute, ends.hour * 60 + ends.minute)


def default_week(weekly_hours: float) -> tuple[WorkBlock, ...]:
    """Monday to Friday from 08:00, ``weekly_hours / 5`` a day, lunch after four hours.

    >>> [(b.weekday, b.starts // 60, b.ends) for b in default_week(39)[:2]]  # 7.8 h: to 16:18
    [(0, 8, 720), (0, 12, 978)]
    >>> len(default_week(19.5))  # 3.9 hours a day: mornings only
    5
    """
    per_day = round(weekly_hours * 60 / 5)
    blocks = []
    for weekday in range(5):
        morning = min(per_day, MORNING_MINUTES)
        blocks.append(WorkBlock(weekday, DAY_START, DAY_START + morning))
        if per_day > morning:
            start = DAY_START + morning + LUNCH_MINUTES
            blocks.append(WorkBlock(weekday, start, start + per_day - morning))
    return tuple(blocks)


@lru_cache(maxsize=64)
def _holidays(state: str, year: int) -> dict[date, str]:
    import holidays

    table = holidays.country_holidays("DE", subdiv=state, years=year, language="de")
    return {day: str(name) for day, name in table.items()}


def public_holidays(state: str, start: date, end: date) -> dict[date, str]:
    """Public holidays of a German state (``ST``, ``NW`` …) between two dates, both included.

    >>> public_holidays("ST", date(2026, 1, 1), date(2026, 1, 31))
    {datetime.date(2026, 1, 1): 'Neujahr', datetime.date(2026, 1, 6): 'Heilige Drei Könige'}
    >>> public_holidays("NW", date(2026, 1, 1), date(2026, 1, 31))
    {datetime.date(2026, 1, 1): 'Neujahr'}
    """
    result: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        result.update({d: n for d, n in _holidays(state, year).items() if start <= d <= end})
    return dict(sorted(result.items()))


def is_working_day(day: date, holidays: Mapping[date, str]) -> bool:
    """Monday to Friday and no public holiday."""
    return day.weekday() < 5 and day not in holidays


def local_datetime(day: date, minute: int) -> datetime:
    """The aware datetime of ``minute`` after local midnight on ``day`` (Europe/Berlin)."""
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=BERLIN)


@dataclass
class OfficerCalendar:
    """Free and booked appointment time of one officer.

    ``share`` is the part of the working time that may be filled with appointments; the rest
    is desk work (files, decisions, employer contacts).

    >>> cal = OfficerCalendar(1, default_week(39), holidays={date(2026, 1, 1): "Neujahr"})
    >>> cal.is_available(date(2026, 1, 1)), cal.is_available(date(2026, 1, 3))  # holiday, Sat
    (False, False)
    >>> cal.book_first_free(date(2026, 1, 2), 30), cal.book_first_free(date(2026, 1, 2), 30)
    (480, 510)
    """

    officer_id: int
    week: tuple[WorkBlock, ...]
    holidays: Mapping[date, str] = field(default_factory=dict)
    absent: set[date] = field(default_factory=set)
    share: float = 0.6
    _blocks: dict[int, list[tuple[int, int]]] = field(init=False, repr=False)
    _booked: dict[date, list[tuple[int, int]]] = field(init=False, repr=False)
    _used: dict[date, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._blocks = {}
        for block in sorted(self.week, key=lambda b: (b.weekday, b.starts)):
            self._blocks.setdefault(block.weekday, []).append((block.starts, block.ends))
        self._booked = {}
        self._used = {}

    def is_available(self, day: date) -> bool:
        """A working day of this officer: weekday with working hours, no holiday, not absent."""
        return (
            is_working_day(day, self.holidays)
            and day not in self.absent
            and day.weekday() in self._blocks
        )

    def capacity(self, day: date) -> int:
        """Appointment minutes the officer has on ``day`` (``share`` of the working time)."""
        if not self.is_available(day):
            return 0
        return int(self.share * sum(e - s for s, e in self._blocks[day.weekday()]))

    def remaining(self, day: date) -> int:
        return self.capacity(day) - self._used.get(day, 0)

    def book(self, day: date, start: int, duration: int) -> None:
        """Record an appointment that already exists (it counts against the capacity)."""
        bisect.insort(self._booked.setdefault(day, []), (start, start + duration))
        self._used[day] = self._used.get(day, 0) + duration

    def first_free(self, day: date, duration: int, *, not_before: int = 0) -> int | None:
        """The first start minute on ``day`` with ``duration`` free minutes inside a block."""
        if self.remaining(day) < duration:
            return None
        booked = self._booked.get(day, [])
        for block_start, block_end in self._blocks[day.weekday()]:
            cursor = max(block_start, not_before)
            for b_start, b_end in booked:
                if b_end <= cursor:
                    continue
                if b_start >= block_end:
                    break
                if b_start - cursor >= duration:
                    break
                cursor = max(cursor, b_end)
            if cursor + duration <= block_end:
                return cursor
        return None

    def book_first_free(self, day: date, duration: int, *, not_before: int = 0) -> int | None:
        """Book the first free start on ``day``; ``None`` when the day is full."""
        start = self.first_free(day, duration, not_before=not_before)
        if start is not None:
            self.book(day, start, duration)
        return start

    def next_free(
        self, after: date, duration: int, *, until: date, not_before: int = 0
    ) -> tuple[date, int] | None:
        """The first free slot on or after ``after`` (up to ``until``), booked."""
        day = after
        while day <= until:
            start = self.book_first_free(
                day, duration, not_before=not_before if day == after else 0
            )
            if start is not None:
                return day, start
            day += timedelta(days=1)
        return None


def days(start: date, end: date) -> Iterable[date]:
    """Every day from ``start`` to ``end``, both included."""
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)
