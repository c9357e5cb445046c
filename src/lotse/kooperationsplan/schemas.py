"""Schemas of the Kooperationsplan."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from lotse.domain.measure_codes import PlanForm, StepResponsible

_STRICT = ConfigDict(extra="forbid")


class StepCreate(BaseModel):
    model_config = _STRICT

    text: str = Field(min_length=3, max_length=1000)
    responsible: StepResponsible
    goal: int | None = Field(default=None, ge=1, description="1-based number of the goal")
    due_on: date | None = None


class PlanCreate(BaseModel):
    model_config = _STRICT

    potential_analysis_on: date
    agreed_on: date
    form: PlanForm = PlanForm.AGREEMENT
    next_review_on: date | None = None
    """Default and latest: six months after the agreement (§ 15 Abs. 3 SGB II)."""
    goals: list[str] = Field(min_length=1)
    steps: list[StepCreate] = Field(default_factory=list)
    officer_id: int | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> PlanCreate:
        if self.potential_analysis_on > self.agreed_on:
            raise ValueError("the Potenzialanalyse comes before the plan (§ 15 Abs. 1 SGB II)")
        if any(not g.strip() for g in self.goals):
            raise ValueError("a goal must not be empty")
        for step in self.steps:
            if step.goal is not None and step.goal > len(self.goals):
                raise ValueError(f"step refers to goal {step.goal}, the plan has {len(self.goals)}")
        return self


class ReviewCreate(BaseModel):
    model_config = _STRICT

    reviewed_on: date
    next_review_on: date | None = None
    note: str | None = None


class StepDone(BaseModel):
    model_config = _STRICT

    on: date


class GoalRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    position: int
    text: str


class StepRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    goal_id: int | None
    responsible: StepResponsible
    text: str
    due_on: date | None
    done_on: date | None


class ReviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    reviewed_on: date
    next_review_on: date
    note: str | None


class PlanRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: int
    potential_analysis_on: date
    agreed_on: date
    form: PlanForm
    next_review_on: date
    ended_on: date | None
    note: str | None
    goals: list[GoalRead]
    steps: list[StepRead]
    reviews: list[ReviewRead]


class OverduePlan(BaseModel):
    plan_id: int
    client_ref: str
    next_review_on: date
    days_overdue: int
