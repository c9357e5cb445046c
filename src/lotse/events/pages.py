"""Pages: the list of employer events and one event with its invitations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from lotse.access import gate
from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.clients.repository import site_names
from lotse.events import service
from lotse.events.repository import EventRepository
from lotse.models import Client, Employer
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)


@router.get("/events")
def event_list(
    request: Request, session: SessionDep, access: Annotated[Access, Guard("event", "list")]
) -> Response:
    repo = EventRepository(session)
    now = datetime.now(UTC)
    upcoming = repo.all(repo.listing(upcoming_from=now).limit(100))
    past = repo.all(repo.listing(before=now).limit(50))
    counts = repo.invitation_counts([e.id for e in [*upcoming, *past]])
    return renderer(request).render(
        request,
        "events/list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "counts": counts,
            "sites": site_names(session),
        },
    )


@router.get("/events/{event_id}")
def event_detail(
    event_id: IdPath,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("event", "read")],
) -> Response:
    return render_detail(request, session, access, event_id)


def render_detail(
    request: Request,
    session: Session,
    access: Access,
    event_id: int,
    *,
    problems: list[str] | None = None,
    status_code: int = 200,
) -> Response:
    """The event with its counts, funnel and the invitations the user may see."""
    repo = EventRepository(session)
    event = repo.get(event_id)
    counts = repo.invitation_counts([event.id]).get(event.id, {})
    invited: list[Any] = []
    invitation_access = access.narrowed("event.invitations", "list")
    if invitation_access is not None:
        invited = list(repo.invitations_of(event_id, gate.client_filter(invitation_access)))
        gate.note_clients_listed(
            session, invitation_access, [c.id for _, c in invited], view=f"event:{event_id}"
        )
    employer = session.get(Employer, event.employer_id) if event.employer_id else None
    readable: set[int] = set()
    reader = access.narrowed("client", "read")
    if reader is not None and invited:
        ids = [c.id for _, c in invited]
        readable = set(
            session.scalars(
                sa.select(Client.id).where(Client.id.in_(ids), gate.client_filter(reader))
            )
        )
    return renderer(request).render(
        request,
        "events/detail.html",
        {
            "event": event,
            "counts": counts,
            "invited": invited,
            "readable": readable,
            "employer": employer,
            "total_invited": sum(counts.values()),
            "sites": site_names(session),
            "vacancies": repo.vacancies(event_id),
            "funnel": service.funnel(session, [event_id]),
            "problems": problems or [],
            "done": request.query_params.get("done"),
            "today": datetime.now(UTC).date(),
        },
        status_code=status_code,
    )
