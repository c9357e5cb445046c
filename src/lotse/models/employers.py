"""Employers and their vacancies."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import VacancyHours, VacancyStatus
from lotse.models._common import IdMixin, TimestampMixin, ref_column


class Employer(IdMixin, TimestampMixin, Base):
    __tablename__ = "employers"

    ref: Mapped[str] = ref_column()
    name: Mapped[str | None] = mapped_column(sa.String(200))
    plz: Mapped[str | None] = mapped_column(sa.String(5))
    contact_name: Mapped[str | None] = mapped_column(sa.String(200))
    contact_email: Mapped[str | None] = mapped_column(sa.String(200))
    site_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sites.id"), index=True, comment="site whose employer service looks after it"
    )

    vacancies: Mapped[list[Vacancy]] = relationship(back_populates="employer", lazy="raise")


class Vacancy(IdMixin, TimestampMixin, Base):
    """A job offer. The fifth KldB digit is the requirement level (1 Helfer … 4 Experte)."""

    __tablename__ = "vacancies"
    __table_args__ = (sa.CheckConstraint("openings >= 1", name="openings_positive"),)

    ref: Mapped[str] = ref_column()
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employers.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    kldb: Mapped[str] = mapped_column(sa.String(5), index=True)
    german_level_min: Mapped[CefrLevel | None] = mapped_column(str_enum(CefrLevel))
    plz: Mapped[str | None] = mapped_column(sa.String(5))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    coords_given: Mapped[bool] = mapped_column(default=False)
    hours: Mapped[VacancyHours | None] = mapped_column(str_enum(VacancyHours))
    openings: Mapped[int] = mapped_column(default=1)
    driving_licence_required: Mapped[bool | None]
    posted_on: Mapped[date | None]
    status: Mapped[VacancyStatus] = mapped_column(str_enum(VacancyStatus), index=True)

    employer: Mapped[Employer] = relationship(back_populates="vacancies", lazy="raise")
