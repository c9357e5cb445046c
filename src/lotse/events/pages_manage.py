"""Organising an event: create it with vacancies, pick candidates, invite, record who came and
what it led to. Refused input rolls everything back and shows the problems on the page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from lotse.access import gate
from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.domain.codes import EventKind, InvitationResult
from lotse.errors import Conflict, InvalidInput, NotFound, Problem
from lotse.events import service
from lotse.events.pages import render_detail
from lotse.events.repository import EventRepository
from lotse.events.schemas import EventCreate
from lotse.models import Client, Employer, EventInvitation, Site, Vacancy
from lotse.web.forms import FormDep, field_errors, parse_form
from lotse.web.i18n import TIMEZONE
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)


class EventForm(BaseModel):
    kind: EventKind
    title: str = Field(min_length=1, max_length=300)
    employer_id: int | None = None
    site_id: int | None = None
    starts_at: datetime
    ends_at: datetime | None = None
    location: str | None = Field(default=None, max_length=300)
    capacity: int | None = Field(default=None, ge=1, le=10_000)
    description: str | None = Field(default=None, max_length=4000)


def _local(value: datetime | None) -> datetime | None:
    """A datetime-local field (no zone) is Berlin time; years far off are typing errors."""
    if value is not None and abs(value.year - date.today().year) > 5:
        raise InvalidInput(Problem("date_range", "more than five years from today",
                                   column="starts_at", value=value.isoformat()))  # fmt: skip
    return value.replace(tzinfo=TIMEZONE) if value and value.tzinfo is None else value


def _form_context(session: Session) -> dict[str, Any]:
    vacancies = session.execute(
        sa.select(Vacancy, Employer.name)
        .join(Employer, Employer.id == Vacancy.employer_id)
        .order_by(Employer.name, Vacancy.title)
        .limit(300)
    ).all()
    return {
        "kinds": list(EventKind),
        "employers": session.execute(
            sa.select(Employer.id, Employer.name).order_by(Employer.name)
        ).all(),
        "sites": session.execute(sa.select(Site.id, Site.name).order_by(Site.name)).all(),
        "vacancies": vacancies,
    }


@router.get("/events/new")
def new_event(
    request: Request, session: SessionDep, access: Annotated[Access, Guard("event", "create")]
) -> Response:
    return renderer(request).render(
        request,
        "events/form.html",
        {"errors": {}, "values": {}, "chosen": set(), **_form_context(session)},
    )


@router.post("/events")
def create_event(
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("event", "create")],
) -> Response:
    chosen = {int(v) for k, v in _multi(request, "vacancy_ids") if v.isdigit()}
    try:
        data = parse_form(EventForm, form)
        event = service.create_event(
            session,
            EventCreate(
                **(data.model_dump() | {"starts_at": _local(data.starts_at),
                                        "ends_at": _local(data.ends_at)}),
                vacancy_ids=sorted(chosen),
            ),
            actor=access.principal.username,
        )  # fmt: skip
    except InvalidInput as exc:
        session.rollback()
        return renderer(request).render(
            request,
            "events/form.html",
            {"errors": field_errors(exc), "values": form, "chosen": chosen,
             **_form_context(session)},
            status_code=422,
        )  # fmt: skip
    return RedirectResponse(f"/events/{event.id}?done=created", status_code=303)


def _multi(request: Request, name: str) -> list[tuple[str, str]]:
    form = getattr(request, "_form", None)
    if form is None:
        return []
    return [(k, v) for k, v in form.multi_items() if k == name and isinstance(v, str)]


def _event_action(
    request: Request,
    session: Session,
    access: Access,
    event_id: int,
    run: Callable[[], object],
    done: str,
) -> Response:
    EventRepository(session).get(event_id)  # 404 for an unknown event
    try:
        run()
        session.flush()
    except (InvalidInput, Conflict) as exc:
        session.rollback()
        problems = (
            [f"{p.value}: {p.message}" if p.value else p.message for p in exc.problems]
            if isinstance(exc, InvalidInput)
            else [exc.message]
        )
        reader = access.narrowed("event", "read")
        assert reader is not None
        return render_detail(
            request, session, reader, event_id, problems=problems, status_code=exc.status_code
        )
    return RedirectResponse(f"/events/{event_id}?done={done}", status_code=303)


@router.get("/events/{event_id}/candidates")
def candidates(
    event_id: IdPath,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("event.candidates", "list")],
) -> Response:
    event = EventRepository(session).get(event_id)
    rows = service.candidate_list(
        session,
        event_id,
        actor=access.principal.username,
        limit=50,
        clients=gate.client_filter(access),
    )
    gate.note_clients_listed(
        session, access, [c.client_id for c in rows], view=f"event_candidates:{event_id}"
    )
    return renderer(request).render(
        request,
        "events/candidates.html",
        {"event": event, "candidates": rows,
         "may_invite": access.may("event.invitations", "create")},
    )  # fmt: skip


@router.post("/events/{event_id}/invitations")
def invite(
    event_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("event.invitations", "create")],
) -> Response:
    ids = [int(v) for _, v in _multi(request, "client_id") if v.isdigit()]

    def run() -> object:
        if not ids:
            raise InvalidInput(
                Problem("required", "choose at least one person", column="client_id")
            )
        in_scope = set(
            session.scalars(
                sa.select(Client.id).where(Client.id.in_(ids), gate.client_filter(access))
            )
        )
        for client_id in ids:
            if client_id not in in_scope:
                gate.deny_client(session, access, client_id=client_id, what="event_invitation")
        reason = "aus der Kandidatenliste ausgewählt"
        return service.invite(
            session,
            event_id,
            ids,
            on=datetime.now(TIMEZONE).date(),
            actor=access.principal.username,
            reasons=dict.fromkeys(ids, reason),
        )

    return _event_action(request, session, access, event_id, run, "invited")


@router.post("/events/{event_id}/attendance")
def attendance(
    event_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("event", "update")],
) -> Response:
    came = [int(v) for _, v in _multi(request, "attended") if v.isdigit()]

    def run() -> object:
        return service.record_attendance(session, event_id, came, actor=access.principal.username)

    return _event_action(request, session, access, event_id, run, "attendance")


class ResultForm(BaseModel):
    result: InvitationResult
    on: date
    job_start: bool = False
    note: str | None = Field(default=None, max_length=2000)


@router.post("/events/{event_id}/invitations/{invitation_id}/result")
def result(
    event_id: IdPath,
    invitation_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("event", "update")],
) -> Response:
    def run() -> object:
        invitation = session.get(EventInvitation, invitation_id)
        if invitation is None or invitation.event_id != event_id:
            raise NotFound(f"invitation {invitation_id} not found for this event")
        data = parse_form(ResultForm, form)
        return service.record_result(
            session,
            invitation_id,
            data.result,
            on=data.on,
            actor=access.principal.username,
            job_start=data.job_start,
            note=data.note,
        )

    return _event_action(request, session, access, event_id, run, "result")


__all__ = ["UTC", "router"]
