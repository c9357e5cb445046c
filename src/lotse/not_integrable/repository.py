"""Queries of "not integrable now" assessments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from lotse.db.repository import Repository
from lotse.domain.codes import NotIntegrableReason
from lotse.models import Client, NotIntegrableAssessment, Programme, ProgrammeMembership
from lotse.registry.repository import in_jobcenter_caseload

SelectT = TypeVar("SelectT", bound="sa.Select[*tuple[Any, ...]]")


def _scoped(stmt: SelectT, site_id: int | None, programme: str | None, on: date) -> SelectT:
    if site_id is not None:
        stmt = stmt.where(Client.site_id == site_id)
    if programme is not None:
        member = (
            sa.select(ProgrammeMembership.client_id)
            .join(Programme, Programme.id == ProgrammeMembership.programme_id)
            .where(
                Programme.code == programme,
                ProgrammeMembership.since <= on,
                sa.or_(ProgrammeMembership.until.is_(None), ProgrammeMembership.until >= on),
            )
        )
        stmt = stmt.where(Client.id.in_(member))
    return stmt


class AssessmentRepository(Repository[NotIntegrableAssessment]):
    model = NotIntegrableAssessment

    def open_for(
        self, client_id: int, reason: NotIntegrableReason
    ) -> NotIntegrableAssessment | None:
        stmt = self.select().where(
            NotIntegrableAssessment.client_id == client_id,
            NotIntegrableAssessment.reason == reason,
            NotIntegrableAssessment.closed_on.is_(None),
        )
        return self.session.scalars(stmt.limit(1)).first()

    def for_client(self, client_id: int) -> Sequence[NotIntegrableAssessment]:
        stmt = self.select().where(NotIntegrableAssessment.client_id == client_id)
        return self.all(stmt.order_by(NotIntegrableAssessment.assessed_on))

    def overdue(
        self,
        on: date,
        *,
        site_id: int | None = None,
        officer_id: int | None = None,
        clients: ColumnElement[bool] | None = None,
    ) -> Sequence[sa.Row[NotIntegrableAssessment, str]]:
        """Open assessments whose review date lies before ``on`` (longest overdue first)."""
        stmt = (
            sa.select(NotIntegrableAssessment, Client.ref)
            .join(Client, Client.id == NotIntegrableAssessment.client_id)
            .where(
                NotIntegrableAssessment.closed_on.is_(None), NotIntegrableAssessment.review_on < on
            )
            .order_by(NotIntegrableAssessment.review_on, NotIntegrableAssessment.id)
        )
        if site_id is not None:
            stmt = stmt.where(Client.site_id == site_id)
        if officer_id is not None:
            stmt = stmt.where(Client.officer_id == officer_id)
        if clients is not None:
            stmt = stmt.where(clients)
        return self.session.execute(stmt).all()

    def active_clients(self, on: date, site_id: int | None, programme: str | None) -> int:
        stmt = sa.select(sa.func.count(Client.id)).where(in_jobcenter_caseload())
        return int(self.session.scalar(_scoped(stmt, site_id, programme, on)) or 0)

    def open_by_reason(
        self, on: date, site_id: int | None, programme: str | None
    ) -> tuple[dict[NotIntegrableReason, int], int]:
        """Clients of the Jobcenter's caseload with an open assessment per reason, and such
        clients in total."""
        base = (
            sa.select(NotIntegrableAssessment.reason, sa.func.count(sa.distinct(Client.id)))
            .join(Client, Client.id == NotIntegrableAssessment.client_id)
            .where(
                in_jobcenter_caseload(),
                NotIntegrableAssessment.assessed_on <= on,
                sa.or_(
                    NotIntegrableAssessment.closed_on.is_(None),
                    NotIntegrableAssessment.closed_on > on,
                ),
            )
        )
        grouped = _scoped(base, site_id, programme, on).group_by(NotIntegrableAssessment.reason)
        counts = {NotIntegrableReason(r): int(n) for r, n in self.session.execute(grouped)}
        total_stmt = (
            sa.select(sa.func.count(sa.distinct(Client.id)))
            .join(NotIntegrableAssessment, NotIntegrableAssessment.client_id == Client.id)
            .where(
                in_jobcenter_caseload(),
                NotIntegrableAssessment.assessed_on <= on,
                sa.or_(
                    NotIntegrableAssessment.closed_on.is_(None),
                    NotIntegrableAssessment.closed_on > on,
                ),
            )
        )
        total = int(self.session.scalar(_scoped(total_stmt, site_id, programme, on)) or 0)
        return counts, total
