"""The one place that writes the audit log: who read or changed what, and when.

Denials are written even though the request fails: such entries are kept aside and written
again after the request's transaction is rolled back (:func:`replay_after_rollback`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from lotse.access.principal import Principal
from lotse.domain.codes import AuditAction
from lotse.models import AuditEntry
from lotse.models._common import utcnow

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
) -> AuditEntry:
    """Append an audit entry. ``survive_rollback`` keeps it when the transaction fails."""
    values: dict[str, Any] = {
        "at": utcnow(),
        "user_id": principal.user_id if principal else None,
        "actor": (actor or (principal.username if principal else "anonymous"))[:64],
        "action": action,
        "entity": entity[:64],
        "entity_id": None if entity_id is None else str(entity_id)[:64],
        "client_id": client_id,
        "detail": detail or {},
    }
    entry = AuditEntry(**values)
    session.add(entry)
    if survive_rollback:
        session.info.setdefault(_KEEP, []).append(values)
    return entry


def replay_after_rollback(session: Session) -> None:
    """Write the entries marked ``survive_rollback`` again after a rollback, and commit them."""
    kept: list[dict[str, Any]] = session.info.pop(_KEEP, [])
    if not kept:
        return
    for values in kept:
        session.add(AuditEntry(**values))
    session.commit()


def forget_kept(session: Session) -> None:
    """Drop the kept entries once the transaction that holds them has committed."""
    session.info.pop(_KEEP, None)
