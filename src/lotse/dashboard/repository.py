"""Aggregate queries for the dashboard: counts only, never a person."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.domain.codes import IntegrationKind
from lotse.models import Client, JobStart, Programme, ProgrammeMembership, Site
from lotse.registry.repository import in_jobcenter_caseload


def members_per_programme(session: Session, *, on: date) -> list[tuple[str, str, int]]:
    """(code, name, members on ``on``) for every programme, also those without members."""
    current = sa.and_(
        ProgrammeMembership.programme_id == Programme.id,
        ProgrammeMembership.since <= on,
        sa.or_(ProgrammeMembership.until.is_(None), ProgrammeMembership.until >= on),
    )
    statement = (
        sa.select(Programme.code, Programme.name, sa.func.count(ProgrammeMembership.id))
        .outerjoin(ProgrammeMembership, current)
        .group_by(Programme.id, Programme.code, Programme.name)
        .order_by(Programme.name)
    )
    return [(c, n, int(k)) for c, n, k in session.execute(statement)]


def job_starts_by_month(
    session: Session, *, first: date, last: date
) -> dict[tuple[int, int], dict[IntegrationKind, int]]:
    """Job starts per (year, month) and kind between ``first`` and ``last`` inclusive."""
    year = sa.extract("year", JobStart.start)
    month = sa.extract("month", JobStart.start)
    statement = (
        sa.select(year, month, JobStart.kind, sa.func.count())
        .where(JobStart.start >= first, JobStart.start <= last)
        .group_by(year, month, JobStart.kind)
    )
    out: dict[tuple[int, int], dict[IntegrationKind, int]] = {}
    for y, m, kind, n in session.execute(statement):
        out.setdefault((int(y), int(m)), {})[kind] = int(n)
    return out


def active_clients_per_site(session: Session) -> list[tuple[str, int]]:
    statement = (
        sa.select(Site.name, sa.func.count(Client.id))
        .outerjoin(Client, sa.and_(Client.site_id == Site.id, in_jobcenter_caseload()))
        .group_by(Site.id, Site.name)
        .order_by(Site.name)
    )
    return [(name, int(n)) for name, n in session.execute(statement)]
