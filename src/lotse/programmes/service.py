"""Creating and changing programmes (admins), audit-logged."""

from __future__ import annotations

from sqlalchemy.orm import Session

from lotse.access import audit
from lotse.access.principal import Access
from lotse.domain.codes import AuditAction
from lotse.errors import Conflict, InvalidInput, Problem
from lotse.models import Programme
from lotse.programmes.repository import ProgrammeRepository
from lotse.programmes.schemas import ProgrammeCreate, ProgrammeUpdate


def create_programme(session: Session, access: Access, data: ProgrammeCreate) -> Programme:
    repo = ProgrammeRepository(session)
    if repo.code_taken(data.code):
        raise Conflict(f"programme {data.code} exists already")
    programme = repo.add(Programme(**data.model_dump()))
    audit.record(
        session,
        principal=access.principal,
        action=AuditAction.CREATE,
        entity="programme",
        entity_id=programme.code,
        detail={"fields": sorted(data.model_fields_set)},
    )
    return programme


def update_programme(
    session: Session, access: Access, programme_id: int, data: ProgrammeUpdate
) -> Programme:
    programme = ProgrammeRepository(session).get(programme_id)
    changes = data.model_dump(exclude_unset=True)
    for required in ("name", "kind", "target_rule"):
        if required in changes and changes[required] is None:
            raise InvalidInput(
                Problem(rule="required", column=required, message=f"{required} cannot be empty")
            )
    for key, value in changes.items():
        setattr(programme, key, value)
    if programme.starts_on and programme.ends_on and programme.ends_on < programme.starts_on:
        raise InvalidInput(
            Problem(
                rule="ends_before_start",
                column="ends_on",
                message="ends_on must not be before starts_on",
            )
        )
    session.flush()
    audit.record(
        session,
        principal=access.principal,
        action=AuditAction.UPDATE,
        entity="programme",
        entity_id=programme.code,
        detail={"fields": sorted(changes)},
    )
    return programme
