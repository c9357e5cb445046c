"""Queries for employer events and their invitations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from lotse.db.repository import Repository
from lotse.models import Client, EmployerEvent, EventInvitation


class EventRepository(Repository[EmployerEvent]):
    model = EmployerEvent

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
