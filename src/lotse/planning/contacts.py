"""Contact planning: appointments at each programme's contact density in officers' calendars.

Each client has a *cadence* (contacts per month). The next contact is due one interval
(30.44 days / density) after the last one, or at once when it is already overdue. Per officer,
due contacts are taken earliest first and put on the working day nearest to the due date
(preferring on time or a little late to early), in the first free slot; the next one is due an
interval after the day actually booked. Contacts that cannot be placed before the horizon ends
are reported as *missed*: that is where the promised intensity slips.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from lotse.domain.codes import ContactChannel
from lotse.planning.calendar import OfficerCalendar, local_datetime

__all__ = [
    "DURATION_MIN",
    "MAX_PER_MONTH",
    "MONTH_DAYS",
    "Cadence",
    "ContactPlan",
    "PlannedContact",
    "channel_cycle",
    "interval_days",
    "plan_contacts",
]

MONTH_DAYS = 30.44
MAX_PER_MONTH = 4.0
"""The Joboffensive promises *up to* four contacts a month; no cadence goes beyond."""

DURATION_MIN: dict[ContactChannel, int] = {
    ContactChannel.IN_PERSON: 30,
    ContactChannel.VIDEO: 30,
    ContactChannel.PHONE: 20,
    ContactChannel.EMAIL: 10,
}

_CYCLES: dict[str, tuple[ContactChannel, ...]] = {
    # Joboffensive: "faster channels (e-mail)" between personal meetings
    "joboffensive": (
        ContactChannel.IN_PERSON,
        ContactChannel.PHONE,
        ContactChannel.IN_PERSON,
        ContactChannel.EMAIL,
    ),
    "job_turbo": (ContactChannel.IN_PERSON, ContactChannel.IN_PERSON, ContactChannel.VIDEO),
}


def channel_cycle(programme: str | None, *, needs_interpreter: bool) -> tuple[ContactChannel, ...]:
    """The channels a client's contacts rotate through.

    Clients who cannot yet be counselled in German always come in person (an interpreter or a
    colleague who speaks their language can join).

    >>> [c.value for c in channel_cycle("joboffensive", needs_interpreter=False)]
    ['in_person', 'phone', 'in_person', 'email']
    >>> [c.value for c in channel_cycle("joboffensive", needs_interpreter=True)]
    ['in_person']
    """
    if needs_interpreter:
        return (ContactChannel.IN_PERSON,)
    return _CYCLES.get(programme or "", (ContactChannel.IN_PERSON,))


def interval_days(density: float) -> float:
    """Days between contacts at ``density`` contacts a month (capped at four a month).

    >>> round(interval_days(0.72), 1), round(interval_days(2.0), 2)
    (42.3, 15.22)
    >>> interval_days(10) == interval_days(4)
    True
    """
    return MONTH_DAYS / min(density, MAX_PER_MONTH)


@dataclass(frozen=True, slots=True)
class Cadence:
    """What one client needs in the horizon."""

    client_id: int
    officer_id: int
    density: float
    programme: str | None = None
    last_contact: date | None = None
    booked: tuple[date, ...] = ()
    """Contacts already planned or held inside the horizon; they count and set the rhythm."""
    channels: tuple[ContactChannel, ...] = (ContactChannel.IN_PERSON,)
    sequence_start: int = 0


@dataclass(frozen=True, slots=True)
class PlannedContact:
    client_id: int
    officer_id: int
    starts_at: datetime
    duration_min: int
    channel: ContactChannel
    due: date

    @property
    def day(self) -> date:
        return self.starts_at.date()


@dataclass
class ContactPlan:
    planned: list[PlannedContact] = field(default_factory=list)
    missed: list[tuple[int, date]] = field(default_factory=list)
    """(client id, due date) of contacts that found no slot before the horizon ended."""

    def by_client(self) -> dict[int, list[PlannedContact]]:
        result: dict[int, list[PlannedContact]] = {}
        for contact in self.planned:
            result.setdefault(contact.client_id, []).append(contact)
        return result


def _candidate_days(due: date, *, start: date, end: date, early: int, late: int) -> Iterable[date]:
    """Due day, then up to ``late`` days after, then up to ``early`` before, then any later."""
    for offset in range(late + 1):
        yield due + timedelta(days=offset)
    for offset in range(1, early + 1):
        day = due - timedelta(days=offset)
        if day >= start:
            yield day
    day = due + timedelta(days=late + 1)
    while day <= end:
        yield day
        day += timedelta(days=1)


def plan_contacts(
    cadences: Sequence[Cadence],
    calendars: Mapping[int, OfficerCalendar],
    *,
    start: date,
    end: date,
) -> ContactPlan:
    """Plan every contact due between ``start`` and ``end`` (both included).

    Parameters
    ----------
    cadences
        One per client: officer, density, last contact before ``start``, contacts already
        booked inside the horizon.
    calendars
        Officer id to calendar; booked appointments must already be entered with ``book``.
    start, end
        The horizon, e.g. a quarter.

    Returns
    -------
    ContactPlan
        The new appointments (never on a non-working day of the officer) and the missed ones.

    Examples
    --------
    A Job-Turbo client (every six weeks) last seen on 1 December 2025, planned for the first
    quarter of 2026 in Saxony-Anhalt: due 12 January and then six weeks after each contact.

    >>> from lotse.planning.calendar import default_week, public_holidays
    >>> hol = public_holidays("ST", date(2026, 1, 1), date(2026, 3, 31))
    >>> cal = OfficerCalendar(7, default_week(39), holidays=hol)
    >>> plan = plan_contacts([Cadence(1, 7, 0.72, last_contact=date(2025, 12, 1))], {7: cal},
    ...                      start=date(2026, 1, 1), end=date(2026, 3, 31))
    >>> [str(c.starts_at) for c in plan.planned]
    ['2026-01-12 08:00:00+01:00', '2026-02-23 08:00:00+01:00']
    """
    plan = ContactPlan()
    by_officer: dict[int, list[Cadence]] = {}
    for cadence in cadences:
        by_officer.setdefault(cadence.officer_id, []).append(cadence)

    for officer_id in sorted(by_officer):
        calendar = calendars[officer_id]
        heap: list[tuple[float, int, int, int]] = []  # (due ordinal, client, cadence idx, seq)
        items = by_officer[officer_id]
        pending_booked: dict[int, list[date]] = {}
        for idx, cadence in enumerate(items):
            step = interval_days(cadence.density)
            booked = sorted(d for d in cadence.booked if start <= d <= end)
            pending_booked[idx] = booked
            first = float(start.toordinal())
            if cadence.last_contact is not None:
                first = max(first, cadence.last_contact.toordinal() + step)
            heapq.heappush(heap, (first, cadence.client_id, idx, cadence.sequence_start))

        while heap:
            due_ord, client_id, idx, seq = heapq.heappop(heap)
            cadence = items[idx]
            step = interval_days(cadence.density)
            due = date.fromordinal(round(due_ord))
            if due > end:
                continue
            booked = pending_booked[idx]
            # a contact already in the calendar no later than half an interval after the due
            # date stands for this one
            if booked and booked[0].toordinal() <= due_ord + step / 2:
                held = booked.pop(0)
                heapq.heappush(heap, (held.toordinal() + step, client_id, idx, seq + 1))
                continue
            channel = cadence.channels[seq % len(cadence.channels)]
            duration = DURATION_MIN[channel]
            not_after = booked[0] - timedelta(days=1) if booked else end
            placed = None
            for day in _candidate_days(
                due,
                start=start,
                end=not_after,
                early=min(7, int(step / 4)),
                late=max(1, int(step / 3)),
            ):
                if day > not_after:
                    break
                minute = calendar.book_first_free(day, duration)
                if minute is not None:
                    placed = (day, minute)
                    break
            if placed is None:
                plan.missed.append((client_id, due))
                heapq.heappush(heap, (due_ord + step, client_id, idx, seq))
                continue
            day, minute = placed
            plan.planned.append(
                PlannedContact(
                    client_id, officer_id, local_datetime(day, minute), duration, channel, due
                )
            )
            heapq.heappush(heap, (day.toordinal() + step, client_id, idx, seq + 1))
    plan.planned.sort(key=lambda c: (c.starts_at, c.officer_id))
    return plan
