"""The officer's day page."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response

from lotse.access import gate
from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.routing import Guard
from lotse.day.repository import DayRepository
from lotse.domain.codes import ProposalDecision
from lotse.proposals import service as proposals
from lotse.web.i18n import TIMEZONE
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)


@router.get("/day")
def day(
    request: Request, session: SessionDep, access: Annotated[Access, Guard("day", "read")]
) -> Response:
    now = datetime.now(TIMEZONE)
    start_of_day = datetime.combine(now.date(), time.min, tzinfo=TIMEZONE)
    repo = DayRepository(session)
    contacts = repo.contacts_due(gate.client_filter(access), until=start_of_day + timedelta(days=1))
    pending = []
    proposal_access = access.narrowed("proposal", "list")
    if proposal_access is not None:
        pending = list(
            proposals.list_proposals(
                session, proposal_access, limit=50, decision=ProposalDecision.PENDING, view="day"
            )
        )
    seats = repo.free_seats(today=now.date(), site_id=access.principal.site_id)
    gate.note_clients_listed(session, access, [c.id for _, c in contacts], view="day")
    return renderer(request).render(
        request,
        "day/day.html",
        {
            "contacts": contacts,
            "pending": pending,
            "seats": seats,
            "today": now.date(),
            "start_of_day": start_of_day,
        },
    )
