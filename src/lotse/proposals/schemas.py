"""API schemas for proposals."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from lotse.domain.codes import ProposalDecision, ProposalOutcome, ProposalSource
from lotse.proposals.repository import ProposalRow


class ProposalRead(BaseModel):
    id: int
    client_id: int
    client_ref: str
    vacancy_id: int
    vacancy_title: str
    employer_id: int
    employer_name: str | None
    proposed_on: date
    source: ProposalSource
    score: float | None
    rank: int | None
    reasons: str | None
    decision: ProposalDecision
    decision_reason: str | None
    decided_by_id: int | None
    decided_at: datetime | None
    outcome: ProposalOutcome | None
    outcome_on: date | None

    @classmethod
    def from_row(cls, row: ProposalRow) -> ProposalRead:
        p, vacancy, employer, client = row
        return cls(
            id=p.id,
            client_id=client.id,
            client_ref=client.ref,
            vacancy_id=vacancy.id,
            vacancy_title=vacancy.title,
            employer_id=employer.id,
            employer_name=employer.name,
            proposed_on=p.proposed_on,
            source=p.source,
            score=p.score,
            rank=p.rank,
            reasons=p.reasons,
            decision=p.decision,
            decision_reason=p.decision_reason,
            decided_by_id=p.decided_by_id,
            decided_at=p.decided_at,
            outcome=p.outcome,
            outcome_on=p.outcome_on,
        )


class ProposalDecide(BaseModel):
    """A person's decision on a pending proposal. Rejecting needs a reason."""

    decision: Literal[ProposalDecision.ACCEPTED, ProposalDecision.REJECTED]
    reason: str | None = Field(default=None, max_length=2000)
