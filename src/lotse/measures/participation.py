"""How a participation went: completion, dropout, exam result, internship, presentation, hire.

An exam result is also a step of the client's language pathway (and raises the client's German
level when it is higher). An internship is checked against the limit for measure parts at an
employer (§ 45 Abs. 2 S. 2, Abs. 8 SGB III) through the measure's own rules. A hire is recorded
as a job start (the normal record of an Integration) and linked to the participation.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import ParticipationStatus
from lotse.domain.eligibility_facts import parse_params
from lotse.domain.measure_codes import LanguageLevelSource, MeasureKind
from lotse.errors import InvalidInput, InvalidTransition, Problem
from lotse.measures.courses import expect_status, get_participation, promote_waiting
from lotse.measures.repository import LanguageLevelRepository
from lotse.measures.schemas import (
    Completion,
    DropOut,
    ExamResult,
    HireCreate,
    InternshipCreate,
    LanguageLevelCreate,
    Pathway,
    PathwayStep,
    Presentation,
)
from lotse.measures.service import check_client
from lotse.models import (
    Client,
    Employer,
    EmployerEvent,
    JobStart,
    LanguageLevelRecord,
    Measure,
    Participation,
)

STARTED = (ParticipationStatus.ACTIVE, ParticipationStatus.COMPLETED)


def _not_before(on: date, participation: Participation, column: str) -> None:
    if participation.start is not None and on < participation.start:
        raise InvalidInput(
            Problem(
                "date",
                f"before the start of the participation ({participation.start.isoformat()})",
                column=column,
                value=on.isoformat(),
            )
        )


def complete(session: Session, participation_id: int, data: Completion) -> Participation:
    """The client finished the measure (active → completed), with the exam level if any."""
    participation = get_participation(session, participation_id)
    expect_status(participation, ParticipationStatus.ACTIVE, action="complete")
    _not_before(data.on, participation, "on")
    participation.status, participation.end = ParticipationStatus.COMPLETED, data.on
    if data.level_reached is not None:
        record_exam(session, participation_id, ExamResult(level=data.level_reached, on=data.on))
    session.flush()
    return participation


def drop_out(session: Session, participation_id: int, data: DropOut) -> list[Participation]:
    """The client broke the measure off (active → dropped out); returns clients promoted."""
    participation = get_participation(session, participation_id)
    expect_status(participation, ParticipationStatus.ACTIVE, action="record a dropout for")
    _not_before(data.on, participation, "on")
    participation.status, participation.end = ParticipationStatus.DROPPED_OUT, data.on
    participation.dropout_reason = data.reason
    session.flush()
    return promote_waiting(session, participation.run_id) if participation.run_id else []


def record_exam(session: Session, participation_id: int, data: ExamResult) -> Participation:
    """The CEFR level a language-course participant reached in the final exam."""
    participation = get_participation(session, participation_id)
    expect_status(participation, *STARTED, action="record an exam result for")
    measure = session.get(Measure, participation.measure_id)
    assert measure is not None
    if measure.kind != MeasureKind.LANGUAGE_COURSE:
        raise InvalidTransition(f"{measure.code} is not a language course: no exam level")
    _not_before(data.on, participation, "on")
    participation.level_reached, participation.exam_on = data.level, data.on
    client = session.get(Client, participation.client_id)
    assert client is not None
    _record(
        session,
        client,
        data.level,
        data.on,
        LanguageLevelSource.COURSE_EXAM,
        participation_id=participation.id,
    )
    session.flush()
    return participation


def record_internship(
    session: Session, participation_id: int, data: InternshipCreate
) -> Participation:
    """An internship (measure part at an employer), checked against the measure's limits."""
    participation = get_participation(session, participation_id)
    expect_status(participation, *STARTED, action="record an internship for")
    _not_before(data.start, participation, "start")
    if session.get(Employer, data.employer_id) is None:
        raise InvalidInput(
            Problem(
                "unknown_employer",
                "no employer with this id",
                column="employer_id",
                value=str(data.employer_id),
            )
        )
    measure = session.get(Measure, participation.measure_id)
    client = session.get(Client, participation.client_id)
    assert measure is not None
    assert client is not None
    stored, _ = parse_params(participation.params)
    params = stored.merged(data.params.to_domain())
    params = params.merged(parse_params({"requested_weeks": data.weeks})[0])
    answer = check_client(session, client, measure.code, on=data.start, params=params)
    exceeded = [r for r in answer.reasons if r.kind.value == "limit_exceeded"]
    if exceeded:
        raise InvalidInput(
            [
                Problem(r.legal_basis, r.text, column="end", value=data.end.isoformat())
                for r in exceeded
            ]
        )
    participation.internship_employer_id = data.employer_id
    participation.internship_start, participation.internship_end = data.start, data.end
    session.flush()
    return participation


