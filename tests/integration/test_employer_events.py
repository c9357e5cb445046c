"""An employer event run end to end through the services: the action-week solar event."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import EventKind, Gender, InvitationResult, InvitationStatus
from lotse.errors import Conflict, InvalidInput, InvalidTransition
from lotse.events.schemas import EventCreate
from lotse.events.service import (
    candidate_list,
    create_event,
    funnel,
    invite,
    invite_top,
    record_attendance,
    record_result,
    respond,
)
from lotse.models import EventInvitation, JobStart
from tests.factories import make_client, make_employer, make_site, make_vacancy

SOLAR_NOTE = "Aktionswoche: Liste von Arbeitgeber und Arbeitgeberservice festgelegt"


def _solar(session: Session) -> tuple[int, int, list[int]]:
    site = make_site(session, name="Bitterfeld", state="ST")
    employer = make_employer(session, name="Solarwerk GmbH")
    vacancy = make_vacancy(
        session,
        employer=employer,
        title="Montagehelfer/in Solarmodule",
        kldb="25101",
        openings=25,
        german_level_min=CefrLevel.A1,
    )
    men = [
        make_client(
            session,
            site=site,
            citizenship="UA",
            gender=Gender.MALE,
            german_level=CefrLevel.A2,
            occupations=["25101" if i < 20 else "26301"],
        )
        for i in range(30)
    ]
    for g, cz in ((Gender.FEMALE, "UA"), (Gender.MALE, "DE")):
        for _ in range(5):
            make_client(session, site=site, citizenship=cz, gender=g, occupations=["25101"])
    event = create_event(
        session,
        EventCreate(
            kind=EventKind.ACTION_WEEK,
            title="Aktionswoche: Montage in der Solarindustrie",
            employer_id=employer.id,
            site_id=site.id,
            capacity=25,
            starts_at=datetime(2026, 5, 12, 9, tzinfo=UTC),
            vacancy_ids=[vacancy.id],
            audience={"citizenship_in": ["UA"], "gender_in": ["m"]},
            audience_note=SOLAR_NOTE,
        ),
        actor="test",
    )
    return event.id, vacancy.id, [c.id for c in men]


def test_the_solar_action_week_runs_from_invitation_to_hire_and_reports_its_funnel(
    session: Session,
) -> None:
    event_id, vacancy_id, men = _solar(session)
    candidates = candidate_list(session, event_id, actor="test", limit=100)
    # the organiser's list: the 30 Ukrainian men, not the women, not the German men
    assert sorted(c.client_id for c in candidates) == sorted(men)
    # the 20 with the exact occupation rank before the 10 with another one
    assert {c.client_id for c in candidates[:20]} == set(men[:20])
    invitations = invite_top(session, event_id, 25, on=date(2026, 4, 20), actor="test")
    assert len(invitations) == 25
    assert all("Liste des Veranstalters" in (i.selection_reason or "") for i in invitations)
    for inv in invitations[:3]:
        respond(session, inv.id, accepted=False, actor="test")
    for inv in invitations[3:23]:
        respond(session, inv.id, accepted=True, actor="test")
    came = [i.client_id for i in invitations[3:21]]  # 18 of 22 who did not decline
    counts = record_attendance(session, event_id, came, actor="test")
    assert counts == {"attended": 18, "no_show": 4}
    for inv in invitations[3:8]:
        record_result(
            session, inv.id, InvitationResult.INTERNSHIP, on=date(2026, 5, 20), actor="test"
        )
    for inv in invitations[8:10]:
        record_result(
            session,
            inv.id,
            InvitationResult.HIRE,
            on=date(2026, 6, 1),
            actor="test",
            vacancy_id=vacancy_id,
            job_start=True,
        )
    for inv in invitations[10:20]:
        record_result(session, inv.id, InvitationResult.NOTHING, on=date(2026, 5, 20), actor="test")
    report = funnel(session, [event_id])
    # invited 25; declined 3; attended 18; no-show 4; results 5 internships, 2 hires, 10 nothing,
    # 1 attended without a result yet
    assert (report.invited, report.declined, report.attended, report.no_show) == (25, 3, 18, 4)
    assert (report.internship, report.hire, report.nothing, report.open) == (5, 2, 10, 1)
    assert report.stages == [
        ("eingeladen", 25),
        ("zugesagt oder gekommen", 22),
        ("gekommen", 18),
        ("Praktikum oder Einstellung", 7),
        ("Einstellung", 2),
    ]
    assert report.audience == "Staatsangehörigkeit UA; Geschlecht m"
    starts = session.scalars(sa.select(JobStart)).all()
    assert sorted(s.client_id for s in starts) == sorted(i.client_id for i in invitations[8:10])


def test_an_invitation_list_on_gender_without_a_note_is_refused(session: Session) -> None:
    with pytest.raises(InvalidInput) as err:
        create_event(
            session,
            EventCreate(
                kind=EventKind.INFO_DAY,
                title="Infotag",
                starts_at=datetime(2026, 5, 1, 9, tzinfo=UTC),
                audience={"gender_in": ["m"]},
            ),
            actor="test",
        )
    assert err.value.problems[0].rule == "invalid_audience"


def test_origin_and_gender_do_not_change_a_candidates_score(session: Session) -> None:
    site = make_site(session)
    vacancy = make_vacancy(session, kldb="51311")
    a = make_client(
        session, site=site, citizenship="SY", gender=Gender.FEMALE, occupations=["51311"]
    )
    b = make_client(session, site=site, citizenship="DE", gender=Gender.MALE, occupations=["51311"])
    event = create_event(
        session,
        EventCreate(
            kind=EventKind.JOB_FAIR,
            title="Jobmesse",
            starts_at=datetime(2026, 5, 1, 9, tzinfo=UTC),
            vacancy_ids=[vacancy.id],
        ),
        actor="test",
    )
    scores = {c.client_id: c.score for c in candidate_list(session, event.id, actor="test")}
    assert scores[a.id] == scores[b.id]


def test_results_need_attendance_and_capacity_is_kept(session: Session) -> None:
    event_id, _v, men = _solar(session)
    with pytest.raises(Conflict):
        invite(session, event_id, men[:26], on=date(2026, 4, 20), actor="test")  # 25 places
    (inv,) = invite(session, event_id, men[:1], on=date(2026, 4, 20), actor="test")
    with pytest.raises(InvalidTransition):
        record_result(session, inv.id, InvitationResult.HIRE, on=date(2026, 6, 1), actor="test")
    stored = session.get(EventInvitation, inv.id)
    assert stored is not None
    assert stored.status is InvitationStatus.INVITED
