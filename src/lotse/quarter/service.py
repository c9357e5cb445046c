"""Plan a quarter: allocate caseloads, plan contacts, and measure the plan against its targets."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date

from sqlalchemy.orm import Session

from lotse.caseloads.service import apply_plan, plan_caseloads
from lotse.config import get_settings
from lotse.contacts.planner import REGULAR_DENSITY, plan_horizon, quarter_end
from lotse.contacts.repository import ContactRepository
from lotse.contacts.schemas import ContactPlanSummary
from lotse.domain.codes import ContactStatus
from lotse.planning.calendar import BERLIN, days
from lotse.planning.contacts import MONTH_DAYS
from lotse.quarter.schemas import CalendarCheck, DensityRow, QuarterReport

__all__ = ["check_calendar", "density_report", "plan_quarter"]


def plan_quarter(
    session: Session,
    *,
    start: date,
    actor: str,
    allocate: bool = True,
    share: float = 0.6,
    regular_density: float = REGULAR_DENSITY,
    time_limit_s: float = 20.0,
) -> QuarterReport:
    """Allocate caseloads (optimisation), plan the quarter's contacts, and report the figures.

    Writes client-officer assignments and planned contacts into the session (flushed, not
    committed): the caller commits, or rolls back for a dry run.
    """
    end = quarter_end(start)
    caseloads = plan_caseloads(session, on=start, time_limit_s=time_limit_s)
    if allocate:
        apply_plan(session, caseloads, actor=actor)
    contacts: ContactPlanSummary = plan_horizon(
        session, start=start, end=end, share=share, regular_density=regular_density
    )
    loads = caseloads.loads_after if allocate else caseloads.loads_before
    pools = caseloads.pools_after if allocate else caseloads.pools_before
    return QuarterReport(
        start=start,
        end=end,
        solver_status=caseloads.solver_status,
        solver_gap=caseloads.solver_gap,
        reassignments=len(caseloads.moves) if allocate else 0,
        reassignment_causes=caseloads.causes() if allocate else {},
        first_assignments=len(caseloads.initial) if allocate else 0,
        unplaced=len(caseloads.unplaced),
        pools=pools,
        officers=loads,
        contacts=contacts,
        density=density_report(session, start, end, regular_density=regular_density),
        calendar=check_calendar(session, start, end),
    )


def density_report(
    session: Session, start: date, end: date, *, regular_density: float = REGULAR_DENSITY
) -> list[DensityRow]:
    """Contacts per client and month, planned or held in the horizon, per programme."""
    repo = ContactRepository(session)
    months = ((end - start).days + 1) / MONTH_DAYS
    per_client = Counter(client_id for client_id, *_ in repo.contacts_in(start, end))
    densities = repo.densities_on(start)
    targets = repo.programme_targets()
    members: dict[str | None, list[int]] = defaultdict(list)
    for c in repo.active_clients():
        own = [(code, d) for code, d in densities.get(c.id, []) if d > 0]
        for programme, _d in own:
            members[programme].append(c.id)
        if not own:
            members[None].append(c.id)
    rows = []
    for code in sorted(members, key=lambda k: (k is None, k or "")):
        ids = members[code]
        target = regular_density if code is None else float(targets[code][1] or 0.0)
        contacts = sum(per_client[i] for i in ids)
        need = math.floor(target * months + 1e-9)
        rows.append(
            DensityRow(
                programme=code,
                name="Regelbetreuung" if code is None else targets[code][0],
                clients=len(ids),
                contacts=contacts,
                target=round(target, 2),
                reached=round(contacts / len(ids) / months, 2) if ids else 0.0,
                clients_below_target=sum(1 for i in ids if per_client[i] < need),
            )
        )
    return rows


def check_calendar(session: Session, start: date, end: date) -> CalendarCheck:
    """Count stored appointments on weekends, public holidays and officers' absence days.

    Deliberately independent of the planner: it asks the ``holidays`` package directly.
    """
    import holidays

    repo = ContactRepository(session)
    officers = {o.id: o for o in repo.officers()}
    absent = {
        (officer_id, d)
        for officer_id, spans in repo.absences(start, end).items()
        for s, e in spans
        for d in days(s, e)
    }
    tables: dict[str, holidays.HolidayBase] = {}
    check = CalendarCheck(appointments=0, on_weekends=0, on_public_holidays=0, on_absence_days=0)
    statuses = (ContactStatus.PLANNED, ContactStatus.DONE, ContactStatus.NO_SHOW)
    for client_id, officer_id, at, _status in repo.contacts_in(start, end, statuses):
        check.appointments += 1
        day = at.astimezone(BERLIN).date()
        officer = officers.get(officer_id) if officer_id is not None else None
        state = (officer.state if officer else None) or get_settings().state
        if state not in tables:
            tables[state] = holidays.country_holidays(
                "DE", subdiv=state, years=range(start.year, end.year + 1)
            )
        problem = None
        if day.weekday() >= 5:
            check.on_weekends += 1
            problem = "Wochenende"
        if day in tables[state]:
            check.on_public_holidays += 1
            problem = f"Feiertag {tables[state].get(day)}"
        if (officer_id, day) in absent:
            check.on_absence_days += 1
            problem = "Abwesenheit"
        if problem and len(check.examples) < 10:
            check.examples.append(f"Kunde {client_id}, {day.isoformat()}: {problem}")
    return check
