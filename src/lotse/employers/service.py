"""Creating and changing employers and vacancies (audit-logged, nothing committed here)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.access import audit
from lotse.access.principal import Access
from lotse.domain.codes import AuditAction
from lotse.employers.repository import EmployerRepository, VacancyRepository
from lotse.employers.schemas import EmployerCreate, EmployerUpdate, VacancyCreate, VacancyUpdate
from lotse.errors import Conflict, InvalidInput, NotFound, Problem
from lotse.models import Employer, Site, Vacancy


def _check_plz(plz: str | None) -> tuple[float, float] | None:
    if plz is None:
        return None
    from lotse.reference.plz import lookup

    found = lookup(plz)
    if found is None:
        raise InvalidInput(
            Problem(
                rule="unknown_plz",
                message=f"postcode {plz} does not exist",
                column="plz",
                value=plz,
            )
        )
    return found.lat, found.lon


def _check_site(session: Session, site_id: int | None) -> None:
    if site_id is not None and session.get(Site, site_id) is None:
        raise InvalidInput(
            Problem(
                rule="unknown_site",
                message=f"site {site_id} does not exist",
                column="site_id",
                value=str(site_id),
            )
        )


def _unique_ref(session: Session, model: type[Employer] | type[Vacancy], ref: str) -> None:
    if session.scalar(sa.select(model.id).where(model.ref == ref)) is not None:
        raise Conflict(f"{model.__name__.lower()} {ref} exists already")


def _log(
    session: Session, access: Access, action: AuditAction, entity: str, obj: Any, changed: list[str]
) -> None:
    audit.record(
        session,
        principal=access.principal,
        action=action,
        entity=entity,
        entity_id=obj.ref,
        detail={"fields": sorted(changed)},
    )


def create_employer(session: Session, access: Access, data: EmployerCreate) -> Employer:
    _check_plz(data.plz)
    _check_site(session, data.site_id)
    _unique_ref(session, Employer, data.ref)
    employer = EmployerRepository(session).add(Employer(**data.model_dump()))
    _log(session, access, AuditAction.CREATE, "employer", employer, list(data.model_fields_set))
    return employer


def update_employer(
    session: Session, access: Access, employer_id: int, data: EmployerUpdate
) -> Employer:
    employer = EmployerRepository(session).get(employer_id)
    changes = data.model_dump(exclude_unset=True)
    if "plz" in changes:
        _check_plz(changes["plz"])
    if "site_id" in changes:
        _check_site(session, changes["site_id"])
    for key, value in changes.items():
        setattr(employer, key, value)
    session.flush()
    _log(session, access, AuditAction.UPDATE, "employer", employer, list(changes))
    return employer


def create_vacancy(session: Session, access: Access, data: VacancyCreate) -> Vacancy:
    if session.get(Employer, data.employer_id) is None:
        raise InvalidInput(
            Problem(
                rule="unknown_employer",
                column="employer_id",
                message=f"employer {data.employer_id} does not exist",
            )
        )
    coords = _check_plz(data.plz)
    _unique_ref(session, Vacancy, data.ref)
    vacancy = Vacancy(**data.model_dump())
    if coords:
        vacancy.lat, vacancy.lon = coords
    VacancyRepository(session).add(vacancy)
    _log(session, access, AuditAction.CREATE, "vacancy", vacancy, list(data.model_fields_set))
    return vacancy


def update_vacancy(
    session: Session, access: Access, vacancy_id: int, data: VacancyUpdate
) -> Vacancy:
    vacancy = VacancyRepository(session).get(vacancy_id)
    changes = data.model_dump(exclude_unset=True)
    for required in ("title", "kldb", "openings", "status"):
        if required in changes and changes[required] is None:
            raise InvalidInput(
                Problem(rule="required", column=required, message=f"{required} cannot be empty")
            )
    if "plz" in changes:
        coords = _check_plz(changes["plz"])
        vacancy.lat, vacancy.lon = coords if coords else (None, None)
        vacancy.coords_given = False
    for key, value in changes.items():
        setattr(vacancy, key, value)
    session.flush()
    _log(session, access, AuditAction.UPDATE, "vacancy", vacancy, list(changes))
    return vacancy


def get_employer(session: Session, employer_id: int) -> Employer:
    return EmployerRepository(session).get(employer_id)


def get_vacancy(session: Session, vacancy_id: int) -> Vacancy:
    found = session.get(Vacancy, vacancy_id)
    if found is None:
        raise NotFound(f"vacancy {vacancy_id} not found")
    return found
