"""The figures of a planned quarter."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from lotse.caseloads.schemas import OfficerLoadRead, PoolRead
from lotse.contacts.schemas import ContactPlanSummary


class DensityRow(BaseModel):
    programme: str | None = Field(description="programme code; None for the regular service")
    name: str
    clients: int
    contacts: int
    target: float = Field(description="contacts per client and month promised")
    reached: float = Field(description="contacts per client and month planned or held")
    clients_below_target: int = Field(
        description="clients with fewer contacts than the target for the quarter, rounded down"
    )


class CalendarCheck(BaseModel):
    """Independent check of the stored appointments against the calendar rules."""

    appointments: int
    on_weekends: int
    on_public_holidays: int
    on_absence_days: int
    examples: list[str] = Field(default_factory=list)


class QuarterReport(BaseModel):
    start: date
    end: date
    solver_status: str
    solver_gap: float = Field(
        default=0.0, description="relative gap to the proven bound; 0 when OPTIMAL"
    )
    reassignments: int = Field(description="clients moved from one officer to another")
    reassignment_causes: dict[str, int] = Field(default_factory=dict)
    first_assignments: int
    unplaced: int
    pools: list[PoolRead]
    officers: list[OfficerLoadRead]
    contacts: ContactPlanSummary
    density: list[DensityRow]
    calendar: CalendarCheck
