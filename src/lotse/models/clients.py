"""Clients (eLb), their households, target occupations and benefit periods."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import (
    ClientStatus,
    DegreeRecognition,
    Gender,
    HoursPreference,
    IntegrationCourseState,
    Qualification,
    ResidenceStatus,
)
from lotse.models._common import IdMixin, TimestampMixin, ref_column

if TYPE_CHECKING:
    from lotse.models.organisation import Officer, Site
    from lotse.models.programmes import ProgrammeMembership

MONEY = sa.Numeric(10, 2)


class Household(IdMixin, TimestampMixin, Base):
    """A Bedarfsgemeinschaft: the people whose benefit need is assessed together."""

    __tablename__ = "households"

    ref: Mapped[str] = ref_column()
    size: Mapped[int] = mapped_column(sa.CheckConstraint("size >= 1", name="size_positive"))
    single_parent: Mapped[bool] = mapped_column(default=False)
    monthly_benefit_eur: Mapped[Decimal | None] = mapped_column(
        MONEY, comment="Regelbedarf, Mehrbedarfe, Sozialgeld (LLU, K1) per month"
    )
    monthly_housing_eur: Mapped[Decimal | None] = mapped_column(
        MONEY, comment="Kosten der Unterkunft (KdU) per month"
    )

    members: Mapped[list[Client]] = relationship(back_populates="household", lazy="raise")


class Client(IdMixin, TimestampMixin, Base):
    """An erwerbsfähige/r Leistungsberechtigte/r (eLb) with every field of the exchange format."""

    __tablename__ = "clients"
    __table_args__ = (
        sa.CheckConstraint("birth_year BETWEEN 1900 AND 2100", name="birth_year_range"),
        sa.CheckConstraint("experience_years IS NULL OR experience_years >= 0", name="exp_nonneg"),
        sa.CheckConstraint("max_commute_km IS NULL OR max_commute_km >= 0", name="commute_nonneg"),
    )

    ref: Mapped[str] = ref_column()
    name: Mapped[str | None] = mapped_column(sa.String(200), comment="display name (synthetic)")
    site_id: Mapped[int] = mapped_column(sa.ForeignKey("sites.id"), index=True)
    status: Mapped[ClientStatus] = mapped_column(str_enum(ClientStatus), index=True)
    birth_year: Mapped[int | None]
    gender: Mapped[Gender | None] = mapped_column(str_enum(Gender))
    citizenship: Mapped[str | None] = mapped_column(sa.String(2))
    residence_status: Mapped[ResidenceStatus | None] = mapped_column(str_enum(ResidenceStatus))
    work_permitted: Mapped[bool | None]
    german_level: Mapped[CefrLevel | None] = mapped_column(str_enum(CefrLevel))
    integration_course: Mapped[IntegrationCourseState | None] = mapped_column(
        str_enum(IntegrationCourseState)
    )
    qualification: Mapped[Qualification | None] = mapped_column(str_enum(Qualification))
    degree_recognition: Mapped[DegreeRecognition | None] = mapped_column(
        str_enum(DegreeRecognition)
    )
    experience_years: Mapped[float | None]
    plz: Mapped[str | None] = mapped_column(sa.String(5))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    coords_given: Mapped[bool] = mapped_column(
        default=False, comment="lat/lon came with the record (else derived from the postcode)"
    )
    max_commute_km: Mapped[int | None]
    hours: Mapped[HoursPreference | None] = mapped_column(str_enum(HoursPreference))
    driving_licence: Mapped[bool | None]
    unemployed_since: Mapped[date | None]
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(sa.ForeignKey("households.id"), index=True)
    languages: Mapped[list[str]] = mapped_column(
        default=list, comment="ISO 639-1 codes of languages the client speaks, first = preferred"
    )

    site: Mapped[Site] = relationship(lazy="raise")
    officer: Mapped[Officer | None] = relationship(lazy="raise")
    household: Mapped[Household | None] = relationship(back_populates="members", lazy="raise")
    occupations: Mapped[list[ClientOccupation]] = relationship(
        back_populates="client",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="ClientOccupation.position",
    )
    benefit_periods: Mapped[list[BenefitPeriod]] = relationship(
        back_populates="client", lazy="raise", cascade="all, delete-orphan"
    )
    memberships: Mapped[list[ProgrammeMembership]] = relationship(
        back_populates="client", lazy="raise", cascade="all, delete-orphan"
    )


class ClientOccupation(IdMixin, Base):
    """A KldB 2010 occupation a client seeks or held before (``target_kldb``), in file order."""

    __tablename__ = "client_occupations"
    __table_args__ = (sa.UniqueConstraint("client_id", "kldb"),)

    client_id: Mapped[int] = mapped_column(sa.ForeignKey("clients.id", ondelete="CASCADE"))
    kldb: Mapped[str] = mapped_column(sa.String(5), index=True)
    position: Mapped[int] = mapped_column(default=0)

    client: Mapped[Client] = relationship(back_populates="occupations", lazy="raise")


class BenefitPeriod(IdMixin, Base):
    """A period in which the person was an eLb of this Jobcenter; ``end`` is empty while ongoing."""

    __tablename__ = "benefit_periods"
    __table_args__ = (
        sa.UniqueConstraint("client_id", "start"),
        sa.CheckConstraint('"end" IS NULL OR "end" >= start', name="end_after_start"),
    )

    client_id: Mapped[int] = mapped_column(sa.ForeignKey("clients.id", ondelete="CASCADE"))
    start: Mapped[date]
    end: Mapped[date | None]
    monthly_benefit_eur: Mapped[Decimal | None] = mapped_column(
        MONEY, comment="the person's LLU entitlement per month in this period (K1)"
    )

    client: Mapped[Client] = relationship(back_populates="benefit_periods", lazy="raise")
