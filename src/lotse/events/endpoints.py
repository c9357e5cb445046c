"""REST endpoints for employer events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.routing import Guard
from lotse.events.repository import EventRepository
from lotse.events.schemas import EventRead

router = APIRouter(prefix="/events", tags=["events"])


@router.get("", response_model=list[EventRead])
def list_events(
    session: SessionDep,
    access: Annotated[Access, Guard("event", "list")],
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[EventRead]:
    """Employer events, newest first, with invitation counts by status."""
    repo = EventRepository(session)
    events = repo.all(repo.listing().limit(limit).offset(offset))
    counts = repo.invitation_counts([e.id for e in events])
    return [
        EventRead.model_validate(e).model_copy(update={"invitations": counts.get(e.id, {})})
        for e in events
    ]


@router.get("/{event_id}", response_model=EventRead)
def read_event(
    event_id: int, session: SessionDep, access: Annotated[Access, Guard("event", "read")]
) -> EventRead:
    """One employer event with invitation counts by status."""
    repo = EventRepository(session)
    event = repo.get(event_id)
    counts = repo.invitation_counts([event.id]).get(event.id, {})
    return EventRead.model_validate(event).model_copy(update={"invitations": counts})
