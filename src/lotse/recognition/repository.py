"""Queries of recognition procedures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from lotse.db.repository import Repository
from lotse.models import Client, RecognitionProcedure


class RecognitionRepository(Repository[RecognitionProcedure]):
    model = RecognitionProcedure

    def with_clients(
        self, *, client_id: int | None = None, open_only: bool = False, site_id: int | None = None
    ) -> Sequence[sa.Row[RecognitionProcedure, str]]:
        stmt = sa.select(RecognitionProcedure, Client.ref).join(
            Client, Client.id == RecognitionProcedure.client_id
        )
        if client_id is not None:
            stmt = stmt.where(RecognitionProcedure.client_id == client_id)
        if open_only:
            stmt = stmt.where(RecognitionProcedure.decided_on.is_(None))
        if site_id is not None:
            stmt = stmt.where(Client.site_id == site_id)
        return self.session.execute(stmt.order_by(Client.ref, RecognitionProcedure.id)).all()

    def overdue(
        self, on: date, site_id: int | None = None, clients: ColumnElement[bool] | None = None
    ) -> Sequence[sa.Row[RecognitionProcedure, str]]:
        """Undecided procedures whose (possibly extended) decision deadline lies before ``on``."""
        due = sa.func.coalesce(
            RecognitionProcedure.deadline_extended_to, RecognitionProcedure.decision_due_on
        )
        stmt = (
            sa.select(RecognitionProcedure, Client.ref)
            .join(Client, Client.id == RecognitionProcedure.client_id)
            .where(RecognitionProcedure.decided_on.is_(None), due.is_not(None), due < on)
            .order_by(due, RecognitionProcedure.id)
        )
        if site_id is not None:
            stmt = stmt.where(Client.site_id == site_id)
        if clients is not None:
            stmt = stmt.where(clients)
        return self.session.execute(stmt).all()
