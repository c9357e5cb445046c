"""Anhalt-Bitterfeld (mission programme 5): an activation measure with internships.

15 participants (14 women), 13 placed in an internship, 7 reported on it at an event, 2 hired
right after — recorded through the normal service workflow and reported as a funnel.
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from lotse.cli.main import app
from lotse.db.engine import get_engine, session_scope
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import EventKind, Gender, IntegrationKind, ResidenceStatus
from lotse.measures import courses, participation
from lotse.measures.funnel import measure_funnel
from lotse.measures.schemas import (
    Completion,
    EnrolmentCreate,
    HireCreate,
    InternshipCreate,
    Presentation,
    RunCreate,
)
from lotse.models import EmployerEvent, JobStart, MeasureRun
from tests.factories import make_client, make_employer, make_site


def record_anhalt_bitterfeld(session: Session) -> MeasureRun:
    """The measure as the Jobcenter would record it, step by step."""
    site = make_site(session, name="Bitterfeld", plz="06749", state="ST")
    run = courses.create_run(
        session,
        RunCreate(
            measure="avgs_mat",
            title="Aktivierung mit Praktikum",
            provider="Bildungsträger Bitterfeld",
            site_id=site.id,
            starts_on=date(2025, 3, 3),
            ends_on=date(2025, 5, 30),
            seats=15,
        ),
    )
    people = [
        make_client(
            session,
            site=site,
            gender=Gender.MALE if i == 14 else Gender.FEMALE,
            citizenship="UA",
            residence_status=ResidenceStatus.TEMPORARY_PROTECTION,
            german_level=CefrLevel.A2,
            unemployed_since=date(2024, 11, 1),
        )
        for i in range(15)
    ]
    parts = []
    for person in people:
        enrolment = courses.enrol(
            session, person, EnrolmentCreate(run_id=run.id, on=date(2025, 2, 20))
        )
        assert enrolment.waiting_position is None
        parts.append(courses.start(session, enrolment.participation.id, date(2025, 3, 3)))
    firms = [make_employer(session, name=f"Betrieb {i}") for i in range(5)]
    for i, p in enumerate(parts[:13]):  # the man (index 14) and one woman find no internship
        participation.record_internship(
            session,
            p.id,
            InternshipCreate(
                employer_id=firms[i % 5].id, start=date(2025, 4, 7), end=date(2025, 5, 9)
            ),
        )
    for p in parts:
        participation.complete(session, p.id, Completion(on=date(2025, 5, 30)))
    event = EmployerEvent(
        kind=EventKind.ACTION_WEEK,
        title="Aktionswoche: Praktikumsberichte",
        site_id=site.id,
        starts_at=datetime(2025, 6, 3, 10, tzinfo=UTC),
    )
    session.add(event)
    session.flush()
    for p in parts[:7]:
        participation.record_presentation(
            session, p.id, Presentation(on=date(2025, 6, 3), event_id=event.id)
        )
    for p in parts[:2]:
        participation.record_hire(
            session,
            p.id,
            HireCreate(on=date(2025, 6, 16), employer_id=p.internship_employer_id or 0),
        )
    return run


def test_the_funnel_counts_fifteen_thirteen_seven_two(session: Session) -> None:
    run = record_anhalt_bitterfeld(session)
    rows = measure_funnel(session, "avgs_mat", run.id)
    # by construction above: 15 started (14 women), internships for the first 13 (all women),
    # the first 7 reported, the first 2 hired
    assert [(r.stage, r.count, r.women) for r in rows] == [
        ("participants", 15, 14),
        ("internship", 13, 13),
        ("presented", 7, 7),
        ("hired", 2, 2),
    ]
    # 13/15, 7/15, 2/15 and 7/13, 2/7, rounded to three places
    assert [r.share_of_start for r in rows] == [1.0, 0.867, 0.467, 0.133]
    assert [r.share_of_previous for r in rows] == [None, 0.867, 0.538, 0.286]


def test_the_hires_are_job_starts_that_count_as_integrations(session: Session) -> None:
    record_anhalt_bitterfeld(session)
    kinds = session.scalars(sa.select(JobStart.kind)).all()
    assert kinds == [IntegrationKind.EMPLOYMENT, IntegrationKind.EMPLOYMENT]
    assert all(k.counts_as_integration for k in kinds)


def test_the_funnel_command_prints_and_writes_a_chart_ready_table(
    monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path: Path
) -> None:
    from lotse.cli import _common

    monkeypatch.setattr(_common.console, "width", 200)  # rich wraps to the terminal width
    with session_scope(get_engine(database_url)) as session:
        run_id = record_anhalt_bitterfeld(session).id
    out, chart = tmp_path / "funnel.csv", tmp_path / "funnel.png"
    result = CliRunner().invoke(
        app,
        [
            "measures",
            "funnel",
            "--measure",
            "avgs_mat",
            "--run",
            str(run_id),
            "--out",
            str(out),
            "--chart",
            str(chart),
        ],
        env={"COLUMNS": "160"},
    )
    assert result.exit_code == 0, result.output
    assert "Teilnehmende" in result.output
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["stage"], r["count"], r["women"]) for r in rows] == [
        ("participants", "15", "14"),
        ("internship", "13", "13"),
        ("presented", "7", "7"),
        ("hired", "2", "2"),
    ]
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_the_funnel_of_an_unused_measure_is_empty_and_writes_nothing(session: Session) -> None:
    from lotse.errors import InvalidInput
    from lotse.models import Measure

    rows = measure_funnel(session, "avgs_mag")
    assert [r.count for r in rows] == [0, 0, 0, 0]
    assert session.scalar(sa.select(sa.func.count(Measure.id))) == 0
    with pytest.raises(InvalidInput):
        measure_funnel(session, "yoga")
