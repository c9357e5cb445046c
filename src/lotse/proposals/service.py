"""Listing proposals within a user's scope, deciding one and recording its outcome.

The web, the API and the command line (``lotse match decide`` / ``outcome``) all go through
these functions: the same access check and the same audit entries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lotse.access import gate
from lotse.access.policy import Scope
from lotse.access.principal import Access
from lotse.domain.codes import AuditAction, ProposalDecision, ProposalOutcome
from lotse.errors import InvalidInput, InvalidTransition, NotFound, Problem
from lotse.models import Client, Proposal
from lotse.proposals.repository import ProposalRepository, ProposalRow

MAX_REASON = 2000


def visible(access: Access) -> ColumnElement[bool]:
    """Proposals this access reaches: those of reachable clients; employer service: accepted."""
    reachable = sa.select(Client.id).where(gate.client_filter(access))
    condition: ColumnElement[bool] = Proposal.client_id.in_(reachable)
    if access.scope is Scope.PROPOSED:
        condition = sa.and_(condition, Proposal.decision == ProposalDecision.ACCEPTED)
    return condition


def list_proposals(
    session: Session,
    access: Access,
    *,
    client_id: int | None = None,
    vacancy_id: int | None = None,
    decision: ProposalDecision | None = None,
    limit: int = 100,
    offset: int = 0,
    view: str = "proposals",
) -> Sequence[ProposalRow]:
    """Proposals in scope, newest first; the clients shown are audit-logged as a list read."""
    condition = visible(access)
    if client_id is not None:
        condition = sa.and_(condition, Proposal.client_id == client_id)
    if vacancy_id is not None:
        condition = sa.and_(condition, Proposal.vacancy_id == vacancy_id)
    if decision is not None:
        condition = sa.and_(condition, Proposal.decision == decision)
    repo = ProposalRepository(session)
    rows = repo.rows(repo.joined(condition), limit=limit, offset=offset)
    if client_id is None:
        gate.note_clients_listed(session, access, [r[3].id for r in rows], view=view)
    return rows


def read_proposal(session: Session, access: Access, proposal_id: int) -> ProposalRow:
    """One proposal, if its client is in scope (the read of the client is logged)."""
    row = ProposalRepository(session).one_row(proposal_id)
    if row is None:
        raise NotFound(f"proposal {proposal_id} not found")
    proposal = row[0]
    gate.open_client(
        session, access, proposal.client_id, what="proposal", detail={"proposal_id": proposal.id}
    )
    if access.scope is Scope.PROPOSED and proposal.decision is not ProposalDecision.ACCEPTED:
        gate.deny_client(session, access, client_id=proposal.client_id, what="proposal")
    return row


def decide(
    session: Session,
    access: Access,
    proposal_id: int,
    *,
    decision: ProposalDecision,
    reason: str | None,
    now: datetime,
) -> Proposal:
    """Accept or reject a pending proposal. Rejecting needs a reason; deciding twice is refused."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise NotFound(f"proposal {proposal_id} not found")
    reason = (reason or "").strip() or None
    problems = []
    if decision is ProposalDecision.PENDING:
        problems.append(
            Problem(
                rule="decision_required", column="decision", message="choose accepted or rejected"
            )
        )
    if decision is ProposalDecision.REJECTED and reason is None:
        problems.append(
            Problem(rule="reason_required", column="reason", message="a rejection needs a reason")
        )
    if reason is not None and len(reason) > MAX_REASON:
        problems.append(
            Problem(
                rule="reason_too_long", column="reason", message=f"at most {MAX_REASON} characters"
            )
        )
    gate.open_client(
        session,
        access,
        proposal.client_id,
        action=AuditAction.UPDATE,
        what="proposal",
        detail={"proposal_id": proposal.id, "decision": decision.value},
    )
    if problems:
        raise InvalidInput(problems)
    if proposal.decision is not ProposalDecision.PENDING:
        raise InvalidTransition(f"proposal {proposal.id} was already {proposal.decision.value}")
    proposal.decision = decision
    proposal.decision_reason = reason
    proposal.decided_by_id = access.principal.user_id
    proposal.decided_at = now
    session.flush()
    return proposal


def record_outcome(
    session: Session,
    access: Access,
    proposal_id: int,
    *,
    outcome: ProposalOutcome,
    on: date,
) -> Proposal:
    """Record whether an accepted proposal led to a hire; it then counts as training data."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise NotFound(f"proposal {proposal_id} not found")
    gate.open_client(
        session,
        access,
        proposal.client_id,
        action=AuditAction.UPDATE,
        what="proposal",
        detail={"proposal_id": proposal.id, "outcome": outcome.value},
    )
    if proposal.decision is not ProposalDecision.ACCEPTED:
        raise InvalidTransition(
            f"proposal {proposal.id} is {proposal.decision.value}: only an accepted proposal "
            "has an outcome"
        )
    if proposal.outcome is not None:
        raise InvalidTransition(
            f"proposal {proposal.id} already has the outcome {proposal.outcome.value}"
        )
    proposal.outcome = outcome
    proposal.outcome_on = on
    session.flush()
    return proposal
