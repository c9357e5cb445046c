"""Counting queries over the registry (sites, officers, clients, programmes, vacancies)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.domain.codes import ClientStatus, ProgrammeKind, VacancyStatus
from lotse.models import Client, Officer, Programme, ProgrammeMembership, Site, Vacancy


class RegistryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def clients_per_site(self) -> Sequence[sa.Row[str, int, int]]:
        """Per site: all clients and active clients."""
        active = sa.func.sum(sa.case((Client.status == ClientStatus.ACTIVE, 1), else_=0))
        stmt = (
            sa.select(Site.name, sa.func.count(Client.id), sa.func.coalesce(active, 0))
            .select_from(Site)
            .outerjoin(Client, Client.site_id == Site.id)
            .group_by(Site.name)
            .order_by(Site.name)
        )
        return self.session.execute(stmt).all()

    def officers_per_site(self) -> dict[str, int]:
        stmt = (
            sa.select(Site.name, sa.func.count(Officer.id))
            .join(Officer, Officer.site_id == Site.id)
            .where(Officer.active.is_(True))
            .group_by(Site.name)
        )
        return {name: int(n) for name, n in self.session.execute(stmt).all()}

    def members_per_programme(self) -> Sequence[sa.Row[str, str, ProgrammeKind, int, int]]:
        """Per programme: code, name, kind, current members and those of them with active cases."""
        active = sa.func.sum(sa.case((Client.status == ClientStatus.ACTIVE, 1), else_=0))
        stmt = (
            sa.select(
                Programme.code,
                Programme.name,
                Programme.kind,
                sa.func.count(ProgrammeMembership.id),
                sa.func.coalesce(active, 0),
            )
            .select_from(Programme)
            .outerjoin(
                ProgrammeMembership,
                sa.and_(
                    ProgrammeMembership.programme_id == Programme.id,
                    ProgrammeMembership.until.is_(None),
                ),
            )
            .outerjoin(Client, Client.id == ProgrammeMembership.client_id)
            .group_by(Programme.code, Programme.name, Programme.kind)
            .order_by(Programme.code)
        )
        return self.session.execute(stmt).all()

    def clients_by_status(self) -> dict[str, int]:
        stmt = sa.select(Client.status, sa.func.count()).group_by(Client.status)
        return {str(status): int(n) for status, n in self.session.execute(stmt).all()}

    def open_vacancies_by_level(self) -> Sequence[sa.Row[str, int, int]]:
        """Open vacancies per requirement level (fifth KldB digit): count and openings."""
        level = sa.func.substr(Vacancy.kldb, 5, 1)
        stmt = (
            sa.select(level, sa.func.count(), sa.func.sum(Vacancy.openings))
            .where(Vacancy.status == VacancyStatus.OPEN)
            .group_by(level)
            .order_by(level)
        )
        return self.session.execute(stmt).all()
