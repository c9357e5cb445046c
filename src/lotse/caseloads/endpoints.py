"""REST endpoints of caseload planning: the what-if (nothing written) and applying a plan."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.routing import Guard
from lotse.caseloads import web
from lotse.caseloads.schemas import CaseloadPlan
from lotse.errors import InvalidInput, Problem
from lotse.quarter.schemas import DensityRow
from lotse.web.i18n import TIMEZONE

router = APIRouter(prefix="/caseloads", tags=["caseloads"])


class ApplyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    confirm: bool = Field(description="must be true: the changes are written")


class ApplyResult(BaseModel):
    applied: int = Field(description="clients whose officer was set")


@router.get("/plan", response_model=CaseloadPlan)
def plan(
    session: SessionDep,
    access: Annotated[Access, Guard("caseload", "read")],
    add_officers: Annotated[int, Query(ge=0, le=50)] = 0,
    programme: Annotated[str | None, Query(max_length=64)] = None,
) -> CaseloadPlan:
    """An allocation of every active client (a what-if with ``add_officers`` new posts for
    ``programme``); nothing is written."""
    view = web.team_view(
        session,
        access,
        on=datetime.now(TIMEZONE).date(),
        add_officers=add_officers,
        programme=programme,
    )
    return view.plan


@router.post("/apply", response_model=ApplyResult)
def apply(
    body: ApplyRequest,
    session: SessionDep,
    access: Annotated[Access, Guard("caseload", "update")],
) -> ApplyResult:
    """Plan again and write the changes within the team (clients in scope, officers of the team)."""
    if not body.confirm:
        raise InvalidInput(Problem("confirm", "confirm must be true", column="confirm"))
    return ApplyResult(
        applied=web.apply_for_team(session, access, on=datetime.now(TIMEZONE).date())
    )


@router.get("/density", response_model=list[DensityRow])
def density(
    session: SessionDep, access: Annotated[Access, Guard("caseload", "read")]
) -> list[DensityRow]:
    """Contacts per client and month this quarter (planned or held) against each target."""
    return web.density(session, on=datetime.now(TIMEZONE).date())
