"""People who log in to Lotse, and their role."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.codes import Role
from lotse.models._common import IdMixin, TimestampMixin
from lotse.models.organisation import Officer, Team


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), unique=True)
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"), index=True)
    agency: Mapped[str | None] = mapped_column(
        sa.String(64), comment="for partner-agency users: which agency they work for"
    )
    locale: Mapped[str] = mapped_column(sa.String(5), default="de")
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]

    officer: Mapped[Officer | None] = relationship(lazy="raise")
    team: Mapped[Team | None] = relationship(lazy="raise")
