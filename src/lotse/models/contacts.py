"""Contacts between a placement officer and a client (appointments)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.codes import ContactChannel, ContactStatus
from lotse.models._common import IdMixin, TimestampMixin


class Contact(IdMixin, TimestampMixin, Base):
    __tablename__ = "contacts"

    client_id: Mapped[int] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    scheduled_at: Mapped[datetime] = mapped_column(index=True)
    duration_min: Mapped[int] = mapped_column(default=30)
    channel: Mapped[ContactChannel] = mapped_column(str_enum(ContactChannel))
    status: Mapped[ContactStatus] = mapped_column(str_enum(ContactStatus), index=True)
    rescheduled_from_id: Mapped[int | None] = mapped_column(sa.ForeignKey("contacts.id"))
    reminder_sent_at: Mapped[datetime | None]
    notes: Mapped[str | None] = mapped_column(sa.Text)
