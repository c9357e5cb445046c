"""Measures (the catalogue), their runs (courses with seats) and participations."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import ParticipationStatus
from lotse.models._common import IdMixin, TimestampMixin


class Measure(IdMixin, TimestampMixin, Base):
    """A measure in the catalogue: integration course, Berufssprachkurs, AVGS MAG, EGZ, ...

    The eligibility rules live in ``rules`` as data, each citing its legal basis.
    """

    __tablename__ = "measures"

    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(64), index=True)
    legal_basis: Mapped[str | None] = mapped_column(sa.String(300))
    active_measure: Mapped[bool] = mapped_column(
        default=True,
        comment="counts as 'Maßnahme der aktiven Arbeitsförderung' for K3E2 (§ 2(2) Nr. 1)",
    )
    max_weeks: Mapped[int | None]
    rules: Mapped[dict[str, Any]] = mapped_column(default=dict)
    local: Mapped[bool] = mapped_column(default=False, comment="added by the Jobcenter itself")
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    description: Mapped[str | None] = mapped_column(sa.Text)

    runs: Mapped[list[MeasureRun]] = relationship(back_populates="measure", lazy="raise")


class MeasureRun(IdMixin, TimestampMixin, Base):
    """One run of a measure, e.g. an integration course at a provider with seats and dates."""

    __tablename__ = "measure_runs"
    __table_args__ = (sa.CheckConstraint("seats >= 0", name="seats_nonneg"),)

    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measures.id"), index=True)
    title: Mapped[str | None] = mapped_column(sa.String(200))
    provider: Mapped[str | None] = mapped_column(sa.String(200))
    site_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sites.id"), index=True)
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    seats: Mapped[int] = mapped_column(default=0)
    entry_level: Mapped[CefrLevel | None] = mapped_column(
        str_enum(CefrLevel, name="entry_level"),
        comment="German level a language course starts from",
    )
    target_level: Mapped[CefrLevel | None] = mapped_column(
        str_enum(CefrLevel, name="target_level"), comment="German level a language course leads to"
    )

    measure: Mapped[Measure] = relationship(back_populates="runs", lazy="raise")


class Participation(IdMixin, TimestampMixin, Base):
    """A client in a measure (or on its waiting list), with how it went."""

    __tablename__ = "participations"

    client_id: Mapped[int] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measures.id"), index=True)
    run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("measure_runs.id"), index=True)
    status: Mapped[ParticipationStatus] = mapped_column(str_enum(ParticipationStatus))
    start: Mapped[date | None]
    end: Mapped[date | None]
    level_reached: Mapped[CefrLevel | None] = mapped_column(
        str_enum(CefrLevel), comment="exam result of a language course"
    )
    internship_employer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employers.id"))
    internship_start: Mapped[date | None]
    internship_end: Mapped[date | None]
    notes: Mapped[str | None] = mapped_column(sa.Text)
    decision: Mapped[str | None] = mapped_column(
        sa.String(32), comment="eligibility decision when the client was enrolled"
    )
    decision_reasons: Mapped[list[str]] = mapped_column(
        default=list, comment="the reasons of that decision, each with its legal basis"
    )
    override_reason: Mapped[str | None] = mapped_column(
        sa.String(500), comment="why the officer enrolled a client the rules found not eligible"
    )
    params: Mapped[dict[str, Any]] = mapped_column(
        default=dict, comment="request parameters of the eligibility check (facts not in the file)"
    )
    exam_on: Mapped[date | None]
    dropout_reason: Mapped[str | None] = mapped_column(sa.String(500))
    presented_on: Mapped[date | None] = mapped_column(
        comment="the participant reported on the internship at an event"
    )
    presented_event_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("employer_events.id", ondelete="SET NULL"), index=True
    )
    job_start_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("job_starts.id", ondelete="SET NULL"), index=True,
        comment="the hire that followed the measure",
    )  # fmt: skip

    measure: Mapped[Measure] = relationship(lazy="raise")
    run: Mapped[MeasureRun | None] = relationship(lazy="raise")
