"""Schemas of "not integrable now" assessments."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from lotse.domain.codes import NotIntegrableReason

_STRICT = ConfigDict(extra="forbid")


class AssessmentCreate(BaseModel):
    model_config = _STRICT

    reason: NotIntegrableReason
    assessed_on: date
    review_on: date | None = None
    """Default: six months after the assessment (Lotse's default, not a legal period)."""
    officer_id: int | None = None
    note: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _review_after_assessment(self) -> AssessmentCreate:
        if self.review_on is not None and self.review_on <= self.assessed_on:
            raise ValueError("review_on must be after assessed_on")
        return self


class AssessmentReview(BaseModel):
    """A review that keeps the assessment and sets the next review date."""

    model_config = _STRICT

    reviewed_on: date
    next_review_on: date
    note: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _next_after_review(self) -> AssessmentReview:
        if self.next_review_on <= self.reviewed_on:
            raise ValueError("next_review_on must be after reviewed_on")
        return self


class AssessmentClose(BaseModel):
    model_config = _STRICT

    on: date
    note: str | None = Field(default=None, max_length=2000)


class AssessmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: int
    reason: NotIntegrableReason
    assessed_on: date
    review_on: date
    closed_on: date | None
    officer_id: int | None
    note: str | None


class OverdueReview(BaseModel):
    assessment: AssessmentRead
    client_ref: str
    days_overdue: int


class ReasonCount(BaseModel):
    reason: NotIntegrableReason
    clients: int
    share_of_active: float | None


class NotIntegrableSummary(BaseModel):
    """Open assessments by reason, against the active clients of the selection."""

    active_clients: int
    not_integrable_clients: int
    share: float | None
    by_reason: list[ReasonCount]
