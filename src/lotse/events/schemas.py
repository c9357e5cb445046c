"""Employer events, candidates, invitations and funnels as they are created and shown."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from lotse.domain.codes import EventKind, InvitationResult, InvitationStatus


class EventCreate(BaseModel):
    kind: EventKind
    title: str = Field(min_length=1, max_length=300)
    employer_id: int | None = None
    site_id: int | None = None
    programme_id: int | None = None
    starts_at: datetime
    ends_at: datetime | None = None
    location: str | None = None
    capacity: int | None = Field(default=None, ge=1)
    description: str | None = None
    vacancy_ids: list[int] = Field(default_factory=list)
    audience: dict[str, Any] = Field(
        default_factory=dict, description="the organiser's invitation list (domain/audience.py)"
    )
    audience_note: str | None = Field(
        default=None, description="who defined the invitation list and why"
    )


class EventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: EventKind
    title: str
    employer_id: int | None
    site_id: int | None
    programme_id: int | None
    starts_at: datetime
    ends_at: datetime | None
    location: str | None
    capacity: int | None
    audience: dict[str, Any]
    audience_note: str | None


class CandidateRead(BaseModel):
    client_id: int
    client_ref: str
    client_name: str | None
    score: float
    vacancy_id: int | None
    reasons: list[str]
    eligibility: str


class InvitationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    event_id: int
    client_id: int
    invited_on: date
    status: InvitationStatus
    result: InvitationResult | None
    result_on: date | None
    vacancy_id: int | None
    selection_reason: str | None
    note: str | None


class FunnelRead(BaseModel):
    """How far the invitations of one event (or several) got."""

    event_id: int | None
    title: str
    kind: str | None
    audience: str
    invited: int
    confirmed: int
    declined: int
    attended: int
    no_show: int
    internship: int
    hire: int
    nothing: int
    open: int = Field(description="attended, result not yet recorded")

    @property
    def stages(self) -> list[tuple[str, int]]:
        """The funnel in order: eingeladen → gekommen → Praktikum oder Einstellung → Einstellung."""
        return [
            ("eingeladen", self.invited),
            ("zugesagt oder gekommen", self.confirmed + self.attended + self.no_show),
            ("gekommen", self.attended),
            ("Praktikum oder Einstellung", self.internship + self.hire),
            ("Einstellung", self.hire),
        ]


class EventSummaryRead(BaseModel):
    """An event with invitation counts by status (no personal data)."""

    id: int
    kind: EventKind
    title: str
    employer_id: int | None
    site_id: int | None
    programme_id: int | None
    starts_at: datetime
    ends_at: datetime | None
    location: str | None
    capacity: int | None
    description: str | None
    invitation_counts: dict[str, int] = {}
