"""Pages: the client list and the client's file."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.clients import service
from lotse.clients.repository import officer_names, site_names
from lotse.domain.codes import ClientStatus
from lotse.web.templating import renderer

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/clients")
def client_list(
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("client", "list")],
    q: Annotated[str | None, Query(max_length=100)] = None,
    status: ClientStatus | None = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    clients, total = service.list_clients(
        session, access, q=q, status=status, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    officers = officer_names(session, {c.officer_id for c in clients if c.officer_id})
    return renderer(request).render(
        request,
        "clients/list.html",
        {
            "clients": clients,
            "total": total,
            "q": q or "",
            "status": status,
            "page": page,
            "pages": max(1, -(-total // PAGE_SIZE)),
            "officers": officers,
            "sites": site_names(session),
            "statuses": list(ClientStatus),
        },
    )


@router.get("/clients/{client_id}")
def client_file(
    client_id: IdPath,
    request: Request,
    session: SessionDep,
    access: Annotated[Access, Guard("client", "read")],
) -> Response:
    file = service.open_file(session, access, client_id)
    return renderer(request).render(request, "clients/file.html", {"file": file, "c": file.client})
