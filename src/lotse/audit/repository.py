"""Queries over the audit log."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from lotse.db.repository import Repository
from lotse.domain.codes import AuditAction
from lotse.models import AuditEntry


class AuditRepository(Repository[AuditEntry]):
    model = AuditEntry

    def search(
        self,
        *,
        client_id: int | None = None,
        user_id: int | None = None,
        action: AuditAction | None = None,
        entity: str | None = None,
    ) -> sa.Select[AuditEntry]:
        statement = sa.select(AuditEntry)
        if client_id is not None:
            statement = statement.where(AuditEntry.client_id == client_id)
        if user_id is not None:
            statement = statement.where(AuditEntry.user_id == user_id)
        if action is not None:
            statement = statement.where(AuditEntry.action == action)
        if entity is not None:
            statement = statement.where(AuditEntry.entity == entity)
        return statement.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())

    def page(
        self, statement: sa.Select[AuditEntry], *, limit: int, offset: int
    ) -> Sequence[AuditEntry]:
        return self.session.scalars(statement.limit(limit).offset(offset)).all()
