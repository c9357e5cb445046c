"""REST endpoints for proposals."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath, IdQuery
from lotse.api.routing import Guard
from lotse.domain.codes import ProposalDecision
from lotse.proposals import service
from lotse.proposals.repository import ProposalRepository
from lotse.proposals.schemas import ProposalDecide, ProposalRead

router = APIRouter(prefix="/proposals", tags=["proposals"])


@router.get("", response_model=list[ProposalRead])
def list_proposals(
    session: SessionDep,
    access: Annotated[Access, Guard("proposal", "list")],
    client_id: IdQuery = None,
    decision: ProposalDecision | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[ProposalRead]:
    """Proposals of the clients you may see, newest first."""
    rows = service.list_proposals(
        session,
        access,
        client_id=client_id,
        decision=decision,
        limit=limit,
        offset=offset,
        view="api",
    )
    return [ProposalRead.from_row(r) for r in rows]


@router.get("/{proposal_id}", response_model=ProposalRead)
def read_proposal(
    proposal_id: IdPath, session: SessionDep, access: Annotated[Access, Guard("proposal", "read")]
) -> ProposalRead:
    """One proposal with its vacancy and the reasons it was made."""
    return ProposalRead.from_row(service.read_proposal(session, access, proposal_id))


@router.post("/{proposal_id}/decision", response_model=ProposalRead)
def decide_proposal(
    proposal_id: IdPath,
    body: ProposalDecide,
    session: SessionDep,
    access: Annotated[Access, Guard("proposal", "decide")],
) -> ProposalRead:
    """Accept or reject a pending proposal, with a reason (required when rejecting)."""
    service.decide(
        session,
        access,
        proposal_id,
        decision=body.decision,
        reason=body.reason,
        now=datetime.now(UTC),
    )
    row = ProposalRepository(session).one_row(proposal_id)
    assert row is not None
    return ProposalRead.from_row(row)
