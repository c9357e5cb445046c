"""Programmes (Job-Turbo, Joboffensive, ...) and focus groups, with their members."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.codes import ProgrammeKind
from lotse.models._common import IdMixin, TimestampMixin

if TYPE_CHECKING:
    from lotse.models.clients import Client


class Programme(IdMixin, TimestampMixin, Base):
    """A placement programme or a focus group, with the rule that defines its target group.

    ``target_rule`` is a dict understood by :mod:`lotse.domain.target_rules`.
    """

    __tablename__ = "programmes"

    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[ProgrammeKind] = mapped_column(str_enum(ProgrammeKind))
    target_rule: Mapped[dict[str, Any]] = mapped_column(default=dict)
    caseload_ratio: Mapped[int | None] = mapped_column(
        comment="target clients per officer (e.g. 100 for 1:100)"
    )
    contacts_per_month: Mapped[float | None] = mapped_column(
        comment="target contact density per client and month (every six weeks = 0.72)"
    )
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    description: Mapped[str | None] = mapped_column(sa.Text)

    memberships: Mapped[list[ProgrammeMembership]] = relationship(
        back_populates="programme", lazy="raise"
    )


class ProgrammeMembership(IdMixin, Base):
    """A client's membership in a programme from ``since`` until ``until`` (empty: still)."""

    __tablename__ = "programme_memberships"
    __table_args__ = (sa.UniqueConstraint("programme_id", "client_id", "since"),)

    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id"), index=True)
    client_id: Mapped[int] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    since: Mapped[date]
    until: Mapped[date | None]
    reason: Mapped[str | None] = mapped_column(
        sa.String(300), comment="why the client was tagged (rule, officer's choice, import)"
    )

    programme: Mapped[Programme] = relationship(back_populates="memberships", lazy="raise")
    client: Mapped[Client] = relationship(back_populates="memberships", lazy="raise")
