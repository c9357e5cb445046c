"""The audit log page for administrators."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdQuery
from lotse.api.routing import Guard
from lotse.audit.repository import AuditRepository
from lotse.domain.codes import AuditAction
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 100


@router.get("/admin/audit")
def audit_log(
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("audit", "list")],
    action: AuditAction | None = None,
    client_id: IdQuery = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    repo = AuditRepository(session)
    statement = repo.search(action=action, client_id=client_id)
    entries = repo.page(statement, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return renderer(request).render(
        request,
        "audit/log.html",
        {
            "entries": entries,
            "action": action,
            "actions": list(AuditAction),
            "page": page,
            "client_id": client_id,
        },
    )
