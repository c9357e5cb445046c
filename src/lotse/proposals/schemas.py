"""Input and output shapes of the proposals feature."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, model_validator

from lotse.domain.codes import ProposalDecision, ProposalOutcome, ProposalSource


class DecisionIn(BaseModel):
    """An officer's decision on a proposal; a rejection needs a reason."""

    accepted: bool
    reason: str | None = None

    @model_validator(mode="after")
    def _reason_for_rejection(self) -> DecisionIn:
        if not self.accepted and not (self.reason and self.reason.strip()):
            raise ValueError("a rejection needs a reason")
        return self


class ProposalRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: int
    vacancy_id: int
    proposed_on: date
    source: ProposalSource
    score: float | None
    rank: int | None
    reasons: str | None
    decision: ProposalDecision
    decision_reason: str | None
    decided_at: datetime | None
    outcome: ProposalOutcome | None
    outcome_on: date | None
