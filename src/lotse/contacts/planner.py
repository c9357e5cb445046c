"""Plan the contacts of a horizon (e.g. a quarter) for every active client with an officer."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from lotse.config import get_settings
from lotse.contacts.repository import ContactRepository, OfficerInfo
from lotse.contacts.schemas import ContactPlanSummary
from lotse.domain.codes import ContactStatus
from lotse.domain.languages import languages_needed
from lotse.planning.calendar import (
    BERLIN,
    OfficerCalendar,
    WorkBlock,
    days,
    default_week,
    public_holidays,
)
from lotse.planning.contacts import Cadence, channel_cycle, plan_contacts

__all__ = ["REGULAR_DENSITY", "build_calendars", "plan_horizon", "quarter_end", "state_of"]

REGULAR_DENSITY = 1 / 3
"""Contacts a month for clients in no programme with a density: one a quarter. No statute sets
this; it is Lotse's default and can be changed per run."""


def quarter_end(start: date) -> date:
    """The day before the same day three months later.

    >>> quarter_end(date(2026, 1, 1)), quarter_end(date(2026, 11, 15))
    (datetime.date(2026, 3, 31), datetime.date(2027, 2, 14))
    """
    month = start.month + 3
    year = start.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, start.day) - timedelta(days=1)


def state_of(officer: OfficerInfo) -> str:
    """The state whose holidays apply: the site's, else ``Settings.state``."""
    return officer.state or get_settings().state


def build_calendars(
    session: Session,
    start: date,
    end: date,
    *,
    share: float,
    officer_ids: Sequence[int] | None = None,
    exclude_contact: int | None = None,
) -> tuple[dict[int, OfficerCalendar], dict[int, OfficerInfo]]:
    """Calendars of the (active) officers for ``start``..``end`` with booked appointments."""
    repo = ContactRepository(session)
    officers = {o.id: o for o in repo.officers(officer_ids) if o.active}
    hours = repo.working_hours()
    absences = repo.absences(start, end)
    holiday_cache: dict[str, dict[date, str]] = {}
    calendars: dict[int, OfficerCalendar] = {}
    for o in officers.values():
        state = state_of(o)
        if state not in holiday_cache:
            holiday_cache[state] = public_holidays(state, start, end)
        week = (
            tuple(WorkBlock.of(*row) for row in hours[o.id])
            if hours.get(o.id)
            else default_week(o.weekly_hours)
        )
        absent = {d for s, e in absences.get(o.id, []) for d in days(max(s, start), min(e, end))}
        calendars[o.id] = OfficerCalendar(o.id, week, holiday_cache[state], absent, share)
    for contact_id, officer_id, _client, at, minutes in repo.booked(start, end, officer_ids):
        if officer_id in calendars and contact_id != exclude_contact:
            local = at.astimezone(BERLIN)
            calendars[officer_id].book(local.date(), local.hour * 60 + local.minute, minutes)
    return calendars, officers


def plan_horizon(
    session: Session,
    *,
    start: date,
    end: date,
    share: float = 0.6,
    regular_density: float = REGULAR_DENSITY,
    write: bool = True,
) -> ContactPlanSummary:
    """Plan every contact due in ``start``..``end`` and (unless ``write`` is false) store them.

    Contacts already planned or held in the horizon count and are kept, so running it twice
    plans nothing new the second time.
    """
    repo = ContactRepository(session)
    calendars, _officers = build_calendars(session, start, end, share=share)
    densities = repo.densities_on(start)
    last = repo.last_contact_before(start)
    in_horizon: dict[int, list[date]] = defaultdict(list)
    for client_id, _officer, at, _status in repo.contacts_in(start, end):
        in_horizon[client_id].append(at.astimezone(BERLIN).date())

    cadences = []
    without_officer = 0
    for c in repo.active_clients():
        if c.officer_id is None or c.officer_id not in calendars:
            without_officer += 1
            continue
        programme, density = max(
            densities.get(c.id, []), key=lambda p: (p[1], p[0]), default=(None, 0.0)
        )
        if density <= 0:
            programme, density = None, regular_density
        if density <= 0:
            continue
        needs = bool(languages_needed(c.german_level, c.languages))
        cadences.append(
            Cadence(
                client_id=c.id,
                officer_id=c.officer_id,
                density=density,
                programme=programme,
                last_contact=last.get(c.id),
                booked=tuple(sorted(in_horizon.get(c.id, ()))),
                channels=channel_cycle(programme, needs_interpreter=needs),
            )
        )
    plan = plan_contacts(cadences, calendars, start=start, end=end)
    if write:
        now = datetime.now(BERLIN)
        repo.add_planned(
            [
                {
                    "client_id": p.client_id,
                    "officer_id": p.officer_id,
                    "scheduled_at": p.starts_at,
                    "duration_min": p.duration_min,
                    "channel": p.channel,
                    "status": ContactStatus.PLANNED,
                    "created_at": now,
                    "updated_at": now,
                }
                for p in plan.planned
            ]
        )
        session.flush()
    return ContactPlanSummary(
        start=start,
        end=end,
        clients_planned=len(cadences),
        clients_without_officer=without_officer,
        contacts_planned=len(plan.planned),
        contacts_missed=len(plan.missed),
        written=write,
    )
