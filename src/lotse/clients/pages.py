"""Pages: the client list and the client's file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.features import ClientPanel, Feature
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
    return render_file(request, session, access, client_id)


def client_panels(request: Request) -> list[ClientPanel]:
    """Every feature's client-file panels (``Feature(client_panels=[...])``)."""
    features: list[Feature] = request.app.state.features
    return [panel for feature in features for panel in feature.client_panels]


def render_file(
    request: Request,
    session: Session,
    access: Access,
    client_id: int,
    *,
    errors: Mapping[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """The client's file page; ``errors`` maps a panel key to the problems of its last form."""
    file = service.open_file(session, access, client_id, client_panels(request))
    done = request.query_params.get("done")
    return renderer(request).render(
        request,
        "clients/file.html",
        {"file": file, "c": file.client, "panel_errors": errors or {}, "done": done},
        status_code=status_code,
    )
