"""Queries behind the officer's day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from lotse.db.repository import Repository
from lotse.domain.codes import ContactStatus, ParticipationStatus
from lotse.models import Client, Contact, Measure, MeasureRun, Participation

OCCUPYING = (ParticipationStatus.PLANNED, ParticipationStatus.ACTIVE)


class DayRepository(Repository[Contact]):
    model = Contact

    def contacts_due(
        self, client_condition: ColumnElement[bool], *, until: datetime, limit: int = 100
    ) -> Sequence[sa.Row[Contact, Client]]:
        """Planned contacts before ``until`` (today's and overdue ones) of clients in scope."""
        statement = (
            sa.select(Contact, Client)
            .join(Client, Client.id == Contact.client_id)
            .where(
                Contact.status == ContactStatus.PLANNED,
                Contact.scheduled_at < until,
                client_condition,
            )
            .order_by(Contact.scheduled_at)
            .limit(limit)
        )
        return self.session.execute(statement).all()

    def free_seats(
        self, *, today: date, site_id: int | None, limit: int = 20
    ) -> Sequence[sa.Row[MeasureRun, Measure, int]]:
        """Runs not yet over with seats left (seats minus planned and active participations)."""
        taken = (
            sa.select(Participation.run_id, sa.func.count().label("taken"))
            .where(Participation.status.in_(OCCUPYING), Participation.run_id.is_not(None))
            .group_by(Participation.run_id)
            .subquery()
        )
        free = (MeasureRun.seats - sa.func.coalesce(taken.c.taken, 0)).label("free")
        statement = (
            sa.select(MeasureRun, Measure, free)
            .join(Measure, Measure.id == MeasureRun.measure_id)
            .outerjoin(taken, taken.c.run_id == MeasureRun.id)
            .where(sa.or_(MeasureRun.ends_on.is_(None), MeasureRun.ends_on >= today), free > 0)
            .order_by(MeasureRun.starts_on.asc().nulls_last(), MeasureRun.id)
            .limit(limit)
        )
        if site_id is not None:
            statement = statement.where(
                sa.or_(MeasureRun.site_id.is_(None), MeasureRun.site_id == site_id)
            )
        return self.session.execute(statement).all()
