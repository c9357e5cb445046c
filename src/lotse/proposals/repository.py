"""Queries for proposals with their vacancy, employer and client."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from lotse.db.repository import Repository
from lotse.domain.codes import ProposalDecision
from lotse.models import Client, Employer, Proposal, Vacancy

ProposalRow = sa.Row[Proposal, Vacancy, Employer, Client]


class ProposalRepository(Repository[Proposal]):
    model = Proposal

    def joined(
        self, condition: ColumnElement[bool]
    ) -> sa.Select[Proposal, Vacancy, Employer, Client]:
        """Proposals matching ``condition`` with vacancy, employer and client, newest first."""
        return (
            sa.select(Proposal, Vacancy, Employer, Client)
            .join(Vacancy, Vacancy.id == Proposal.vacancy_id)
            .join(Employer, Employer.id == Vacancy.employer_id)
            .join(Client, Client.id == Proposal.client_id)
            .where(condition)
            .order_by(Proposal.proposed_on.desc(), Proposal.rank.asc().nulls_last(), Proposal.id)
        )

    def rows(
        self,
        statement: sa.Select[Proposal, Vacancy, Employer, Client],
        *,
        limit: int = 100,
        offset: int = 0,
    ) -> Sequence[ProposalRow]:
        return self.session.execute(statement.limit(limit).offset(offset)).all()

    def one_row(self, proposal_id: int) -> ProposalRow | None:
        return self.session.execute(self.joined(Proposal.id == proposal_id)).one_or_none()

    def pending_condition(self) -> ColumnElement[bool]:
        return Proposal.decision == ProposalDecision.PENDING
