"""Queries for clients and the parts of their file."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import ColumnElement

from lotse.db.repository import Repository
from lotse.domain.codes import ClientStatus
from lotse.models import (
    AuditEntry,
    BenefitPeriod,
    Client,
    Contact,
    Household,
    JobStart,
    Officer,
    Participation,
    ProgrammeMembership,
    Site,
    User,
)


class ClientRepository(Repository[Client]):
    model = Client

    def search(
        self,
        condition: ColumnElement[bool],
        *,
        q: str | None = None,
        status: ClientStatus | None = None,
    ) -> sa.Select[Client]:
        """Clients matching ``condition`` (the user's scope) and the search, by name."""
        statement = sa.select(Client).where(condition)
        if q:
            pattern = f"%{q.strip().lower()}%"
            statement = statement.where(
                sa.or_(
                    sa.func.lower(Client.name).like(pattern),
                    sa.func.lower(Client.ref).like(pattern),
                )
            )
        if status is not None:
            statement = statement.where(Client.status == status)
        return statement.order_by(Client.name, Client.id)

    def page(self, statement: sa.Select[Client], *, limit: int, offset: int) -> Sequence[Client]:
        return self.session.scalars(
            statement.options(selectinload(Client.occupations)).limit(limit).offset(offset)
        ).all()

    def with_profile(self, client_id: int) -> Client:
        """The client with occupations, site, officer and household loaded."""
        statement = (
            sa.select(Client)
            .where(Client.id == client_id)
            .options(
                selectinload(Client.occupations),
                selectinload(Client.site),
                selectinload(Client.officer),
                selectinload(Client.household),
                selectinload(Client.benefit_periods),
            )
        )
        return self.session.scalars(statement).one()

    def memberships(self, client_id: int) -> Sequence[ProgrammeMembership]:
        statement = (
            sa.select(ProgrammeMembership)
            .where(ProgrammeMembership.client_id == client_id)
            .options(selectinload(ProgrammeMembership.programme))
            .order_by(ProgrammeMembership.since.desc())
        )
        return self.session.scalars(statement).all()

    def contacts(self, client_id: int, *, limit: int = 50) -> Sequence[Contact]:
        statement = (
            sa.select(Contact)
            .where(Contact.client_id == client_id)
            .order_by(Contact.scheduled_at.desc())
            .limit(limit)
        )
        return self.session.scalars(statement).all()

    def participations(self, client_id: int) -> Sequence[Participation]:
        statement = (
            sa.select(Participation)
            .where(Participation.client_id == client_id)
            .options(selectinload(Participation.measure), selectinload(Participation.run))
            .order_by(Participation.start.desc().nulls_last(), Participation.id.desc())
        )
        return self.session.scalars(statement).all()

    def job_starts(self, client_id: int) -> Sequence[JobStart]:
        statement = (
            sa.select(JobStart)
            .where(JobStart.client_id == client_id)
            .order_by(JobStart.start.desc())
        )
        return self.session.scalars(statement).all()

    def audit_trail(
        self, client_id: int, *, limit: int = 25
    ) -> Sequence[sa.Row[AuditEntry, str | None]]:
        statement = (
            sa.select(AuditEntry, User.display_name)
            .outerjoin(User, User.id == AuditEntry.user_id)
            .where(AuditEntry.client_id == client_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(limit)
        )
        return self.session.execute(statement).all()


def officer_names(session: sa.orm.Session, officer_ids: set[int]) -> dict[int, str]:
    if not officer_ids:
        return {}
    rows = session.execute(sa.select(Officer.id, Officer.name).where(Officer.id.in_(officer_ids)))
    return dict(rows.all())


def site_names(session: sa.orm.Session) -> dict[int, str]:
    return dict(session.execute(sa.select(Site.id, Site.name)).all())


__all__ = ["BenefitPeriod", "ClientRepository", "Household", "officer_names", "site_names"]
