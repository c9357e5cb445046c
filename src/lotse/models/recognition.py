"""Recognition procedures for foreign qualifications (BQFG) as tracked steps with deadlines."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.measure_codes import RecognitionOutcome
from lotse.models._common import IdMixin, TimestampMixin


class RecognitionProcedure(IdMixin, TimestampMixin, Base):
    """One Gleichwertigkeitsprüfung: counselling → application → documents complete → decision.

    ``decision_due_on`` is three months after the documents were complete (§ 6 Abs. 3 BQFG).
    """

    __tablename__ = "recognition_procedures"
    __table_args__ = (
        sa.CheckConstraint(
            "documents_complete_on IS NULL OR applied_on IS NULL "
            "OR documents_complete_on >= applied_on",
            name="documents_after_application",
        ),
        sa.CheckConstraint(
            "decided_on IS NULL OR applied_on IS NULL OR decided_on >= applied_on",
            name="decision_after_application",
        ),
    )

    client_id: Mapped[int] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    profession: Mapped[str] = mapped_column(
        sa.String(200), comment="German reference occupation (Referenzberuf)"
    )
    kldb: Mapped[str | None] = mapped_column(sa.String(5))
    regulated: Mapped[bool | None] = mapped_column(
        comment="reglementierter Beruf: recognition is required to work in it"
    )
    authority: Mapped[str | None] = mapped_column(sa.String(200), comment="zuständige Stelle")
    counselled_on: Mapped[date | None] = mapped_column(comment="IQ recognition counselling")
    applied_on: Mapped[date | None]
    documents_complete_on: Mapped[date | None]
    decision_due_on: Mapped[date | None] = mapped_column(index=True)
    deadline_extended_to: Mapped[date | None]
    extension_reason: Mapped[str | None] = mapped_column(sa.String(500))
    decided_on: Mapped[date | None]
    outcome: Mapped[RecognitionOutcome | None] = mapped_column(str_enum(RecognitionOutcome))
    adaptation: Mapped[str | None] = mapped_column(
        sa.Text, comment="Anpassungsqualifizierung or Ausgleichsmaßnahme after a partial result"
    )
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"))
    note: Mapped[str | None] = mapped_column(sa.Text)
