"""Audit entries for requests: who read or changed what, and when, with the user behind it.

Entries are written by :func:`lotse.audit_trail.record`, the one writer services use too. This
module adds the principal, and one thing requests need: denials are written even though the
request fails (kept aside and written again after the rollback, :func:`replay_after_rollback`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from lotse import audit_trail
from lotse.access.principal import Principal
from lotse.domain.codes import AuditAction

_KEEP = "lotse.audit.keep"


def record(
    session: Session,
    *,
    principal: Principal | None,
    action: AuditAction,
    entity: str,
    entity_id: str | int | None = None,
    client_id: int | None = None,
    detail: dict[str, Any] | None = None,
    actor: str | None = None,
    survive_rollback: bool = False,
) -> None:
    """Append an audit entry. ``survive_rollback`` keeps it when the transaction fails."""
    values: dict[str, Any] = {
        "user_id": principal.user_id if principal else None,
        "actor": (actor or (principal.username if principal else "anonymous"))[:64],
        "action": action,
        "entity": entity[:64],
        "entity_id": None if entity_id is None else str(entity_id)[:64],
        "client_id": client_id,
        "detail": detail or {},
    }
    audit_trail.record(session, **values)
    if survive_rollback:
        session.info.setdefault(_KEEP, []).append(values)


def replay_after_rollback(session: Session) -> None:
    """Write the entries marked ``survive_rollback`` again after a rollback, and commit them."""
    kept: list[dict[str, Any]] = session.info.pop(_KEEP, [])
    if not kept:
        return
    for values in kept:
        audit_trail.record(session, **values)
    session.commit()


def forget_kept(session: Session) -> None:
    """Drop the kept entries once the transaction that holds them has committed."""
    session.info.pop(_KEEP, None)
