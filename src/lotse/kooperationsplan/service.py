"""The Kooperationsplan (§ 15 SGB II): agreed after the Potenzialanalyse, reviewed jointly at
least every six months (§ 15 Abs. 3 SGB II). A new plan ends the one in force.

Since 1.7.2023 the plan is agreed in Textform without a Rechtsfolgenbelehrung; the 2026 reform
lets the Jobcenter set obligations by Verwaltungsakt (primer § 6, [U]: final text not checked),
recorded as ``form = administrative_act`` with the same review rule. Services flush, never commit.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lotse.domain.deadlines import add_months
from lotse.errors import InvalidInput, InvalidTransition, NotFound, Problem
from lotse.kooperationsplan.repository import PlanRepository
from lotse.kooperationsplan.schemas import (
    OverduePlan,
    PlanCreate,
    ReviewCreate,
    StepCreate,
    StepDone,
)
from lotse.models import (
    Client,
    Kooperationsplan,
    KooperationsplanGoal,
    KooperationsplanReview,
    KooperationsplanStep,
)

REVIEW_MONTHS = 6
"""§ 15 Abs. 3 SGB II: reviewed and updated at the latest after six months."""


def _next_review(start: date, wanted: date | None, column: str) -> date:
    latest = add_months(start, REVIEW_MONTHS)
    if wanted is None:
        return latest
    if wanted <= start:
        raise InvalidInput(
            Problem(
                "date",
                "must be after the plan or review date",
                column=column,
                value=wanted.isoformat(),
            )
        )
    if wanted > latest:
        raise InvalidInput(
            Problem(
                "§ 15 Abs. 3 SGB II",
                f"reviewed at least every six months: at the latest on {latest.isoformat()}",
                column=column,
                value=wanted.isoformat(),
            )
        )
    return wanted


def create(session: Session, client: Client, data: PlanCreate) -> Kooperationsplan:
    """A new plan with its goals and steps; the plan in force so far ends on ``agreed_on``."""
    repo = PlanRepository(session)
    previous = repo.current(client.id)
    if previous is not None:
        if data.agreed_on < previous.agreed_on:
            raise InvalidInput(
                Problem(
                    "date",
                    f"before the plan in force ({previous.agreed_on})",
                    column="agreed_on",
                    value=data.agreed_on.isoformat(),
                )
            )
        previous.ended_on = data.agreed_on
    plan = Kooperationsplan(
        client_id=client.id,
        officer_id=data.officer_id,
        potential_analysis_on=data.potential_analysis_on,
        agreed_on=data.agreed_on,
        form=data.form,
        next_review_on=_next_review(data.agreed_on, data.next_review_on, "next_review_on"),
        note=data.note,
    )
    repo.add(plan)
    goals = [
        KooperationsplanGoal(plan_id=plan.id, position=i, text=text.strip())
        for i, text in enumerate(data.goals, start=1)
    ]
    session.add_all(goals)
    session.flush()
    for step in data.steps:
        _add_step(session, plan, goals, step)
    session.flush()
    return plan


def _add_step(
    session: Session, plan: Kooperationsplan, goals: list[KooperationsplanGoal], data: StepCreate
) -> KooperationsplanStep:
    goal_id = None
    if data.goal is not None:
        if data.goal > len(goals):
            raise InvalidInput(
                Problem(
                    "goal",
                    f"the plan has {len(goals)} goal(s)",
                    column="goal",
                    value=str(data.goal),
                )
            )
        goal_id = goals[data.goal - 1].id
    step = KooperationsplanStep(
        plan_id=plan.id,
        goal_id=goal_id,
        responsible=data.responsible,
        text=data.text,
        due_on=data.due_on,
    )
    session.add(step)
    return step


def _plan(session: Session, plan_id: int) -> Kooperationsplan:
    plan = PlanRepository(session).detailed(plan_id)
    if plan is None:
        raise NotFound(f"Kooperationsplan {plan_id} not found")
    if plan.ended_on is not None:
        raise InvalidTransition(f"Kooperationsplan {plan_id} ended on {plan.ended_on}")
    return plan


def add_step(session: Session, plan_id: int, data: StepCreate) -> KooperationsplanStep:
    """Agree one more step."""
    plan = _plan(session, plan_id)
    step = _add_step(session, plan, list(plan.goals), data)
    session.flush()
    return step


def complete_step(session: Session, step_id: int, data: StepDone) -> KooperationsplanStep:
    step = session.get(KooperationsplanStep, step_id)
    if step is None:
        raise NotFound(f"step {step_id} not found")
    plan = _plan(session, step.plan_id)
    if step.done_on is not None:
        raise InvalidTransition(f"step {step_id} was done on {step.done_on}")
    if data.on < plan.agreed_on:
        raise InvalidInput(
            Problem("date", "before the plan was agreed", column="on", value=data.on.isoformat())
        )
    step.done_on = data.on
    session.flush()
    return step


def review(session: Session, plan_id: int, data: ReviewCreate) -> KooperationsplanReview:
    """A joint review; the next one is due at the latest six months later."""
    plan = _plan(session, plan_id)
    last = max([plan.agreed_on, *(r.reviewed_on for r in plan.reviews)])
    if data.reviewed_on < last:
        raise InvalidInput(
            Problem(
                "date",
                f"before the last review or agreement ({last})",
                column="reviewed_on",
                value=data.reviewed_on.isoformat(),
            )
        )
    next_on = _next_review(data.reviewed_on, data.next_review_on, "next_review_on")
    entry = KooperationsplanReview(
        plan_id=plan.id, reviewed_on=data.reviewed_on, next_review_on=next_on, note=data.note
    )
    session.add(entry)
    plan.next_review_on = next_on
    session.flush()
    return entry


def current(session: Session, client: Client) -> Kooperationsplan | None:
    return PlanRepository(session).current(client.id)


def overdue(
    session: Session,
    *,
    on: date,
    site_id: int | None = None,
    clients: ColumnElement[bool] | None = None,
) -> list[OverduePlan]:
    """Plans in force whose review is overdue at ``on`` (``clients`` narrows, as SQL on Client)."""
    rows = PlanRepository(session).overdue(on, site_id, clients)
    return [
        OverduePlan(
            plan_id=p.id,
            client_ref=ref,
            next_review_on=p.next_review_on,
            days_overdue=(on - p.next_review_on).days,
        )
        for p, ref in rows
    ]
