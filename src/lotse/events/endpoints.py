"""REST endpoints for employer events."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from lotse.access import gate
from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdField, IdPath
from lotse.api.routing import Guard
from lotse.domain.codes import InvitationResult
from lotse.errors import InvalidInput, NotFound, Problem
from lotse.events import service
from lotse.events.repository import EventRepository
from lotse.events.schemas import (
    CandidateRead,
    EventCreate,
    EventRead,
    EventSummaryRead,
    FunnelRead,
    InvitationRead,
)
from lotse.models import Client, EmployerEvent, EventInvitation
from lotse.web.i18n import TIMEZONE

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


class InvitationsCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client_ids: list[IdField] = Field(min_length=1, max_length=500)


class AttendanceUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    attended: list[IdField] = Field(
        max_length=5000, description="clients who came; every other invited one did not"
    )


class ResultCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    result: InvitationResult
    on: date
    vacancy_id: IdField | None = None
    job_start: bool = Field(False, description="also record a hire as a job start")
    note: str | None = Field(default=None, max_length=2000)


@router.post("", response_model=EventRead, status_code=201)
def create_event(
    body: EventCreate, session: SessionDep, access: Annotated[Access, Guard("event", "create")]
) -> EventRead:
    """Create an event with its vacancies (and the organiser's invitation list, if any).

    Times need a time zone and must lie within five years of today."""
    problems = [
        Problem("time", "a time with time zone within five years of today", column=name,
                value=value.isoformat())
        for name, value in (("starts_at", body.starts_at), ("ends_at", body.ends_at))
        if value is not None
        and (value.tzinfo is None or abs(value.year - date.today().year) > 5)
    ]  # fmt: skip
    if problems:
        raise InvalidInput(problems)
    event = service.create_event(session, body, actor=access.principal.username)
    return EventRead.model_validate(event)


@router.get("/{event_id}/candidates", response_model=list[CandidateRead])
def candidates(
    event_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("event.candidates", "list")],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[CandidateRead]:
    """Clients in scope who fit the event, not yet invited, best first, with the reasons."""
    rows = service.candidate_list(
        session,
        event_id,
        actor=access.principal.username,
        limit=limit,
        clients=gate.client_filter(access),
    )
    gate.note_clients_listed(
        session, access, [c.client_id for c in rows], view=f"event_candidates:{event_id}"
    )
    return rows


@router.post("/{event_id}/invitations", response_model=list[InvitationRead], status_code=201)
def invite(
    event_id: IdPath,
    body: InvitationsCreate,
    session: SessionDep,
    access: Annotated[Access, Guard("event.invitations", "create")],
) -> list[InvitationRead]:
    """Invite clients in scope (refused: people invited already, more than the capacity)."""
    in_scope = set(
        session.scalars(
            sa.select(Client.id).where(Client.id.in_(body.client_ids), gate.client_filter(access))
        )
    )
    for client_id in body.client_ids:
        if client_id not in in_scope:
            if session.get(Client, client_id) is None:
                continue  # the service names unknown clients
            gate.deny_client(session, access, client_id=client_id, what="event_invitation")
    invitations = service.invite(
        session,
        event_id,
        body.client_ids,
        on=datetime.now(TIMEZONE).date(),
        actor=access.principal.username,
    )
    return [InvitationRead.model_validate(i) for i in invitations]


@router.post("/{event_id}/attendance", response_model=dict[str, int])
def attendance(
    event_id: IdPath,
    body: AttendanceUpdate,
    session: SessionDep,
    access: Annotated[Access, Guard("event", "update")],
) -> dict[str, int]:
    """Who came; returns how many invitations became attended and no_show."""
    counts = service.record_attendance(
        session, event_id, body.attended, actor=access.principal.username
    )
    return dict(counts)


@router.post("/{event_id}/invitations/{invitation_id}/result", response_model=InvitationRead)
def result(
    event_id: IdPath,
    invitation_id: IdPath,
    body: ResultCreate,
    session: SessionDep,
    access: Annotated[Access, Guard("event", "update")],
) -> InvitationRead:
    """What an attended invitation led to (internship, hire, nothing)."""
    invitation = session.get(EventInvitation, invitation_id)
    if invitation is None or invitation.event_id != event_id:
        raise NotFound(f"invitation {invitation_id} not found for event {event_id}")
    updated = service.record_result(
        session,
        invitation_id,
        body.result,
        on=body.on,
        actor=access.principal.username,
        vacancy_id=body.vacancy_id,
        job_start=body.job_start,
        note=body.note,
    )
    return InvitationRead.model_validate(updated)


@router.get("/{event_id}/funnel", response_model=FunnelRead)
def event_funnel(
    event_id: IdPath, session: SessionDep, access: Annotated[Access, Guard("event", "read")]
) -> FunnelRead:
    """How far the event's invitations got: invited → came → internship or hire → hire."""
    return service.funnel(session, [event_id])
