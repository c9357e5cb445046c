"""REST endpoints of the measures: catalogue, course runs with seats, a measure's funnel."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.routing import Guard
from lotse.measures import courses, funnel, service
from lotse.measures.schemas import FunnelRow, MeasureRead, RunRead

router = APIRouter(tags=["measures"])
Code = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")]


@router.get("/measures", response_model=list[MeasureRead])
def measures(
    session: SessionDep, access: Annotated[Access, Guard("measure", "list")]
) -> list[MeasureRead]:
    """Every measure with its rules, each citing its legal basis."""
    return [MeasureRead.of(m) for m in service.definitions(session).values()]


@router.get("/measures/{code}/funnel", response_model=list[FunnelRow])
def measure_funnel(
    code: Code, session: SessionDep, access: Annotated[Access, Guard("measure", "read")]
) -> list[FunnelRow]:
    """Participants → internship → report at an event → hire (women counted alongside)."""
    return funnel.measure_funnel(session, code)


@router.get("/courses", response_model=list[RunRead])
def course_runs(
    session: SessionDep, access: Annotated[Access, Guard("course", "list")]
) -> list[RunRead]:
    """Course runs with seats, taken, free and waiting."""
    return courses.list_runs(session)
