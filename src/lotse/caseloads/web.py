"""Caseloads for a team lead: ratios against the target, a what-if, applying a plan within the
team, and contact density against the programmes' targets (nothing is written by a what-if)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.access import gate
from lotse.access.principal import Access
from lotse.caseloads.schemas import CaseloadPlan, OfficerLoadRead, PoolRead
from lotse.caseloads.service import apply_plan, plan_caseloads
from lotse.contacts.planner import quarter_end
from lotse.models import Client, Officer, Site
from lotse.quarter.schemas import DensityRow
from lotse.quarter.service import density_report

TIME_LIMIT_S = 10.0


@dataclass
class TeamView:
    """A plan cut to the team lead's team and site."""

    plan: CaseloadPlan
    site: str | None
    loads_before: list[OfficerLoadRead] = field(default_factory=list)
    loads_after: list[OfficerLoadRead] = field(default_factory=list)
    pools_before: list[PoolRead] = field(default_factory=list)
    pools_after: list[PoolRead] = field(default_factory=list)
    team_changes: int = 0


def quarter_start(on: date) -> date:
    """The first day of ``on``'s calendar quarter.

    >>> quarter_start(date(2026, 11, 21))
    datetime.date(2026, 10, 1)
    """
    return date(on.year, 3 * ((on.month - 1) // 3) + 1, 1)


def team_officers(session: Session, access: Access) -> set[int]:
    team = access.principal.team_id
    if team is None:
        return set()
    return set(session.scalars(sa.select(Officer.id).where(Officer.team_id == team)))


def team_view(
    session: Session,
    access: Access,
    *,
    on: date,
    add_officers: int = 0,
    programme: str | None = None,
) -> TeamView:
    """The plan (or what-if) for the whole Jobcenter, shown for the lead's team and site."""
    plan = plan_caseloads(
        session,
        on=on,
        add_officers=add_officers,
        programme=programme,
        time_limit_s=TIME_LIMIT_S,
    )
    site = (
        session.scalar(sa.select(Site.name).where(Site.id == access.principal.site_id))
        if access.principal.site_id
        else None
    )
    officers = team_officers(session, access)

    def ours(load: OfficerLoadRead) -> bool:
        return load.officer_id in officers or (load.officer_id < 0 and load.site == site)

    return TeamView(
        plan=plan,
        site=site,
        loads_before=[x for x in plan.loads_before if ours(x)],
        loads_after=[x for x in plan.loads_after if ours(x)],
        pools_before=[p for p in plan.pools_before if site is None or p.site == site],
        pools_after=[p for p in plan.pools_after if site is None or p.site == site],
        team_changes=len(team_changes(session, access, plan)),
    )


def team_changes(session: Session, access: Access, plan: CaseloadPlan) -> list[int]:
    """Indexes of the plan's changes the lead may apply: a client in the team's scope moving
    to (or first assigned to) an officer of the team."""
    officers = team_officers(session, access)
    ids = [c.client_id for c in plan.changes if c.to_officer_id in officers]
    in_scope = set(
        session.scalars(sa.select(Client.id).where(Client.id.in_(ids), gate.client_filter(access)))
    )
    return [
        i
        for i, c in enumerate(plan.changes)
        if c.kind in ("move", "initial") and c.to_officer_id in officers and c.client_id in in_scope
    ]


def apply_for_team(session: Session, access: Access, *, on: date) -> int:
    """Plan again (no what-if) and write the changes within the team; returns how many."""
    plan = plan_caseloads(session, on=on, time_limit_s=TIME_LIMIT_S)
    chosen = team_changes(session, access, plan)
    ours = plan.model_copy(update={"changes": [plan.changes[i] for i in chosen]})
    return apply_plan(session, ours, actor=access.principal.username)


def density(session: Session, *, on: date) -> list[DensityRow]:
    """Contacts per client and month, planned or held this quarter, against the target."""
    start = quarter_start(on)
    return density_report(session, start, quarter_end(start))
