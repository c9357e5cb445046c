"""Queries for proposals with their vacancy, employer and client, and the clients and
vacancies the matcher reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lotse.db.repository import Repository
from lotse.domain.codes import (
    ProposalDecision,
    ProposalOutcome,
    ProposalSource,
    VacancyStatus,
)
from lotse.models import Client, ClientOccupation, Employer, Proposal, Vacancy
from lotse.registry.repository import jobcenter_caseload

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

    def with_outcome(self) -> sa.Select[str, str, date, ProposalOutcome | None]:
        """(client ref, vacancy ref, proposed_on, outcome) of every proposal with an outcome:
        imported history and decided proposals whose result is known."""
        return (
            sa.select(Client.ref, Vacancy.ref, Proposal.proposed_on, Proposal.outcome)
            .select_from(Proposal)
            .join(Client, Client.id == Proposal.client_id)
            .join(Vacancy, Vacancy.id == Proposal.vacancy_id)
            .where(Proposal.outcome.is_not(None))
            .order_by(Proposal.id)
        )

    def pairs(self) -> sa.Select[str, str]:
        """(client ref, vacancy ref) of every proposal ever made."""
        return (
            sa.select(Client.ref, Vacancy.ref)
            .select_from(Proposal)
            .join(Client, Client.id == Proposal.client_id)
            .join(Vacancy, Vacancy.id == Proposal.vacancy_id)
        )

    def pending_counts(self) -> tuple[sa.Select[str, int], sa.Select[str, int]]:
        """Open proposals (pending, or accepted without an outcome yet) per client ref and per
        vacancy ref."""
        n = sa.func.count(Proposal.id)
        pending = sa.or_(
            Proposal.decision == ProposalDecision.PENDING,
            sa.and_(Proposal.decision == ProposalDecision.ACCEPTED, Proposal.outcome.is_(None)),
        )
        per_client = (
            sa.select(Client.ref, n)
            .select_from(Proposal)
            .join(Client, Client.id == Proposal.client_id)
            .where(pending)
            .group_by(Client.ref)
        )
        per_vacancy = (
            sa.select(Vacancy.ref, n)
            .select_from(Proposal)
            .join(Vacancy, Vacancy.id == Proposal.vacancy_id)
            .where(pending)
            .group_by(Vacancy.ref)
        )
        return per_client, per_vacancy

    def by_matcher(self) -> sa.Select[str, float | None]:
        """(client ref, score) of the matcher's proposals that are still pending."""
        return (
            sa.select(Client.ref, Proposal.score)
            .select_from(Proposal)
            .join(Client, Client.id == Proposal.client_id)
            .where(Proposal.source == ProposalSource.MATCHER)
            .where(Proposal.decision == ProposalDecision.PENDING)
        )


class MatchingInputRepository:
    """Clients and vacancies as the matcher needs them (all columns of the exchange format)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def clients(self, *, caseload_only: bool) -> sa.Select[Client]:
        """All clients, or only the Jobcenter's caseload (the people it may propose)."""
        stmt = jobcenter_caseload() if caseload_only else sa.select(Client)
        return stmt.order_by(Client.id)

    def occupations(self) -> sa.Select[int, str]:
        return sa.select(ClientOccupation.client_id, ClientOccupation.kldb).order_by(
            ClientOccupation.client_id, ClientOccupation.position
        )

    def vacancies(self, *, open_only: bool) -> sa.Select[Vacancy]:
        stmt = sa.select(Vacancy).order_by(Vacancy.id)
        if open_only:
            stmt = stmt.where(Vacancy.status == VacancyStatus.OPEN)
        return stmt

    def ids_by_ref(self) -> tuple[sa.Select[str, int], sa.Select[str, int]]:
        return sa.select(Client.ref, Client.id), sa.select(Vacancy.ref, Vacancy.id)
