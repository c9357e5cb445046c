"""Case work on the client's file: not-integrable assessments, Kooperationsplan, recognition."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.casefile.actions import client_action, owned, within
from lotse.domain.measure_codes import StepResponsible
from lotse.errors import InvalidInput, Problem
from lotse.kooperationsplan import service as plans
from lotse.kooperationsplan.schemas import PlanCreate, ReviewCreate, StepCreate, StepDone
from lotse.models import (
    Client,
    Kooperationsplan,
    KooperationsplanStep,
    NotIntegrableAssessment,
)
from lotse.not_integrable import service as not_integrable
from lotse.not_integrable.schemas import AssessmentClose, AssessmentCreate
from lotse.recognition import service as recognition
from lotse.recognition.schemas import RecognitionCreate
from lotse.web.forms import FormDep, parse_form

router = APIRouter(include_in_schema=False)


@router.post("/clients/{client_id}/not-integrable")
def assess(
    client_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("client.not_integrable", "update")],
) -> Response:
    def run(client: Client) -> object:
        data = parse_form(AssessmentCreate, form | {"officer_id": access.principal.officer_id})
        within(data.assessed_on, "assessed_on")
        if data.review_on is not None:
            within(data.review_on, "review_on")
        return not_integrable.assess(session, client, data)

    return client_action(
        request, session, access, client_id, panel="not_integrable", what="not_integrable",
        run=run, done="casefile.done.assessed",
    )  # fmt: skip


@router.post("/clients/{client_id}/not-integrable/{assessment_id}/close")
def close_assessment(
    client_id: IdPath,
    assessment_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("client.not_integrable", "update")],
) -> Response:
    def run(client: Client) -> object:
        owned(session.get(NotIntegrableAssessment, assessment_id), client, "assessment")
        return not_integrable.close(session, assessment_id, parse_form(AssessmentClose, form))

    return client_action(
        request, session, access, client_id, panel="not_integrable", what="not_integrable",
        run=run, done="casefile.done.closed",
    )  # fmt: skip


class PlanForm(BaseModel):
    """The plan form: one goal per line; a first step for the client and one for the Jobcenter."""

    potential_analysis_on: date
    agreed_on: date
    next_review_on: date | None = None
    goals: str = Field(min_length=3, max_length=4000)
    client_step: str | None = Field(default=None, max_length=1000)
    jobcenter_step: str | None = Field(default=None, max_length=1000)
    note: str | None = Field(default=None, max_length=2000)

    def create(self, officer_id: int | None) -> PlanCreate:
        goals = [line.strip() for line in self.goals.splitlines() if line.strip()]
        steps = [
            StepCreate(text=text, responsible=who, goal=1)
            for text, who in (
                (self.client_step, StepResponsible.CLIENT),
                (self.jobcenter_step, StepResponsible.JOBCENTER),
            )
            if text and text.strip()
        ]
        return PlanCreate(
            potential_analysis_on=self.potential_analysis_on,
            agreed_on=self.agreed_on,
            next_review_on=self.next_review_on,
            goals=goals,
            steps=steps,
            officer_id=officer_id,
            note=self.note,
        )


def _plan_input(form: dict[str, str], officer_id: int | None) -> PlanCreate:
    parsed = parse_form(PlanForm, form)
    for column in ("potential_analysis_on", "agreed_on", "next_review_on"):
        value = getattr(parsed, column)
        if value is not None:
            within(value, column)
    try:
        return parsed.create(officer_id)
    except ValueError as exc:  # the plan's own consistency rules
        raise InvalidInput(Problem("plan", str(exc), column="goals")) from None


@router.post("/clients/{client_id}/kooperationsplan")
def create_plan(
    client_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("client.plan", "update")],
) -> Response:
    def run(client: Client) -> object:
        return plans.create(session, client, _plan_input(form, access.principal.officer_id))

    return client_action(
        request, session, access, client_id, panel="kooperationsplan", what="kooperationsplan",
        run=run, done="casefile.done.plan",
    )  # fmt: skip


@router.post("/clients/{client_id}/kooperationsplan/steps/{step_id}/done")
def step_done(
    client_id: IdPath,
    step_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("client.plan", "update")],
) -> Response:
    def run(client: Client) -> object:
        step = session.get(KooperationsplanStep, step_id)
        plan = session.get(Kooperationsplan, step.plan_id) if step else None
        owned(plan, client, "step")
        return plans.complete_step(session, step_id, parse_form(StepDone, form))

    return client_action(
        request, session, access, client_id, panel="kooperationsplan", what="kooperationsplan",
        run=run, done="casefile.done.step",
    )  # fmt: skip


@router.post("/clients/{client_id}/kooperationsplan/{plan_id}/review")
def review_plan(
    client_id: IdPath,
    plan_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("client.plan", "update")],
) -> Response:
    def run(client: Client) -> object:
        owned(session.get(Kooperationsplan, plan_id), client, "plan")
        data = parse_form(ReviewCreate, form)
        within(data.reviewed_on, "reviewed_on")
        return plans.review(session, plan_id, data)

    return client_action(
        request, session, access, client_id, panel="kooperationsplan", what="kooperationsplan",
        run=run, done="casefile.done.review",
    )  # fmt: skip


@router.post("/clients/{client_id}/recognition")
def start_recognition(
    client_id: IdPath,
    request: Request,
    session: SessionDep,
    form: FormDep,
    access: Annotated[Access, Guard("client.recognition", "update")],
) -> Response:
    def run(client: Client) -> object:
        return recognition.start(session, client, parse_form(RecognitionCreate, form))

    return client_action(
        request, session, access, client_id, panel="recognition", what="recognition",
        run=run, done="casefile.done.recognition",
    )  # fmt: skip
