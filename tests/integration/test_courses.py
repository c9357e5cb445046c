"""Course runs with seats, enrolment with the eligibility check, waiting lists and outcomes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import IntegrationCourseState, ParticipationStatus, ResidenceStatus
from lotse.domain.measure_codes import LanguageLevelSource
from lotse.errors import Conflict, InvalidInput, InvalidTransition
from lotse.measures import courses, participation
from lotse.measures.schemas import (
    Completion,
    DropOut,
    EligibilityParams,
    EnrolmentCreate,
    ExamResult,
    InternshipCreate,
    LanguageLevelCreate,
    RunCreate,
)
from lotse.measures.service import NotEligible
from lotse.models import Client, MeasureRun, Participation
from lotse.validation import parse
from tests.factories import make_client, make_employer, make_run

ON = date(2025, 8, 1)


def refugee(session: Session, **kw: Any) -> Client:
    defaults: dict[str, Any] = {
        "residence_status": ResidenceStatus.RECOGNISED_REFUGEE,
        "citizenship": "SY",
        "german_level": CefrLevel.A1,
        "integration_course": IntegrationCourseState.NONE,
        "unemployed_since": date(2025, 1, 1),
    }
    return make_client(session, **(defaults | kw))


def ukrainian(session: Session, **kw: Any) -> Client:
    return refugee(
        session, residence_status=ResidenceStatus.TEMPORARY_PROTECTION, citizenship="UA", **kw
    )


def enrol(session: Session, client: Client, run: MeasureRun, **kw: Any) -> courses.Enrolment:
    return courses.enrol(session, client, EnrolmentCreate(**({"run_id": run.id, "on": ON} | kw)))


def count(session: Session, model: type[Any]) -> int:
    return int(session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def test_a_run_of_an_unknown_measure_is_refused_and_nothing_written(session: Session) -> None:
    with pytest.raises(InvalidInput) as caught:
        courses.create_run(session, RunCreate(measure="yoga", seats=5))
    assert caught.value.problems[0].column == "measure"
    assert count(session, MeasureRun) == 0


def test_a_course_with_negative_seats_is_refused(session: Session) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse(RunCreate, {"measure": "integrationskurs", "seats": -3})
    assert caught.value.problems[0].column == "seats"
    assert caught.value.problems[0].value == "-3"
    assert count(session, MeasureRun) == 0


def test_the_database_refuses_negative_seats_as_well(session: Session) -> None:
    run = make_run(session)
    run.seats = -1
    with pytest.raises(IntegrityError):
        session.flush()


def test_a_course_level_b3_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse(RunCreate, {"measure": "integrationskurs", "seats": 5, "entry_level": "B3"})
    assert caught.value.problems[0].column == "entry_level"


def test_seats_go_first_then_the_waiting_list_puts_entitled_clients_first(session: Session) -> None:
    run = make_run(session, seats=2)
    first, second, third = ukrainian(session), ukrainian(session), ukrainian(session)
    assert enrol(session, first, run).waiting_position is None
    assert enrol(session, second, run).waiting_position is None
    assert enrol(session, third, run).waiting_position == 1
    # a recognised refugee is entitled (§ 44 Abs. 1 AufenthG) and goes before those admitted
    # only if seats are free (§ 44 Abs. 4 AufenthG), although enrolled later
    entitled = enrol(session, refugee(session), run)
    assert entitled.waiting_position == 1
    waiting = courses.waiting_list(session, run.id)
    assert [p.client_id for p in waiting] == [entitled.participation.client_id, third.id]
    (overview,) = courses.run_overviews(session, [run])
    assert (overview.taken, overview.free, overview.waiting) == (2, 0, 2)


def test_a_dropout_frees_the_seat_for_the_next_one_waiting(session: Session) -> None:
    run = make_run(session, seats=1)
    holder = enrol(session, refugee(session), run).participation
    waiting = enrol(session, refugee(session), run).participation
    courses.start(session, holder.id, date(2025, 9, 1))
    promoted = participation.drop_out(
        session, holder.id, DropOut(on=date(2025, 9, 20), reason="Umzug")
    )
    assert [p.id for p in promoted] == [waiting.id]
    assert waiting.status is ParticipationStatus.PLANNED
    assert holder.dropout_reason == "Umzug"


def test_a_client_who_is_not_eligible_is_not_enrolled_and_told_why(session: Session) -> None:
    run = make_run(session)
    client = refugee(session, german_level=CefrLevel.B1)
    with pytest.raises(NotEligible) as caught:
        enrol(session, client, run)
    assert "§ 44 Abs. 3 S. 1 Nr. 3" in caught.value.message
    assert count(session, Participation) == 0


def test_an_officer_can_override_with_a_reason_that_is_kept(session: Session) -> None:
    run = make_run(session)
    client = refugee(session, german_level=CefrLevel.B1)
    result = enrol(session, client, run, override_reason="B1 nur mündlich, schriftlich A2")
    p = result.participation
    assert p.decision == "not_eligible"
    assert p.override_reason == "B1 nur mündlich, schriftlich A2"
    assert any("§ 44 Abs. 3 S. 1 Nr. 3" in r for r in p.decision_reasons)


def test_a_client_cannot_be_enrolled_twice_in_the_same_run(session: Session) -> None:
    run = make_run(session)
    client = refugee(session)
    enrol(session, client, run)
    with pytest.raises(Conflict):
        enrol(session, client, run)


def test_only_an_active_participation_can_be_completed(session: Session) -> None:
    p = enrol(session, refugee(session), make_run(session)).participation
    with pytest.raises(InvalidTransition):
        participation.complete(session, p.id, Completion(on=date(2025, 12, 1)))


def test_exam_results_build_the_language_pathway_and_raise_the_level(session: Session) -> None:
    client = refugee(session)
    participation.record_level(
        session,
        client,
        LanguageLevelCreate(
            level=CefrLevel.A1,
            recorded_on=date(2025, 3, 1),
            source=LanguageLevelSource.PLACEMENT_TEST,
        ),
    )
    ik = enrol(session, client, make_run(session)).participation
    courses.start(session, ik.id, date(2025, 9, 1))
    participation.complete(
        session, ik.id, Completion(on=date(2026, 3, 1), level_reached=CefrLevel.B1)
    )
    client.integration_course = IntegrationCourseState.COMPLETED
    bsk = enrol(
        session, client, make_run(session, measure="bsk_basis_b1_b2"), on=date(2026, 4, 1)
    ).participation
    courses.start(session, bsk.id, date(2026, 4, 1))
    participation.record_exam(session, bsk.id, ExamResult(level=CefrLevel.B2, on=date(2026, 9, 1)))
    path = participation.pathway(session, client)
    assert path.text == "A1 → B1 → B2"
    assert [s.measure for s in path.steps] == [None, "integrationskurs", "bsk_basis_b1_b2"]
    assert client.german_level is CefrLevel.B2


def test_an_exam_level_b3_is_refused_and_nothing_changes(session: Session) -> None:
    p = enrol(session, refugee(session), make_run(session)).participation
    courses.start(session, p.id, date(2025, 9, 1))
    with pytest.raises(InvalidInput) as caught:
        parse(ExamResult, {"level": "B3", "on": "2026-03-01"})
    assert caught.value.problems[0].column == "level"
    assert p.level_reached is None


def test_an_activation_measure_has_no_exam_level(session: Session) -> None:
    p = enrol(session, refugee(session), make_run(session, measure="avgs_mat")).participation
    courses.start(session, p.id, date(2025, 9, 1))
    with pytest.raises(InvalidTransition):
        participation.record_exam(
            session, p.id, ExamResult(level=CefrLevel.A2, on=date(2025, 10, 1))
        )


def internship(employer_id: int, start: date, end: date, **params: Any) -> InternshipCreate:
    return InternshipCreate(
        employer_id=employer_id, start=start, end=end, params=EligibilityParams(**params)
    )


def test_an_internship_of_eight_weeks_breaks_the_six_week_limit(session: Session) -> None:
    p = enrol(session, refugee(session), make_run(session, measure="avgs_mag")).participation
    courses.start(session, p.id, date(2025, 9, 1))
    firm = make_employer(session)
    # 1.9.–26.10.2025 = 56 days = 8 weeks > 6 weeks (§ 45 Abs. 2 S. 2 SGB III)
    with pytest.raises(InvalidInput) as caught:
        participation.record_internship(
            session, p.id, internship(firm.id, date(2025, 9, 1), date(2025, 10, 26))
        )
    assert caught.value.problems[0].rule == "§ 45 Abs. 2 S. 2 SGB III"
    assert p.internship_start is None
    # 1.9.–12.10.2025 = 42 days = 6 weeks: allowed
    participation.record_internship(
        session, p.id, internship(firm.id, date(2025, 9, 1), date(2025, 10, 12))
    )
    assert p.internship_end == date(2025, 10, 12)


def test_ten_weeks_are_allowed_for_long_term_unemployed_with_serious_obstacles(
    session: Session,
) -> None:
    client = refugee(session, unemployed_since=date(2024, 1, 1))  # 20 months on 1.9.2025
    p = enrol(session, client, make_run(session, measure="avgs_mag")).participation
    courses.start(session, p.id, date(2025, 9, 1))
    firm = make_employer(session)
    # 70 days = 10 weeks ≤ 12 (§ 45 Abs. 8 SGB III)
    participation.record_internship(
        session,
        p.id,
        internship(firm.id, date(2025, 9, 1), date(2025, 11, 9), serious_obstacles=True),
    )
    assert p.internship_employer_id == firm.id


def test_an_internship_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidInput):
        parse(InternshipCreate, {"employer_id": 1, "start": "2025-09-10", "end": "2025-09-01"})


def test_an_enrolment_reads_as_the_api_schema(session: Session) -> None:
    run = make_run(session, seats=0)
    read = enrol(session, refugee(session), run).read()
    assert read.waiting_position == 1
    assert read.participation.status is ParticipationStatus.WAITING
    assert read.participation.decision == "eligible"


def test_joining_a_language_course_starts_the_pathway_with_the_level_on_file(
    session: Session,
) -> None:
    client = refugee(session, german_level=CefrLevel.A1)
    p = enrol(session, client, make_run(session)).participation
    courses.start(session, p.id, date(2025, 9, 1))
    participation.record_exam(session, p.id, ExamResult(level=CefrLevel.A2, on=date(2026, 3, 1)))
    path = participation.pathway(session, client)
    assert path.text == "A1 → A2"
    assert path.steps[0].recorded_on == ON
