"""Queries for employer events, their vacancies, invitations and candidates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from lotse.db.repository import Repository
from lotse.models import (
    Client,
    ClientOccupation,
    EmployerEvent,
    EventInvitation,
    Programme,
    ProgrammeMembership,
    Site,
    Vacancy,
    event_vacancies,
)
from lotse.registry.repository import jobcenter_caseload


class EventRepository(Repository[EmployerEvent]):
    model = EmployerEvent

    def vacancies(self, event_id: int) -> list[Vacancy]:
        stmt = (
            sa.select(Vacancy)
            .join(event_vacancies, event_vacancies.c.vacancy_id == Vacancy.id)
            .where(event_vacancies.c.event_id == event_id)
            .order_by(Vacancy.id)
        )
        return list(self.session.scalars(stmt))

    def attach_vacancies(self, event_id: int, vacancy_ids: Sequence[int]) -> None:
        present = {v.id for v in self.vacancies(event_id)}
        rows = [{"event_id": event_id, "vacancy_id": v} for v in vacancy_ids if v not in present]
        if rows:
            self.session.execute(sa.insert(event_vacancies), rows)

    def existing_vacancy_ids(self, ids: Sequence[int]) -> set[int]:
        if not ids:
            return set()
        return set(self.session.scalars(sa.select(Vacancy.id).where(Vacancy.id.in_(list(ids)))))

    def invitations(self, event_id: int) -> sa.Select[EventInvitation]:
        return (
            sa.select(EventInvitation)
            .where(EventInvitation.event_id == event_id)
            .order_by(EventInvitation.id)
        )

    def invitation(self, invitation_id: int) -> EventInvitation | None:
        return self.session.get(EventInvitation, invitation_id)

    def invited_client_ids(self, event_id: int) -> set[int]:
        stmt = sa.select(EventInvitation.client_id).where(EventInvitation.event_id == event_id)
        return set(self.session.scalars(stmt))

    def active_clients(
        self, exclude: set[int], clients: ColumnElement[bool] | None = None
    ) -> list[Client]:
        """The Jobcenter's caseload without ``exclude``, narrowed by ``clients`` (an SQL
        condition)."""
        stmt = jobcenter_caseload().order_by(Client.id)
        if clients is not None:
            stmt = stmt.where(clients)
        return [c for c in self.session.scalars(stmt) if c.id not in exclude]

    def clients(self, ids: Sequence[int]) -> dict[int, Client]:
        stmt = sa.select(Client).where(Client.id.in_(list(ids)))
        return {c.id: c for c in self.session.scalars(stmt)}

    def occupations(self) -> dict[int, tuple[str, ...]]:
        stmt = sa.select(ClientOccupation.client_id, ClientOccupation.kldb).order_by(
            ClientOccupation.client_id, ClientOccupation.position
        )
        result: dict[int, list[str]] = defaultdict(list)
        for client_id, code in self.session.execute(stmt):
            result[client_id].append(code)
        return {k: tuple(v) for k, v in result.items()}

    def programmes_on(self, on: date) -> dict[int, tuple[str, ...]]:
        stmt = (
            sa.select(ProgrammeMembership.client_id, Programme.code)
            .join(Programme, Programme.id == ProgrammeMembership.programme_id)
            .where(
                ProgrammeMembership.since <= on,
                sa.or_(ProgrammeMembership.until.is_(None), ProgrammeMembership.until >= on),
            )
        )
        result: dict[int, list[str]] = defaultdict(list)
        for client_id, code in self.session.execute(stmt):
            result[client_id].append(code)
        return {k: tuple(v) for k, v in result.items()}

    def site_names(self) -> dict[int, str]:
        return {r[0]: r[1] for r in self.session.execute(sa.select(Site.id, Site.name))}

    def events(self, since: datetime | None = None) -> sa.Select[EmployerEvent]:
        stmt = sa.select(EmployerEvent).order_by(EmployerEvent.starts_at)
        if since is not None:
            stmt = stmt.where(EmployerEvent.starts_at >= since)
        return stmt

    # --- read views for the pages and the API (lotse.events.pages / endpoints) ---

    def listing(
        self, *, upcoming_from: datetime | None = None, before: datetime | None = None
    ) -> sa.Select[EmployerEvent]:
        """Upcoming events soonest first, or (before ``before``) newest first."""
        statement = sa.select(EmployerEvent)
        if before is not None:
            statement = statement.where(EmployerEvent.starts_at < before)
        if upcoming_from is not None:
            statement = statement.where(EmployerEvent.starts_at >= upcoming_from)
            return statement.order_by(EmployerEvent.starts_at.asc())
        return statement.order_by(EmployerEvent.starts_at.desc())

    def invitation_counts(self, event_ids: Sequence[int]) -> dict[int, dict[str, int]]:
        if not event_ids:
            return {}
        rows = self.session.execute(
            sa.select(EventInvitation.event_id, EventInvitation.status, sa.func.count())
            .where(EventInvitation.event_id.in_(event_ids))
            .group_by(EventInvitation.event_id, EventInvitation.status)
        )
        counts: dict[int, dict[str, int]] = {}
        for event_id, status, n in rows:
            counts.setdefault(event_id, {})[status.value] = int(n)
        return counts

    def invitations_of(
        self, event_id: int, client_condition: ColumnElement[bool]
    ) -> Sequence[sa.Row[EventInvitation, Client]]:
        """Invitations of the event whose client matches ``client_condition`` (the scope)."""
        statement = (
            sa.select(EventInvitation, Client)
            .join(Client, Client.id == EventInvitation.client_id)
            .where(EventInvitation.event_id == event_id, client_condition)
            .order_by(Client.name)
        )
        return self.session.execute(statement).all()
