"""API schemas for employer events (no personal data: invitations only as counts)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from lotse.domain.codes import EventKind


class EventRead(BaseModel):
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
