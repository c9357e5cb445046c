"""The client gate: every read or change of a client record passes here, and is audit-logged.

Features never load a ``Client`` (or a row that belongs to one) for a user directly: they call
:func:`open_client` (one record) or narrow their queries with :func:`client_filter` and report
what they showed with :func:`note_clients_listed`. A client outside the user's scope is refused
with :class:`~lotse.errors.PermissionDenied`, and the refusal itself is logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NoReturn

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lotse.access import audit
from lotse.access.policy import Policy, Scope
from lotse.access.principal import Access, Principal
from lotse.access.scoping import client_condition
from lotse.domain.codes import AuditAction
from lotse.errors import NotFound, PermissionDenied
from lotse.models import Client

CLIENT_ENTITY = "client"


def grant(
    session: Session,
    principal: Principal,
    policy: Policy,
    resource: str,
    action: str,
    *,
    detail: dict[str, Any] | None = None,
) -> Access:
    """The access ``policy`` gives ``principal`` for ``action`` on ``resource``; a refusal is
    audit-logged (kept when the transaction fails) and raises :class:`PermissionDenied`.

    For entry points other than a web request (the CLI), which checks with ``Guard``."""
    scope = policy.scope(principal.role, resource, action)
    if scope is None:
        audit.record(
            session,
            principal=principal,
            action=AuditAction.DENIED,
            entity=resource,
            detail={"action": action} | (detail or {}),
            survive_rollback=True,
        )
        raise PermissionDenied(f"your role ({principal.role.value}) may not {action} {resource}")
    return Access(principal, resource, action, scope, policy)


def client_filter(access: Access) -> ColumnElement[bool]:
    """SQL condition on ``Client``: the rows this access reaches."""
    return client_condition(access.principal, access.scope, access.policy.consent, access.resource)


def reaches(session: Session, access: Access, client_id: int) -> bool:
    """Whether ``access`` reaches the client (no audit entry: the caller logged the read)."""
    found = session.scalar(
        sa.select(Client.id).where(Client.id == client_id, client_filter(access))
    )
    return found is not None


def open_client(
    session: Session,
    access: Access,
    client_id: int,
    *,
    action: AuditAction = AuditAction.READ,
    what: str = "file",
    detail: dict[str, Any] | None = None,
) -> Client:
    """The client ``client_id`` if ``access`` reaches it; logs the read or change."""
    client = session.scalars(
        sa.select(Client).where(Client.id == client_id, client_filter(access))
    ).one_or_none()
    if client is None:
        if session.get(Client, client_id) is None:
            raise NotFound(f"client {client_id} not found")
        deny_client(session, access, client_id=client_id, what=what)
    audit.record(
        session,
        principal=access.principal,
        action=action,
        entity=CLIENT_ENTITY,
        entity_id=client.ref,
        client_id=client.id,
        detail={"what": what, "via": f"{access.resource}:{access.action}"} | (detail or {}),
    )
    return client


def deny_client(session: Session, access: Access, *, client_id: int | None, what: str) -> NoReturn:
    """Log a refused access to a client (kept after rollback) and raise PermissionDenied."""
    audit.record(
        session,
        principal=access.principal,
        action=AuditAction.DENIED,
        entity=CLIENT_ENTITY,
        entity_id=None if client_id is None else str(client_id),
        client_id=client_id,
        detail={
            "what": what,
            "via": f"{access.resource}:{access.action}",
            "scope": access.scope.value,
        },
        survive_rollback=True,
    )
    raise PermissionDenied("this client is outside your caseload")


def note_clients_listed(
    session: Session, access: Access, client_ids: Sequence[int], *, view: str
) -> None:
    """Log that a list showing these clients was read (one entry per list, not per row)."""
    if not client_ids:
        return
    audit.record(
        session,
        principal=access.principal,
        action=AuditAction.READ,
        entity="client_list",
        entity_id=view,
        detail={
            "client_ids": sorted(set(client_ids)),
            "via": f"{access.resource}:{access.action}",
        },
    )


def section_access(
    session: Session, access: Access, client_id: int, resource: str, action: str = "read"
) -> Access | None:
    """The user's access to a section (``resource``) of a client already opened, or ``None``.

    The role must be allowed the section. Where the section's scope is not the one the file was
    opened with, or depends on the row (a partner agency's consent is given per kind of data,
    so the same CONSENTED scope reaches different people for different sections), the client
    must be within the section's own scope too.
    """
    narrowed = access.narrowed(resource, action)
    if narrowed is None:
        return None
    if narrowed.scope is access.scope and narrowed.scope is not Scope.CONSENTED:
        return narrowed
    return narrowed if reaches(session, narrowed, client_id) else None


def section_allowed(session: Session, access: Access, client_id: int, resource: str) -> bool:
    """Whether the same user may read the section ``resource`` of a client already opened."""
    return section_access(session, access, client_id, resource) is not None
