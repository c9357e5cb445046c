"""Placement proposals: what was proposed (by matcher or officer), the decision, the outcome."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.codes import ProposalDecision, ProposalOutcome, ProposalSource
from lotse.models._common import IdMixin, TimestampMixin


class Proposal(IdMixin, TimestampMixin, Base):
    """A Vermittlungsvorschlag. The history of the exchange format is its rows with an outcome."""

    __tablename__ = "proposals"
    __table_args__ = (sa.UniqueConstraint("client_id", "vacancy_id", "proposed_on"),)

    client_id: Mapped[int] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    vacancy_id: Mapped[int] = mapped_column(sa.ForeignKey("vacancies.id"), index=True)
    proposed_on: Mapped[date]
    source: Mapped[ProposalSource] = mapped_column(str_enum(ProposalSource))
    score: Mapped[float | None]
    rank: Mapped[int | None]
    reasons: Mapped[str | None] = mapped_column(sa.Text)
    decision: Mapped[ProposalDecision] = mapped_column(
        str_enum(ProposalDecision), default=ProposalDecision.PENDING
    )
    decision_reason: Mapped[str | None] = mapped_column(sa.Text)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    outcome: Mapped[ProposalOutcome | None] = mapped_column(str_enum(ProposalOutcome))
    outcome_on: Mapped[date | None]
