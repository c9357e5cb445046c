"""The Kooperationsplan (§ 15 SGB II): goals, steps, reviews at least every six months."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from lotse.domain.measure_codes import StepResponsible
from lotse.errors import InvalidInput, InvalidTransition
from lotse.kooperationsplan import service
from lotse.kooperationsplan.schemas import PlanCreate, PlanRead, ReviewCreate, StepCreate, StepDone
from lotse.validation import parse
from tests.factories import make_client

GOALS = ["Deutsch B1 erreichen", "Arbeit als Lagerhelferin"]


def plan_data(**kw: object) -> PlanCreate:
    values: dict[str, object] = {
        "potential_analysis_on": date(2025, 1, 20),
        "agreed_on": date(2025, 1, 31),
        "goals": GOALS,
        "steps": [
            {
                "text": "Anmeldung Integrationskurs",
                "responsible": "client",
                "goal": 1,
                "due_on": date(2025, 2, 28),
            },
            {"text": "AVGS ausstellen", "responsible": "jobcenter", "goal": 2},
        ],
    }
    return PlanCreate.model_validate(values | kw)


def test_a_plan_is_reviewed_at_the_latest_six_months_after_agreement(session: Session) -> None:
    client = make_client(session)
    plan = service.create(session, client, plan_data())
    assert plan.next_review_on == date(2025, 7, 31)
    read = PlanRead.model_validate(service.current(session, client))
    assert [g.text for g in read.goals] == GOALS
    assert [s.responsible for s in read.steps] == [
        StepResponsible.CLIENT,
        StepResponsible.JOBCENTER,
    ]
    assert read.steps[0].goal_id == read.goals[0].id


def test_a_review_date_beyond_six_months_is_refused(session: Session) -> None:
    with pytest.raises(InvalidInput) as caught:
        service.create(session, make_client(session), plan_data(next_review_on=date(2025, 8, 1)))
    assert caught.value.problems[0].rule == "§ 15 Abs. 3 SGB II"


def test_the_potenzialanalyse_comes_before_the_plan() -> None:
    with pytest.raises(InvalidInput):
        parse(
            PlanCreate,
            {"potential_analysis_on": "2025-02-01", "agreed_on": "2025-01-31", "goals": GOALS},
        )


def test_overdue_plans_are_listed_until_reviewed(session: Session) -> None:
    client = make_client(session)
    plan = service.create(session, client, plan_data())
    assert service.overdue(session, on=date(2025, 7, 31)) == []
    (late,) = service.overdue(session, on=date(2025, 8, 5))
    assert (late.plan_id, late.days_overdue) == (plan.id, 5)
    review = service.review(session, plan.id, ReviewCreate(reviewed_on=date(2025, 8, 5)))
    assert review.next_review_on == date(2026, 2, 5)
    assert service.overdue(session, on=date(2025, 8, 6)) == []


def test_a_new_plan_ends_the_plan_in_force(session: Session) -> None:
    client = make_client(session)
    old = service.create(session, client, plan_data())
    new = service.create(session, client, plan_data(agreed_on=date(2025, 6, 1)))
    assert old.ended_on == date(2025, 6, 1)
    current = service.current(session, client)
    assert current is not None
    assert current.id == new.id
    with pytest.raises(InvalidTransition):
        service.review(session, old.id, ReviewCreate(reviewed_on=date(2025, 6, 2)))


def test_steps_are_added_and_done(session: Session) -> None:
    plan = service.create(session, make_client(session), plan_data(steps=[]))
    step = service.add_step(
        session,
        plan.id,
        StepCreate(text="Bewerbung bei drei Betrieben", responsible=StepResponsible.CLIENT, goal=2),
    )
    service.complete_step(session, step.id, StepDone(on=date(2025, 3, 1)))
    assert step.done_on == date(2025, 3, 1)
    with pytest.raises(InvalidInput):
        service.add_step(
            session,
            plan.id,
            StepCreate(text="Ziel drei", goal=3, responsible=StepResponsible.CLIENT),
        )
