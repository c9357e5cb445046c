"""Contacts on the client's file: record an outcome, reschedule, print the invitation letter."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from lotse.access import gate
from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.casefile.actions import client_action, owned
from lotse.casefile.panels import today
from lotse.contacts import service as contacts
from lotse.contacts.letters import invitation_pdf
from lotse.domain.codes import AuditAction, ContactStatus
from lotse.errors import InvalidInput, Problem
from lotse.models import Client, Contact
from lotse.web.forms import FormDep, parse_form
from lotse.web.i18n import TIMEZONE

router = APIRouter(include_in_schema=False)


class OutcomeForm(BaseModel):
    status: ContactStatus
    note: str | None = Field(default=None, max_length=2000)


class RescheduleForm(BaseModel):
    at: datetime | None = None


def local_time(value: datetime | None) -> datetime | None:
    """A datetime-local field (no zone) is Berlin time."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=TIMEZONE)


@router.post("/clients/{client_id}/contacts/{contact_id}/outcome")
def record_outcome(
    client_id: IdPath,
    contact_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("client.contacts", "update")],
) -> Response:
    def run(client: Client) -> object:
        owned(session.get(Contact, contact_id), client, "contact")
        data = parse_form(OutcomeForm, form)
        return contacts.record_outcome(
            session,
            contact_id,
            data.status,
            actor=access.principal.username,
            note=data.note,
        )

    return client_action(
        request,
        session,
        access,
        client_id,
        panel="contacts",
        what="contact",
        run=run,
        done="casefile.done.outcome",
    )


@router.post("/clients/{client_id}/contacts/{contact_id}/reschedule")
def reschedule(
    client_id: IdPath,
    contact_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("client.contacts", "update")],
) -> Response:
    def run(client: Client) -> object:
        owned(session.get(Contact, contact_id), client, "contact")
        data = parse_form(RescheduleForm, form)
        at = local_time(data.at)
        if at is not None and at < datetime.now(UTC):
            raise InvalidInput(
                Problem("in_the_past", "the new appointment lies in the past", column="at")
            )
        if at is not None and at.year > datetime.now(UTC).year + 1:
            raise InvalidInput(Problem("date_range", "more than a year ahead", column="at"))
        return contacts.reschedule(
            session, contact_id, actor=access.principal.username, now=datetime.now(UTC), at=at
        )

    return client_action(
        request,
        session,
        access,
        client_id,
        panel="contacts",
        what="contact",
        run=run,
        done="casefile.done.rescheduled",
    )


@router.get("/clients/{client_id}/contacts/{contact_id}/letter.pdf")
def letter(
    client_id: IdPath,
    contact_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("client.contacts", "read")],
) -> Response:
    """The invitation letter (German, plus the client's language) as PDF."""
    client = gate.open_client(
        session,
        access,
        client_id,
        action=AuditAction.EXPORT,
        what="contact_letter",
        detail={"contact_id": contact_id},
    )
    owned(session.get(Contact, contact_id), client, "contact")
    pdf = invitation_pdf(
        session, contact_id, actor=access.principal.username, today=today(), log=False
    )
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="einladung-{contact_id}.pdf"'},
    )
