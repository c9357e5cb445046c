"""The audit log: who read or changed what, and when. Rows are only ever appended."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.codes import AuditAction
from lotse.models._common import IdMixin, utcnow


class AuditEntry(IdMixin, Base):
    __tablename__ = "audit_log"

    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    actor: Mapped[str] = mapped_column(sa.String(64), comment="username or 'cli:<command>'")
    action: Mapped[AuditAction] = mapped_column(str_enum(AuditAction))
    entity: Mapped[str] = mapped_column(sa.String(64))
    entity_id: Mapped[str | None] = mapped_column(sa.String(64))
    client_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="SET NULL"), index=True
    )
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