def record_presentation(
    session: Session, participation_id: int, data: Presentation
) -> Participation:
    """The participant reported on the internship at an event (e.g. an employer event)."""
    participation = get_participation(session, participation_id)
    expect_status(participation, *STARTED, action="record a presentation for")
    if participation.internship_start is None:
        raise InvalidTransition(f"participation {participation.id} has no internship to report on")
    if data.on < participation.internship_start:
        raise InvalidInput(
            Problem("date", "before the internship began", column="on", value=data.on.isoformat())
        )
    if data.event_id is not None and session.get(EmployerEvent, data.event_id) is None:
        raise InvalidInput(
            Problem(
                "unknown_event",
                "no event with this id",
                column="event_id",
                value=str(data.event_id),
            )
        )
    participation.presented_on, participation.presented_event_id = data.on, data.event_id
    session.flush()
    return participation


def record_hire(session: Session, participation_id: int, data: HireCreate) -> JobStart:
    """The participant was hired: a job start linked to the participation."""
    participation = get_participation(session, participation_id)
    expect_status(participation, *STARTED, action="record a hire for")
    _not_before(data.on, participation, "on")
    if participation.job_start_id is not None:
        raise InvalidTransition(f"participation {participation.id} already has a hire recorded")
    if session.get(Employer, data.employer_id) is None:
        raise InvalidInput(
            Problem(
                "unknown_employer",
                "no employer with this id",
                column="employer_id",
                value=str(data.employer_id),
            )
        )
    job = session.scalars(
        sa.select(JobStart).where(
            JobStart.client_id == participation.client_id,
            JobStart.start == data.on,
            JobStart.kind == data.kind,
        )
    ).one_or_none()
    if job is None:
        job = JobStart(
            client_id=participation.client_id,
            start=data.on,
            kind=data.kind,
            employer_id=data.employer_id,
            monthly_gross_eur=data.monthly_gross_eur,
        )
        session.add(job)
        session.flush()
    participation.job_start_id = job.id
    session.flush()
    return job


# --- the language pathway -------------------------------------------------------------------


def _record(
    session: Session,
    client: Client,
    level: CefrLevel,
    on: date,
    source: LanguageLevelSource,
    *,
    participation_id: int | None = None,
    note: str | None = None,
) -> LanguageLevelRecord:
    record = LanguageLevelRecord(
        client_id=client.id,
        level=level,
        recorded_on=on,
        source=source,
        participation_id=participation_id,
        note=note,
    )
    session.add(record)
    if client.german_level is None or level > client.german_level:
        client.german_level = level
    session.flush()
    return record


def record_level(
    session: Session, client: Client, data: LanguageLevelCreate
) -> LanguageLevelRecord:
    """A German level outside a course exam (placement test, certificate, officer's estimate)."""
    return _record(session, client, data.level, data.recorded_on, data.source, note=data.note)


def pathway(session: Session, client: Client) -> Pathway:
    """The client's German levels over time (A1 → B1 → B2), each with its source."""
    rows = LanguageLevelRepository(session).pathway(client.id)
    steps = [
        PathwayStep(recorded_on=r.recorded_on, level=r.level, source=r.source, measure=code)
        for r, code in rows
    ]
    return Pathway(client_id=client.id, steps=steps)
