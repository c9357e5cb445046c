"""REST endpoints for employers and vacancies."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath, IdQuery
from lotse.api.routing import Guard
from lotse.domain.codes import VacancyStatus
from lotse.employers import service
from lotse.employers.repository import EmployerRepository, VacancyRepository
from lotse.employers.schemas import (
    EmployerCreate,
    EmployerRead,
    EmployerUpdate,
    VacancyCreate,
    VacancyRead,
    VacancyUpdate,
)

router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


@router.get("/employers", response_model=list[EmployerRead], tags=["employers"])
def list_employers(
    session: SessionDep,
    access: Annotated[Access, Guard("employer", "list")],
    q: Annotated[str | None, Query(max_length=100)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[EmployerRead]:
    """Employers by name."""
    repo = EmployerRepository(session)
    rows = repo.all(repo.search(q).limit(limit).offset(offset))
    return [EmployerRead.model_validate(e) for e in rows]


@router.post("/employers", response_model=EmployerRead, status_code=201, tags=["employers"])
def create_employer(
    body: EmployerCreate,
    session: SessionDep,
    access: Annotated[Access, Guard("employer", "create")],
) -> EmployerRead:
    """Add an employer."""
    return EmployerRead.model_validate(service.create_employer(session, access, body))


@router.get("/employers/{employer_id}", response_model=EmployerRead, tags=["employers"])
def read_employer(
    employer_id: IdPath, session: SessionDep, access: Annotated[Access, Guard("employer", "read")]
) -> EmployerRead:
    """One employer."""
    return EmployerRead.model_validate(service.get_employer(session, employer_id))


@router.patch("/employers/{employer_id}", response_model=EmployerRead, tags=["employers"])
def update_employer(
    employer_id: IdPath,
    body: EmployerUpdate,
    session: SessionDep,
    access: Annotated[Access, Guard("employer", "update")],
) -> EmployerRead:
    """Change an employer's name, postcode, contact or site."""
    return EmployerRead.model_validate(service.update_employer(session, access, employer_id, body))


@router.get("/vacancies", response_model=list[VacancyRead], tags=["vacancies"])
def list_vacancies(
    session: SessionDep,
    access: Annotated[Access, Guard("vacancy", "list")],
    q: Annotated[str | None, Query(max_length=100)] = None,
    status: VacancyStatus | None = None,
    employer_id: IdQuery = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[VacancyRead]:
    """Vacancies, newest first, optionally by status, employer or text."""
    repo = VacancyRepository(session)
    statement = repo.search(q=q, status=status, employer_id=employer_id)
    return [VacancyRead.model_validate(v) for v in repo.page(statement, limit=limit, offset=offset)]


@router.post("/vacancies", response_model=VacancyRead, status_code=201, tags=["vacancies"])
def create_vacancy(
    body: VacancyCreate, session: SessionDep, access: Annotated[Access, Guard("vacancy", "create")]
) -> VacancyRead:
    """Add a vacancy for an employer."""
    return VacancyRead.model_validate(service.create_vacancy(session, access, body))


@router.get("/vacancies/{vacancy_id}", response_model=VacancyRead, tags=["vacancies"])
def read_vacancy(
    vacancy_id: IdPath, session: SessionDep, access: Annotated[Access, Guard("vacancy", "read")]
) -> VacancyRead:
    """One vacancy."""
    return VacancyRead.model_validate(service.get_vacancy(session, vacancy_id))


@router.patch("/vacancies/{vacancy_id}", response_model=VacancyRead, tags=["vacancies"])
def update_vacancy(
    vacancy_id: IdPath,
    body: VacancyUpdate,
    session: SessionDep,
    access: Annotated[Access, Guard("vacancy", "update")],
) -> VacancyRead:
    """Change a vacancy (title, occupation, openings, status, …)."""
    return VacancyRead.model_validate(service.update_vacancy(session, access, vacancy_id, body))
