"""Course runs with seats, enrolment with an eligibility check, and waiting lists.

A client is enrolled into a run after the eligibility rules were asked (the decision and its
reasons are kept with the participation). With a free seat the participation is ``planned``;
without, the client joins the waiting list, where entitled clients come before those admitted
only if seats are free. A dropout or withdrawal frees a seat for the next one waiting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from lotse.domain.codes import ParticipationStatus
from lotse.domain.eligibility import Decision
from lotse.domain.measure_codes import LanguageLevelSource, MeasureKind
from lotse.errors import Conflict, InvalidTransition
from lotse.measures.repository import (
    LanguageLevelRepository,
    MeasureRepository,
    ParticipationRepository,
    RunRepository,
)
from lotse.measures.schemas import (
    EnrolmentCreate,
    EnrolmentRead,
    ParticipationRead,
    RunCreate,
    RunRead,
)
from lotse.measures.service import NotEligible, check_client, definition, ensure_measure
from lotse.models import Client, LanguageLevelRecord, Measure, MeasureRun, Participation, Site


@dataclass(frozen=True)
class Enrolment:
    participation: Participation
    waiting_position: int | None
    """1-based place on the waiting list, None when the client got a seat."""

    def read(self) -> EnrolmentRead:
        return EnrolmentRead(
            participation=ParticipationRead.model_validate(self.participation),
            waiting_position=self.waiting_position,
        )


def create_run(session: Session, data: RunCreate) -> MeasureRun:
    """A new run of a measure (course, group measure) with its seats."""
    measure = ensure_measure(session, data.measure)
    if data.site_id is not None and session.get(Site, data.site_id) is None:
        raise Conflict(f"site {data.site_id} does not exist")
    run = MeasureRun(measure_id=measure.id, **data.model_dump(exclude={"measure"}))
    return RunRepository(session).add(run)


def run_overviews(session: Session, runs: Sequence[MeasureRun]) -> list[RunRead]:
    """Seats, taken, free and waiting per run."""
    counts = RunRepository(session).seat_counts([r.id for r in runs])
    codes = MeasureRepository(session).codes_by_id({r.measure_id for r in runs})
    result = []
    for run in runs:
        taken, waiting = counts[run.id]
        result.append(
            RunRead(
                id=run.id,
                measure_code=codes[run.measure_id],
                title=run.title,
                provider=run.provider,
                site_id=run.site_id,
                starts_on=run.starts_on,
                ends_on=run.ends_on,
                seats=run.seats,
                entry_level=run.entry_level,
                target_level=run.target_level,
                taken=taken,
                free=max(run.seats - taken, 0),
                waiting=waiting,
            )
        )
    return result


def list_runs(session: Session, measure_code: str | None = None) -> list[RunRead]:
    repo = RunRepository(session)
    if measure_code is None:
        return run_overviews(session, repo.all(repo.listing()))
    definition(session, measure_code)  # an unknown code → InvalidInput
    measure = MeasureRepository(session).by_code(measure_code)
    return run_overviews(session, repo.all(repo.listing(measure.id))) if measure else []


def enrol(session: Session, client: Client, data: EnrolmentCreate) -> Enrolment:
    """Enrol ``client`` after checking eligibility; a seat if one is free, else the waiting list.

    Raises :class:`NotEligible` (with every reason) unless the officer gives an override reason.
    """
    run = RunRepository(session).for_update(data.run_id)
    measure = session.get(Measure, run.measure_id)
    assert measure is not None
    if run.ends_on is not None and run.ends_on < data.on:
        raise InvalidTransition(f"the course run {run.id} ended on {run.ends_on.isoformat()}")
    parts = ParticipationRepository(session)
    if parts.open_in_run(client.id, run.id) is not None:
        raise Conflict(f"{client.ref} is already enrolled in or waiting for run {run.id}")
    answer = check_client(session, client, measure.code, on=data.on, params=data.params.to_domain())
    if answer.decision is Decision.NOT_ELIGIBLE and not data.override_reason:
        raise NotEligible(answer, client.ref)
    taken, _waiting = RunRepository(session).seat_counts([run.id])[run.id]
    seat = taken < run.seats
    participation = Participation(
        client_id=client.id,
        measure_id=measure.id,
        run_id=run.id,
        status=ParticipationStatus.PLANNED if seat else ParticipationStatus.WAITING,
        decision=answer.decision.value,
        decision_reasons=[str(r) for r in answer.reasons],
        override_reason=data.override_reason if answer.decision is Decision.NOT_ELIGIBLE else None,
        params=data.params.stored(),
    )
    parts.add(participation)
    if measure.kind == MeasureKind.LANGUAGE_COURSE:
        _note_entry_level(session, client, data.on)
    if seat:
        return Enrolment(participation, None)
    waiting = parts.waiting_list(run.id)
    position = next(i for i, p in enumerate(waiting, 1) if p.id == participation.id)
    return Enrolment(participation, position)


def _note_entry_level(session: Session, client: Client, on: date) -> None:
    """Start the language pathway with the level a client has when joining a language course."""
    if client.german_level is None:
        return
    latest = LanguageLevelRepository(session).latest(client.id)
    if latest is None or latest.level != client.german_level:
        session.add(
            LanguageLevelRecord(
                client_id=client.id,
                level=client.german_level,
                recorded_on=on,
                source=LanguageLevelSource.OFFICER,
                note="Niveau laut Falldaten bei der Anmeldung zum Kurs",
            )
        )
        session.flush()


def waiting_list(session: Session, run_id: int) -> Sequence[Participation]:
    RunRepository(session).get(run_id)
    return ParticipationRepository(session).waiting_list(run_id)


def promote_waiting(session: Session, run_id: int) -> list[Participation]:
    """Give free seats of a run to the next clients waiting; returns those promoted."""
    run = RunRepository(session).get(run_id)
    taken, _ = RunRepository(session).seat_counts([run_id])[run_id]
    promoted = []
    for participation in ParticipationRepository(session).waiting_list(run_id):
        if taken >= run.seats:
            break
        participation.status = ParticipationStatus.PLANNED
        promoted.append(participation)
        taken += 1
    session.flush()
    return promoted


def get_participation(session: Session, participation_id: int) -> Participation:
    return ParticipationRepository(session).get(participation_id)


def expect_status(participation: Participation, *allowed: ParticipationStatus, action: str) -> None:
    if participation.status not in allowed:
        states = ", ".join(s.value for s in allowed)
        raise InvalidTransition(
            f"participation {participation.id} is {participation.status.value}; "
            f"to {action} it must be {states}"
        )


def start(session: Session, participation_id: int, on: date) -> Participation:
    """The client begins the measure (planned → active)."""
    participation = get_participation(session, participation_id)
    expect_status(participation, ParticipationStatus.PLANNED, action="start")
    participation.status, participation.start = ParticipationStatus.ACTIVE, on
    session.flush()
    return participation


def withdraw(session: Session, participation_id: int, reason: str) -> list[Participation]:
    """Take a client off the waiting list or a seat before the start; returns those promoted."""
    participation = get_participation(session, participation_id)
    expect_status(
        participation, ParticipationStatus.WAITING, ParticipationStatus.PLANNED, action="withdraw"
    )
    participation.status = ParticipationStatus.DROPPED_OUT
    participation.dropout_reason = f"vor Beginn zurückgezogen: {reason}"
    session.flush()
    return promote_waiting(session, participation.run_id) if participation.run_id else []
