"""Job starts (Integrationen) and "not integrable now" assessments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.codes import IntegrationKind, NotIntegrableReason
from lotse.models._common import IdMixin, TimestampMixin


class JobStart(IdMixin, TimestampMixin, Base):
    """A job start of a client; whether it is an Integration depends on ``kind``."""

    __tablename__ = "job_starts"
    __table_args__ = (
        sa.UniqueConstraint("client_id", "start", "kind"),
        sa.CheckConstraint('"end" IS NULL OR "end" >= start', name="end_after_start"),
    )

    client_id: Mapped[int] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[date] = mapped_column(index=True)
    end: Mapped[date | None]
    kind: Mapped[IntegrationKind] = mapped_column(str_enum(IntegrationKind))
    monthly_gross_eur: Mapped[Decimal | None] = mapped_column(sa.Numeric(10, 2))
    ends_benefit_need: Mapped[bool | None]
    employer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employers.id"), index=True)
    vacancy_id: Mapped[int | None] = mapped_column(sa.ForeignKey("vacancies.id"), index=True)


class NotIntegrableAssessment(IdMixin, TimestampMixin, Base):
    """An officer's finding that a client cannot be placed now, why, and when to look again."""

    __tablename__ = "not_integrable_assessments"

    client_id: Mapped[int] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    assessed_on: Mapped[date]
    reason: Mapped[NotIntegrableReason] = mapped_column(str_enum(NotIntegrableReason))
    review_on: Mapped[date] = mapped_column(index=True)
    closed_on: Mapped[date | None]
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"))
    note: Mapped[str | None] = mapped_column(sa.Text)
