"""Queries of Kooperationspläne."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import ColumnElement

from lotse.db.repository import Repository
from lotse.models import Client, Kooperationsplan


class PlanRepository(Repository[Kooperationsplan]):
    model = Kooperationsplan

    def with_details(self) -> sa.Select[Kooperationsplan]:
        return self.select().options(
            selectinload(Kooperationsplan.goals),
            selectinload(Kooperationsplan.steps),
            selectinload(Kooperationsplan.reviews),
        )

    def current(self, client_id: int) -> Kooperationsplan | None:
        """The client's plan in force (not ended), with goals, steps and reviews."""
        stmt = self.with_details().where(
            Kooperationsplan.client_id == client_id, Kooperationsplan.ended_on.is_(None)
        )
        return self.session.scalars(stmt.order_by(Kooperationsplan.agreed_on.desc())).first()

    def detailed(self, plan_id: int) -> Kooperationsplan | None:
        stmt = self.with_details().where(Kooperationsplan.id == plan_id)
        return self.session.scalars(stmt).one_or_none()

    def overdue(
        self, on: date, site_id: int | None = None, clients: ColumnElement[bool] | None = None
    ) -> Sequence[sa.Row[Kooperationsplan, str]]:
        """Plans in force whose review date lies before ``on`` (longest overdue first)."""
        stmt = (
            sa.select(Kooperationsplan, Client.ref)
            .join(Client, Client.id == Kooperationsplan.client_id)
            .where(Kooperationsplan.ended_on.is_(None), Kooperationsplan.next_review_on < on)
            .order_by(Kooperationsplan.next_review_on, Kooperationsplan.id)
        )
        if site_id is not None:
            stmt = stmt.where(Client.site_id == site_id)
        if clients is not None:
            stmt = stmt.where(clients)
        return self.session.execute(stmt).all()
