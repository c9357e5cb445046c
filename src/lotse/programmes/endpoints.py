"""REST endpoints for programmes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.programmes import service
from lotse.programmes.repository import ProgrammeRepository
from lotse.programmes.schemas import ProgrammeCreate, ProgrammeRead, ProgrammeUpdate

router = APIRouter(prefix="/programmes", tags=["programmes"])


@router.get("", response_model=list[ProgrammeRead])
def list_programmes(
    session: SessionDep, access: Annotated[Access, Guard("programme", "list")]
) -> list[ProgrammeRead]:
    """Programmes and focus groups with their target rules."""
    repo = ProgrammeRepository(session)
    return [ProgrammeRead.model_validate(p) for p in repo.all(repo.listing())]


@router.post("", response_model=ProgrammeRead, status_code=201)
def create_programme(
    body: ProgrammeCreate,
    session: SessionDep,
    access: Annotated[Access, Guard("programme", "create")],
) -> ProgrammeRead:
    """Define a programme or focus group."""
    return ProgrammeRead.model_validate(service.create_programme(session, access, body))


@router.get("/{programme_id}", response_model=ProgrammeRead)
def read_programme(
    programme_id: IdPath, session: SessionDep, access: Annotated[Access, Guard("programme", "read")]
) -> ProgrammeRead:
    """One programme."""
    return ProgrammeRead.model_validate(ProgrammeRepository(session).get(programme_id))


@router.patch("/{programme_id}", response_model=ProgrammeRead)
def update_programme(
    programme_id: IdPath,
    body: ProgrammeUpdate,
    session: SessionDep,
    access: Annotated[Access, Guard("programme", "update")],
) -> ProgrammeRead:
    """Change a programme's name, target rule, ratios or dates."""
    return ProgrammeRead.model_validate(
        service.update_programme(session, access, programme_id, body)
    )
