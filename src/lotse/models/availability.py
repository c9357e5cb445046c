"""When placement officers work: weekly working hours and absences (leave, sickness, training)."""

from __future__ import annotations

from datetime import date, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from lotse.db.base import Base
from lotse.db.types import str_enum
from lotse.domain.codes import AbsenceKind
from lotse.models._common import IdMixin, TimestampMixin


class OfficerWorkingHours(IdMixin, Base):
    """One block of an officer's weekly working time, e.g. Monday 08:00-12:00.

    An officer without any block works Monday to Friday from 08:00 for ``weekly_hours / 5``
    hours a day with a lunch break (see :mod:`lotse.planning.calendar`).
    """

    __tablename__ = "officer_working_hours"
    __table_args__ = (
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        sa.CheckConstraint("ends > starts", name="ends_after_starts"),
    )

    officer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("officers.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int] = mapped_column(comment="0 = Monday ... 6 = Sunday")
    starts: Mapped[time]
    ends: Mapped[time]


class OfficerAbsence(IdMixin, TimestampMixin, Base):
    """Days on which an officer takes no appointments (both days included)."""

    __tablename__ = "officer_absences"
    __table_args__ = (sa.CheckConstraint("ends_on >= starts_on", name="ends_after_starts"),)

    officer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("officers.id", ondelete="CASCADE"), index=True
    )
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date]
    kind: Mapped[AbsenceKind] = mapped_column(str_enum(AbsenceKind))
    note: Mapped[str | None] = mapped_column(sa.String(300))
