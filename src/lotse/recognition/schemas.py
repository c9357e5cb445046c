"""Schemas of recognition procedures."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from lotse.domain.measure_codes import RecognitionOutcome
from lotse.reference import kldb

_STRICT = ConfigDict(extra="forbid")


class RecognitionCreate(BaseModel):
    model_config = _STRICT

    profession: str = Field(min_length=2, max_length=200)
    kldb: str | None = None
    regulated: bool | None = None
    authority: str | None = Field(default=None, max_length=200)
    counselled_on: date | None = None
    applied_on: date | None = None
    note: str | None = None

    @field_validator("kldb")
    @classmethod
    def _kldb(cls, value: str | None) -> str | None:
        if value is not None and not kldb.is_occupation(value):
            raise ValueError(f"{value!r} is not a five-digit KldB 2010 occupation")
        return value


class Application(BaseModel):
    model_config = _STRICT

    on: date


class DocumentsComplete(BaseModel):
    model_config = _STRICT

    on: date


class Extension(BaseModel):
    model_config = _STRICT

    to: date
    reason: str = Field(min_length=5, max_length=500)


class RecognitionDecision(BaseModel):
    model_config = _STRICT

    on: date
    outcome: RecognitionOutcome
    adaptation: str | None = None

    @model_validator(mode="after")
    def _adaptation_only_if_partial(self) -> RecognitionDecision:
        if self.adaptation and self.outcome is not RecognitionOutcome.PARTIAL:
            raise ValueError("an adaptation measure follows a partial recognition only")
        return self


class RecognitionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: int
    profession: str
    kldb: str | None
    regulated: bool | None
    authority: str | None
    counselled_on: date | None
    applied_on: date | None
    documents_complete_on: date | None
    decision_due_on: date | None
    deadline_extended_to: date | None
    decided_on: date | None
    outcome: RecognitionOutcome | None
    adaptation: str | None


class RecognitionStatus(BaseModel):
    """Where a procedure stands at a date: the next step, its deadline, whether it is overdue."""

    procedure: RecognitionRead
    client_ref: str
    next_step: str
    due_on: date | None
    overdue: bool
    days_overdue: int
