"""The Kooperationsplan of a client (§ 15 SGB II): goals, agreed steps and its reviews."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.measure_codes import PlanForm, StepResponsible
from lotse.models._common import IdMixin, TimestampMixin


class Kooperationsplan(IdMixin, TimestampMixin, Base):
    """A plan agreed after the Potenzialanalyse; reviewed at least every six months."""

    __tablename__ = "kooperationsplaene"
    __table_args__ = (
        sa.CheckConstraint("potential_analysis_on <= agreed_on", name="analysis_first"),
        sa.CheckConstraint("next_review_on > agreed_on", name="review_after_agreement"),
    )

    client_id: Mapped[int] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"))
    potential_analysis_on: Mapped[date]
    agreed_on: Mapped[date]
    form: Mapped[PlanForm] = mapped_column(str_enum(PlanForm), default=PlanForm.AGREEMENT)
    next_review_on: Mapped[date] = mapped_column(index=True)
    ended_on: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(sa.Text)

    goals: Mapped[list[KooperationsplanGoal]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="KooperationsplanGoal.position"
    )
    steps: Mapped[list[KooperationsplanStep]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="KooperationsplanStep.id"
    )
    reviews: Mapped[list[KooperationsplanReview]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="KooperationsplanReview.reviewed_on"
    )


class KooperationsplanGoal(IdMixin, Base):
    __tablename__ = "kooperationsplan_goals"

    plan_id: Mapped[int] = mapped_column(
        sa.ForeignKey("kooperationsplaene.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(sa.String(1000))


class KooperationsplanStep(IdMixin, Base):
    """An agreed step: who does what by when, and when it was done."""

    __tablename__ = "kooperationsplan_steps"

    plan_id: Mapped[int] = mapped_column(
        sa.ForeignKey("kooperationsplaene.id", ondelete="CASCADE"), index=True
    )
    goal_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("kooperationsplan_goals.id", ondelete="SET NULL")
    )
    responsible: Mapped[StepResponsible] = mapped_column(str_enum(StepResponsible))
    text: Mapped[str] = mapped_column(sa.String(1000))
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]


class KooperationsplanReview(IdMixin, Base):
    """A joint review of the plan (§ 15 Abs. 3 SGB II) and the next one agreed."""

    __tablename__ = "kooperationsplan_reviews"

    plan_id: Mapped[int] = mapped_column(
        sa.ForeignKey("kooperationsplaene.id", ondelete="CASCADE"), index=True
    )
    reviewed_on: Mapped[date]
    next_review_on: Mapped[date]
    note: Mapped[str | None] = mapped_column(sa.Text)
