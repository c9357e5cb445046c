"""Measures on the client's file: enrol in a course run, record how a participation went."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdField, IdPath
from lotse.api.routing import Guard
from lotse.casefile.actions import client_action, owned, within
from lotse.domain.cefr import CefrLevel
from lotse.errors import InvalidInput, Problem
from lotse.measures import courses, participation
from lotse.measures.schemas import (
    Completion,
    DropOut,
    EnrolmentCreate,
    ExamResult,
    HireCreate,
    InternshipCreate,
)
from lotse.models import Client, Participation
from lotse.web.forms import FormDep, parse_form

router = APIRouter(include_in_schema=False)


class OutcomeForm(BaseModel):
    """One form for every step of a participation; the fields a step needs are checked."""

    step: Literal["start", "complete", "drop_out", "exam", "withdraw", "internship", "hire"]
    on: date
    until: date | None = None
    employer_id: IdField | None = None
    level: CefrLevel | None = None
    reason: str | None = Field(default=None, max_length=500)


def apply_outcome(session: Session, participation_id: int, data: OutcomeForm) -> object:
    """Call the measures service for the step chosen (start, complete, drop out, exam, withdraw)."""
    if data.step == "start":
        return courses.start(session, participation_id, data.on)
    if data.step == "complete":
        return participation.complete(
            session, participation_id, Completion(on=data.on, level_reached=data.level)
        )
    if data.step == "exam":
        if data.level is None:
            raise InvalidInput(Problem("missing", "the level reached is missing", column="level"))
        return participation.record_exam(
            session, participation_id, ExamResult(level=data.level, on=data.on)
        )
    if data.step in ("internship", "hire"):
        if data.employer_id is None:
            raise InvalidInput(Problem("missing", "choose the employer", column="employer_id"))
        if data.step == "hire":
            # A hire is the normal record of an Integration: a job start linked to the measure.
            return participation.record_hire(
                session, participation_id, HireCreate(on=data.on, employer_id=data.employer_id)
            )
        if data.until is None:
            raise InvalidInput(Problem("missing", "the internship's last day", column="until"))
        try:
            internship = InternshipCreate(
                employer_id=data.employer_id, start=data.on, end=data.until
            )
        except ValueError:
            raise InvalidInput(
                Problem("ends_before_start", "ends before it starts", column="until")
            ) from None
        return participation.record_internship(session, participation_id, internship)
    reason = (data.reason or "").strip()
    if len(reason) < 3:
        raise InvalidInput(Problem("missing", "please give the reason", column="reason"))
    if data.step == "withdraw":
        return courses.withdraw(session, participation_id, reason)
    return participation.drop_out(session, participation_id, DropOut(on=data.on, reason=reason))


@router.post("/clients/{client_id}/enrolments")
def enrol(
    client_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("client.measures", "update")],
) -> Response:
    def run(client: Client) -> object:
        data = parse_form(EnrolmentCreate, form)
        within(data.on, "on")
        return courses.enrol(session, client, data)

    return client_action(
        request,
        session,
        access,
        client_id,
        panel="participations",
        what="enrolment",
        run=run,
        done="casefile.done.enrolled",
    )


@router.post("/clients/{client_id}/participations/{participation_id}/outcome")
def participation_outcome(
    client_id: IdPath,
    participation_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("client.measures", "update")],
) -> Response:
    def run(client: Client) -> object:
        owned(session.get(Participation, participation_id), client, "participation")
        data = parse_form(OutcomeForm, form)
        within(data.on, "on")
        return apply_outcome(session, participation_id, data)

    return client_action(
        request,
        session,
        access,
        client_id,
        panel="participations",
        what="participation",
        run=run,
        done="casefile.done.participation",
    )
