"""REST endpoint for the audit log (administrators)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdQuery
from lotse.api.routing import Guard
from lotse.audit.repository import AuditRepository
from lotse.audit.schemas import AuditRead
from lotse.domain.codes import AuditAction

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("", response_model=list[AuditRead])
def list_audit(
    session: SessionDep,
    access: Annotated[Access, Guard("audit", "list")],
    client_id: IdQuery = None,
    user_id: IdQuery = None,
    action: AuditAction | None = None,
    entity: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[AuditRead]:
    """Audit entries, newest first: who read or changed what, and when."""
    repo = AuditRepository(session)
    statement = repo.search(client_id=client_id, user_id=user_id, action=action, entity=entity)
    return [AuditRead.model_validate(e) for e in repo.page(statement, limit=limit, offset=offset)]
