"""Sites, teams and placement officers of a Jobcenter."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lotse.db.base import Base
from lotse.models._common import IdMixin, TimestampMixin, ref_column

if TYPE_CHECKING:
    from lotse.models.programmes import Programme


class Site(IdMixin, TimestampMixin, Base):
    """A Standort of the Jobcenter (e.g. Bitterfeld, Köthen, Zerbst)."""

    __tablename__ = "sites"

    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    plz: Mapped[str | None] = mapped_column(sa.String(5))
    state: Mapped[str | None] = mapped_column(
        sa.String(2), comment="German state code (NW, ST, ...) whose public holidays apply"
    )

    teams: Mapped[list[Team]] = relationship(back_populates="site", lazy="raise")


class Team(IdMixin, TimestampMixin, Base):
    """A team of placement officers at a site, optionally dedicated to one programme."""

    __tablename__ = "teams"
    __table_args__ = (sa.UniqueConstraint("site_id", "name"),)

    name: Mapped[str] = mapped_column(sa.String(120))
    site_id: Mapped[int] = mapped_column(sa.ForeignKey("sites.id"), index=True)
    programme_id: Mapped[int | None] = mapped_column(sa.ForeignKey("programmes.id"), index=True)

    site: Mapped[Site] = relationship(back_populates="teams", lazy="raise")
    programme: Mapped[Programme | None] = relationship(lazy="raise")
    officers: Mapped[list[Officer]] = relationship(back_populates="team", lazy="raise")


class Officer(IdMixin, TimestampMixin, Base):
    """A placement officer (Vermittlungsfachkraft / Integrationsfachkraft)."""

    __tablename__ = "officers"

    ref: Mapped[str] = ref_column()
    name: Mapped[str] = mapped_column(sa.String(200))
    site_id: Mapped[int] = mapped_column(sa.ForeignKey("sites.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"), index=True)
    languages: Mapped[list[str]] = mapped_column(
        default=list, comment="ISO 639-1 codes of the languages the officer can counsel in"
    )
    weekly_hours: Mapped[float] = mapped_column(default=39.0)
    active: Mapped[bool] = mapped_column(default=True)

    site: Mapped[Site] = relationship(lazy="raise")
    team: Mapped[Team | None] = relationship(back_populates="officers", lazy="raise")
