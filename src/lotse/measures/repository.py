"""Queries of the measures feature: catalogue rows, course runs and seats, participations."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.db.repository import Repository
from lotse.domain.codes import Gender, ParticipationStatus
from lotse.errors import InvalidInput, Problem
from lotse.models import (
    Client,
    Employer,
    LanguageLevelRecord,
    Measure,
    MeasureRun,
    Participation,
)

TAKING_A_SEAT = (
    ParticipationStatus.PLANNED,
    ParticipationStatus.ACTIVE,
    ParticipationStatus.COMPLETED,
)
"""Participations that hold a seat of their run; a dropout frees it for the waiting list."""

OPEN = (ParticipationStatus.WAITING, ParticipationStatus.PLANNED, ParticipationStatus.ACTIVE)


def lookup_client(session: Session, ref: str) -> Client:
    """The client with exchange id ``ref``; InvalidInput (not found) names the id."""
    client = session.scalars(sa.select(Client).where(Client.ref == ref)).one_or_none()
    if client is None:
        raise InvalidInput(
            Problem("unknown_client", "no client with this id", column="client", value=ref)
        )
    return client


def lookup_employer(session: Session, ref: str) -> Employer:
    employer = session.scalars(sa.select(Employer).where(Employer.ref == ref)).one_or_none()
    if employer is None:
        raise InvalidInput(
            Problem("unknown_employer", "no employer with this id", column="employer", value=ref)
        )
    return employer


class MeasureRepository(Repository[Measure]):
    model = Measure

    def by_code(self, code: str) -> Measure | None:
        return self.find_by(code=code)

    def local(self) -> Sequence[Measure]:
        return self.all(self.select().where(Measure.local.is_(True)).order_by(Measure.code))

    def codes_by_id(self, ids: set[int]) -> dict[int, str]:
        stmt = sa.select(Measure.id, Measure.code).where(Measure.id.in_(ids))
        return {int(mid): str(code) for mid, code in self.session.execute(stmt)}

    def ordered(self) -> sa.Select[Measure]:
        return self.select().order_by(Measure.local, Measure.code)


class RunRepository(Repository[MeasureRun]):
    model = MeasureRun

    def for_update(self, run_id: int) -> MeasureRun:
        """The run, locked against a concurrent enrolment for its last seat (PostgreSQL)."""
        run = self.session.scalars(
            sa.select(MeasureRun).where(MeasureRun.id == run_id).with_for_update()
        ).one_or_none()
        if run is None:
            raise InvalidInput(
                Problem(
                    "unknown_run", "no course run with this id", column="run_id", value=str(run_id)
                )
            )
        return run

    def listing(self, measure_id: int | None = None) -> sa.Select[MeasureRun]:
        stmt = self.select().order_by(MeasureRun.starts_on, MeasureRun.id)
        return stmt if measure_id is None else stmt.where(MeasureRun.measure_id == measure_id)

    def seat_counts(self, run_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
        """Per run: (seats taken, people waiting)."""
        if not run_ids:
            return {}
        taken = sa.func.sum(sa.case((Participation.status.in_(TAKING_A_SEAT), 1), else_=0))
        waiting = sa.func.sum(
            sa.case((Participation.status == ParticipationStatus.WAITING, 1), else_=0)
        )
        stmt = (
            sa.select(Participation.run_id, taken, waiting)
            .where(Participation.run_id.in_(run_ids))
            .group_by(Participation.run_id)
        )
        counts = {rid: (int(t or 0), int(w or 0)) for rid, t, w in self.session.execute(stmt)}
        return {rid: counts.get(rid, (0, 0)) for rid in run_ids}


class ParticipationRepository(Repository[Participation]):
    model = Participation

    def waiting_list(self, run_id: int) -> Sequence[Participation]:
        """Waiting in order: entitled clients first (decision ``eligible``), then by time."""
        entitled_first = sa.case((Participation.decision == "eligible", 0), else_=1)
        stmt = (
            self.select()
            .where(
                Participation.run_id == run_id, Participation.status == ParticipationStatus.WAITING
            )
            .order_by(entitled_first, Participation.created_at, Participation.id)
        )
        return self.all(stmt)

    def open_in_run(self, client_id: int, run_id: int) -> Participation | None:
        stmt = self.select().where(
            Participation.client_id == client_id,
            Participation.run_id == run_id,
            Participation.status.in_(OPEN),
        )
        return self.session.scalars(stmt.limit(1)).first()

    def for_client(self, client_id: int) -> Sequence[Participation]:
        stmt = self.select().where(Participation.client_id == client_id)
        return self.all(stmt.order_by(Participation.start, Participation.id))

    def funnel(
        self, measure_id: int, run_id: int | None = None
    ) -> sa.Row[int, int, int, int, int, int, int, int]:
        """Started participations and those with internship, presentation and hire (+ women)."""
        woman = Client.gender == Gender.FEMALE

        def both(condition: sa.ColumnElement[bool]) -> list[sa.ColumnElement[int]]:
            return [
                sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0),
                sa.func.coalesce(sa.func.sum(sa.case((sa.and_(condition, woman), 1), else_=0)), 0),
            ]

        stmt = (
            sa.select(
                *both(Participation.start.is_not(None)),
                *both(Participation.internship_start.is_not(None)),
                *both(Participation.presented_on.is_not(None)),
                *both(Participation.job_start_id.is_not(None)),
            )
            .join(Client, Client.id == Participation.client_id)
            .where(Participation.measure_id == measure_id, Participation.start.is_not(None))
        )
        if run_id is not None:
            stmt = stmt.where(Participation.run_id == run_id)
        return self.session.execute(stmt).one()  # type: ignore[return-value]


class LanguageLevelRepository(Repository[LanguageLevelRecord]):
    model = LanguageLevelRecord

    def latest(self, client_id: int) -> LanguageLevelRecord | None:
        stmt = (
            self.select()
            .where(LanguageLevelRecord.client_id == client_id)
            .order_by(LanguageLevelRecord.recorded_on.desc(), LanguageLevelRecord.id.desc())
        )
        return self.session.scalars(stmt.limit(1)).first()

    def pathway(self, client_id: int) -> Sequence[sa.Row[LanguageLevelRecord, str | None]]:
        """A client's recorded levels in time order, with the measure an exam belonged to."""
        stmt = (
            sa.select(LanguageLevelRecord, Measure.code)
            .outerjoin(Participation, Participation.id == LanguageLevelRecord.participation_id)
            .outerjoin(Measure, Measure.id == Participation.measure_id)
            .where(LanguageLevelRecord.client_id == client_id)
            .order_by(LanguageLevelRecord.recorded_on, LanguageLevelRecord.id)
        )
        return self.session.execute(stmt).all()
