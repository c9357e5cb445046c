"""REST endpoints for employer events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.events.repository import EventRepository
from lotse.events.schemas import EventSummaryRead
from lotse.models import EmployerEvent

router = APIRouter(prefix="/events", tags=["events"])
FIELDS = (
    "id",
    "kind",
    "title",
    "employer_id",
    "site_id",
    "programme_id",
    "starts_at",
    "ends_at",
    "location",
    "capacity",
    "description",
)


def _read(event: EmployerEvent, counts: dict[str, int]) -> EventSummaryRead:
    return EventSummaryRead.model_validate(
        {f: getattr(event, f) for f in FIELDS} | {"invitation_counts": counts}
    )


@router.get("", response_model=list[EventSummaryRead])
def list_events(
    session: SessionDep,
    access: Annotated[Access, Guard("event", "list")],
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[EventSummaryRead]:
    """Employer events, newest first, with invitation counts by status."""
    repo = EventRepository(session)
    events = repo.all(repo.listing().limit(limit).offset(offset))
    counts = repo.invitation_counts([e.id for e in events])
    return [_read(e, counts.get(e.id, {})) for e in events]


@router.get("/{event_id}", response_model=EventSummaryRead)
def read_event(
    event_id: IdPath, session: SessionDep, access: Annotated[Access, Guard("event", "read")]
) -> EventSummaryRead:
    """One employer event with invitation counts by status."""
    repo = EventRepository(session)
    event = repo.get(event_id)
    counts = repo.invitation_counts([event.id]).get(event.id, {})
    return _read(event, counts)
