"""REST endpoints for clients (scoped by role, every read audit-logged)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.clients import service
from lotse.clients.schemas import ClientRead, ClientSharedRead
from lotse.domain.codes import ClientStatus

router = APIRouter(prefix="/clients", tags=["clients"])


@router.get("", response_model=list[ClientRead | ClientSharedRead])
def list_clients(
    session: SessionDep,
    access: Annotated[Access, Guard("client", "list")],
    q: Annotated[str | None, Query(max_length=100)] = None,
    status: ClientStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[ClientRead | ClientSharedRead]:
    """Clients you may see (own caseload, team, proposed or shared), by name."""
    clients, _ = service.list_clients(
        session, access, q=q, status=status, limit=limit, offset=offset, view="api"
    )
    full = access.may("client.details", "read")
    return [ClientRead.from_model(c) if full else ClientSharedRead.from_model(c) for c in clients]


@router.get("/{client_id}", response_model=ClientRead | ClientSharedRead)
def read_client(
    client_id: IdPath, session: SessionDep, access: Annotated[Access, Guard("client", "read")]
) -> ClientRead | ClientSharedRead:
    """One client's record: in full for their officer and team, else the shared part."""
    client = service.read_client(session, access, client_id)
    if access.may("client.details", "read"):
        return ClientRead.from_model(client)
    return ClientSharedRead.from_model(client)
