"""The decision form on the client's file (HTMX, with a plain-form fallback)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.clients.repository import ClientRepository
from lotse.domain.codes import ProposalDecision
from lotse.errors import InvalidInput, NotFound
from lotse.models import Proposal
from lotse.proposals import service
from lotse.proposals.repository import ProposalRepository
from lotse.web.forms import FormDep, FormErrors, field_errors
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)


@router.post("/proposals/{proposal_id}/decision")
def decide(
    proposal_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("proposal", "decide")],
) -> Response:
    try:
        decision = ProposalDecision(form.get("decision", ""))
    except ValueError:
        decision = ProposalDecision.PENDING
    errors: FormErrors = {}
    try:
        service.decide(
            session,
            access,
            proposal_id,
            decision=decision,
            reason=form.get("reason"),
            now=datetime.now(UTC),
        )
    except InvalidInput as exc:
        errors = field_errors(exc)
        session.rollback()  # nothing of a refused decision stays, its audit entry neither
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise NotFound(f"proposal {proposal_id} not found")
    if not request.headers.get("hx-request"):
        if errors:
            raise InvalidInput([])
        return RedirectResponse(f"/clients/{proposal.client_id}#proposals", status_code=303)
    row = ProposalRepository(session).one_row(proposal_id)
    trail = [] if errors else ClientRepository(session).audit_trail(proposal.client_id)
    return renderer(request).render(
        request,
        "proposals/_decided.html",
        {
            "row": row,
            "errors": errors,
            "reason": form.get("reason", ""),
            "trail": trail,
            "show_trail": bool(trail) and access.may("client.audit", "read"),
            "can_decide": True,
        },
    )
