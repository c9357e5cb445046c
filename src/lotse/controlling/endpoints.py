"""REST endpoint of the programme figures (pseudonymised aggregates; small counts suppressed
for roles that see no client records)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.routing import Guard
from lotse.controlling import figures
from lotse.web.i18n import TIMEZONE

router = APIRouter(prefix="/figures", tags=["figures"])


class UnitFigures(BaseModel):
    dimension: str
    unit: str
    elb_stock: int | None
    elb_average_12m: float | None
    integrations_12m: int | None
    integration_quota: float | None
    long_term_recipients: int | None
    suppressed: list[str] = Field(description="figures blanked: fewer than five people")


class TrendPoint(BaseModel):
    month: str
    integration_quota: float | None


class ReasonFigures(BaseModel):
    reason: str
    persons: int | None
    share_of_elb: float | None
    suppressed: bool


class FunnelFigures(BaseModel):
    measure: str
    participants: int | None
    internships: int | None
    hired: int | None
    suppressed: bool


class SavingsFigures(BaseModel):
    integrations: int
    saved_eur: float
    cost_eur: float
    net_eur: float
    savings_per_cost: float | None


class ProgrammeFigures(BaseModel):
    month: str
    scope: str
    reference_quota: float | None
    headline: UnitFigures
    trend: list[TrendPoint]
    breakdowns: list[UnitFigures]
    not_integrable: list[ReasonFigures]
    funnels: list[FunnelFigures]
    savings: SavingsFigures


@router.get("", response_model=ProgrammeFigures)
def programme_figures(
    session: SessionDep,
    access: Annotated[Access, Guard("figures", "read")],
    month: Annotated[str | None, Query(max_length=7, description="YYYY-MM")] = None,
    programme: Annotated[str | None, Query(max_length=100)] = None,
    site: Annotated[str | None, Query(max_length=100)] = None,
    reference: Annotated[str | None, Query(max_length=10)] = None,
) -> ProgrammeFigures:
    """Key figures of § 48a SGB II for a month, a programme and a site: Integrationsquote with
    its 24-month trend, breakdowns, not-integrable shares, measure funnels, savings."""
    chosen = month or figures.last_complete_month(datetime.now(TIMEZONE).date())
    opts = figures.options(
        session, month=chosen, programme=programme, site=site, reference=reference
    )
    return ProgrammeFigures.model_validate(figures.document(figures.compute(session, access, opts)))
