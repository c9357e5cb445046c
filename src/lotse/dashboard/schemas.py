"""API schemas for dashboard figures (aggregates only)."""

from __future__ import annotations

from pydantic import BaseModel


class ProgrammeMembers(BaseModel):
    code: str
    name: str
    members: int


class MonthStarts(BaseModel):
    month: str
    integrations: int
    other_starts: int


class SiteClients(BaseModel):
    site: str
    active_clients: int


class FiguresRead(BaseModel):
    """Pseudonymised figures: counts, never a person."""

    programme_members: list[ProgrammeMembers]
    job_starts_by_month: list[MonthStarts]
    active_clients_by_site: list[SiteClients]
