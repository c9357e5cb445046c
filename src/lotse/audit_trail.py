"""Appending to the audit log (``models.audit``) from services: who read or changed what."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.domain.codes import AuditAction
from lotse.models import AuditEntry


def record(
    session: Session,
    *,
    actor: str,
    action: AuditAction,
    entity: str,
    entity_id: str | int | None = None,
    client_id: int | None = None,
    user_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add one audit entry (flushed with the caller's unit of work, never committed here)."""
    session.add(
        AuditEntry(
            actor=actor,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            client_id=client_id,
            user_id=user_id,
            detail=detail or {},
        )
    )


def record_many(
    session: Session,
    rows: Iterable[dict[str, Any]],
    *,
    actor: str,
    action: AuditAction,
    entity: str,
) -> int:
    """Append one entry per row (``entity_id``, ``client_id``, ``detail``) in one bulk insert."""
    from lotse.models._common import utcnow

    now = utcnow()
    payload = [
        {
            "at": now,
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": None if r.get("entity_id") is None else str(r["entity_id"]),
            "client_id": r.get("client_id"),
            "user_id": r.get("user_id"),
            "detail": r.get("detail") or {},
        }
        for r in rows
    ]
    if payload:
        session.execute(sa.insert(AuditEntry), payload)
    return len(payload)
