"""Contacts as they are planned, shown and changed."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from lotse.domain.codes import AbsenceKind, ContactChannel, ContactStatus


class ContactPlanSummary(BaseModel):
    start: date
    end: date
    clients_planned: int
    clients_without_officer: int
    contacts_planned: int
    contacts_missed: int = Field(description="due contacts that found no free slot in time")
    written: bool


class ContactRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: int
    officer_id: int | None
    scheduled_at: datetime
    duration_min: int
    channel: ContactChannel
    status: ContactStatus
    rescheduled_from_id: int | None
    reminder_sent_at: datetime | None
    notes: str | None


class OutcomeUpdate(BaseModel):
    status: ContactStatus = Field(description="done, no_show or cancelled")
    note: str | None = None


class AbsenceCreate(BaseModel):
    officer_id: int
    starts_on: date
    ends_on: date
    kind: AbsenceKind = AbsenceKind.LEAVE
    note: str | None = None


class Rescheduled(BaseModel):
    old_id: int
    new_id: int | None
    scheduled_at: datetime | None
    reason: str


class WorklistRow(BaseModel):
    client_id: int
    client_ref: str
    client_name: str | None
    officer_id: int | None
    programme: str | None
    density: float
    last_contact: date | None
    due_since: date
    days_overdue: int
    next_planned: datetime | None
    unrecorded_since: datetime | None = Field(
        description="a past appointment still marked planned: its outcome is missing"
    )
