"""German levels of a client over time: the language pathway (A1 → B1 → B2)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.cefr import CefrLevel
from lotse.domain.measure_codes import LanguageLevelSource
from lotse.models._common import IdMixin, TimestampMixin


class LanguageLevelRecord(IdMixin, TimestampMixin, Base):
    """A German level a client had on a date, and where that comes from (exam, test, ...)."""

    __tablename__ = "language_levels"

    client_id: Mapped[int] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[CefrLevel] = mapped_column(str_enum(CefrLevel))
    recorded_on: Mapped[date]
    source: Mapped[LanguageLevelSource] = mapped_column(str_enum(LanguageLevelSource))
    participation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participations.id", ondelete="SET NULL"), index=True
    )
    note: Mapped[str | None] = mapped_column(sa.String(500))
