"""REST endpoints of the client's file: eligibility, participations, contacts, assessments.

Every endpoint passes the client gate (scope check and audit entry) and calls the feature
services; bad input is a 422 problem naming the field, a state conflict a 409, and nothing is
written when anything fails.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from lotse.access import gate
from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.casefile.actions import owned, within
from lotse.casefile.panels import today
from lotse.contacts import service as contacts
from lotse.contacts.repository import ContactRepository
from lotse.contacts.schemas import ContactRead, OutcomeUpdate, Rescheduled
from lotse.domain.codes import AuditAction
from lotse.kooperationsplan import service as plans
from lotse.kooperationsplan.schemas import PlanRead
from lotse.measures import courses, participation
from lotse.measures import service as measures
from lotse.measures.repository import ParticipationRepository
from lotse.measures.schemas import (
    EligibilityRead,
    EnrolmentCreate,
    EnrolmentRead,
    ParticipationRead,
    Pathway,
)
from lotse.models import Contact
from lotse.not_integrable import service as not_integrable
from lotse.not_integrable.repository import AssessmentRepository
from lotse.not_integrable.schemas import AssessmentCreate, AssessmentRead

router = APIRouter(prefix="/clients/{client_id}", tags=["client file"])


class RescheduleRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at: AwareDatetime | None = Field(
        default=None,
        description="the new appointment, with time zone, within a year; "
        "without it, the officer's next free slot",
    )


@router.get("/eligibility", response_model=list[EligibilityRead])
def eligibility(
    client_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("client.eligibility", "read")],
) -> list[EligibilityRead]:
    """What the rules say for every measure today, with every reason and its legal basis."""
    client = gate.open_client(session, access, client_id, what="eligibility")
    answers = measures.eligibility_for_client(session, client, on=today())
    return [EligibilityRead.of(a) for a in answers]


@router.get("/participations", response_model=list[ParticipationRead])
def participations(
    client_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("client.measures", "read")],
) -> list[ParticipationRead]:
    """The client's measures: status, dates, eligibility decision and reasons, outcome."""
    gate.open_client(session, access, client_id, what="participations")
    rows = ParticipationRepository(session).for_client(client_id)
    return [ParticipationRead.model_validate(p) for p in rows]


@router.get("/pathway", response_model=Pathway)
def language_pathway(
    client_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("client.measures", "read")],
) -> Pathway:
    """The client's German levels over time, each with its source."""
    client = gate.open_client(session, access, client_id, what="pathway")
    return participation.pathway(session, client)


@router.post("/enrolments", response_model=EnrolmentRead, status_code=201)
def enrol(
    client_id: IdPath,
    body: EnrolmentCreate,
    session: SessionDep,
    access: Annotated[Access, Guard("client.measures", "update")],
) -> EnrolmentRead:
    """Enrol in a course run after the eligibility check (409 with the reasons if not eligible
    and no ``override_reason`` is given); a seat if one is free, else the waiting list."""
    within(body.on, "on")
    client = gate.open_client(
        session, access, client_id, action=AuditAction.UPDATE, what="enrolment"
    )
    return courses.enrol(session, client, body).read()


@router.get("/contacts", response_model=list[ContactRead])
def client_contacts(
    client_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("client.contacts", "read")],
) -> list[ContactRead]:
    """The client's appointments, newest first (at most 200)."""
    gate.open_client(session, access, client_id, what="contacts")
    repo = ContactRepository(session)
    rows = repo.all(
        repo.select()
        .where(Contact.client_id == client_id)
        .order_by(Contact.scheduled_at.desc(), Contact.id.desc())
        .limit(200)
    )
    return [ContactRead.model_validate(c) for c in rows]


@router.post("/contacts/{contact_id}/outcome", response_model=ContactRead)
def contact_outcome(
    client_id: IdPath,
    contact_id: IdPath,
    body: OutcomeUpdate,
    session: SessionDep,
    access: Annotated[Access, Guard("client.contacts", "update")],
) -> ContactRead:
    """Record that a planned contact was held (done), missed (no_show) or cancelled."""
    client = gate.open_client(session, access, client_id, action=AuditAction.UPDATE, what="contact")
    owned(session.get(Contact, contact_id), client, "contact")
    contact = contacts.record_outcome(
        session, contact_id, body.status, actor=access.principal.username, note=body.note
    )
    return ContactRead.model_validate(contact)


@router.post("/contacts/{contact_id}/reschedule", response_model=Rescheduled)
def contact_reschedule(
    client_id: IdPath,
    contact_id: IdPath,
    body: RescheduleRequest,
    session: SessionDep,
    access: Annotated[Access, Guard("client.contacts", "update")],
) -> Rescheduled:
    """A new appointment for a planned or missed contact (same officer and channel)."""
    if body.at is not None:
        within(body.at.date(), "at", years=1)
    client = gate.open_client(session, access, client_id, action=AuditAction.UPDATE, what="contact")
    owned(session.get(Contact, contact_id), client, "contact")
    return contacts.reschedule(
        session, contact_id, actor=access.principal.username, now=datetime.now(UTC), at=body.at
    )


@router.get("/not-integrable", response_model=list[AssessmentRead])
def assessments(
    client_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("client.not_integrable", "read")],
) -> list[AssessmentRead]:
    """The client's not-integrable assessments, open and closed."""
    gate.open_client(session, access, client_id, what="not_integrable")
    rows = AssessmentRepository(session).for_client(client_id)
    return [AssessmentRead.model_validate(a) for a in rows]


@router.post("/not-integrable", response_model=AssessmentRead, status_code=201)
def assess(
    client_id: IdPath,
    body: AssessmentCreate,
    session: SessionDep,
    access: Annotated[Access, Guard("client.not_integrable", "update")],
) -> AssessmentRead:
    """Record that the client is not integrable now, with a coded reason and a review date."""
    within(body.assessed_on, "assessed_on")
    if body.review_on is not None:
        within(body.review_on, "review_on")
    client = gate.open_client(
        session, access, client_id, action=AuditAction.UPDATE, what="not_integrable"
    )
    return AssessmentRead.model_validate(not_integrable.assess(session, client, body))


@router.get("/kooperationsplan", response_model=PlanRead | None)
def kooperationsplan(
    client_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("client.plan", "read")],
) -> PlanRead | None:
    """The Kooperationsplan in force (goals, steps, reviews), or null."""
    client = gate.open_client(session, access, client_id, what="kooperationsplan")
    plan = plans.current(session, client)
    return PlanRead.model_validate(plan) if plan else None
