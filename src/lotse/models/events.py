"""Employer events (info days, company visits, action weeks, ...) and their invitations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.codes import EventKind, InvitationResult, InvitationStatus
from lotse.models._common import IdMixin, TimestampMixin

event_vacancies = sa.Table(
    "event_vacancies",
    Base.metadata,
    sa.Column(
        "event_id", sa.ForeignKey("employer_events.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("vacancy_id", sa.ForeignKey("vacancies.id"), primary_key=True),
)


class EmployerEvent(IdMixin, TimestampMixin, Base):
    __tablename__ = "employer_events"

    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind))
    title: Mapped[str] = mapped_column(sa.String(300))
    employer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employers.id"), index=True)
    site_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sites.id"), index=True)
    programme_id: Mapped[int | None] = mapped_column(sa.ForeignKey("programmes.id"), index=True)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    location: Mapped[str | None] = mapped_column(sa.String(300))
    capacity: Mapped[int | None]
    description: Mapped[str | None] = mapped_column(sa.Text)
    audience: Mapped[dict[str, Any]] = mapped_column(
        default=dict,
        server_default="{}",
        comment="the organiser's invitation list as a rule (lotse.domain.audience); not a ranking",
    )
    audience_note: Mapped[str | None] = mapped_column(
        sa.Text, comment="who defined the invitation list and why"
    )

    invitations: Mapped[list[EventInvitation]] = relationship(
        back_populates="event", lazy="raise", cascade="all, delete-orphan"
    )


class EventInvitation(IdMixin, TimestampMixin, Base):
    """A client invited to an event, whether they came, and what the invitation led to."""

    __tablename__ = "event_invitations"
    __table_args__ = (sa.UniqueConstraint("event_id", "client_id"),)

    event_id: Mapped[int] = mapped_column(sa.ForeignKey("employer_events.id", ondelete="CASCADE"))
    client_id: Mapped[int] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    invited_on: Mapped[date]
    status: Mapped[InvitationStatus] = mapped_column(str_enum(InvitationStatus))
    result: Mapped[InvitationResult | None] = mapped_column(str_enum(InvitationResult))
    result_on: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(sa.Text)
    vacancy_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("vacancies.id"), index=True, comment="the vacancy the result refers to"
    )
    selection_reason: Mapped[str | None] = mapped_column(
        sa.Text, comment="why this person was invited (list rule, ranking reasons, officer)"
    )

    event: Mapped[EmployerEvent] = relationship(back_populates="invitations", lazy="raise")
