"""API schema for audit entries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from lotse.domain.codes import AuditAction


class AuditRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    user_id: int | None
    actor: str
    action: AuditAction
    entity: str
    entity_id: str | None
    client_id: int | None
    detail: dict[str, Any]
