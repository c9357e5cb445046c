"""Pydantic schemas of the measures feature: what services take and what the API returns."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import IntegrationKind, ParticipationStatus
from lotse.domain.eligibility import Eligibility, MeasureRules
from lotse.domain.eligibility_facts import Params
from lotse.domain.measure_codes import LanguageLevelSource

_STRICT = ConfigDict(extra="forbid")


class RuleRead(BaseModel):
    id: str
    effect: str
    reason: str
    legal_basis: str
    when: dict[str, Any] | None = None
    unless: dict[str, Any] | None = None
    require: dict[str, Any] | None = None
    limit: dict[str, Any] | None = None
    note: str | None = None
    unverified: bool = False


class MeasureRead(BaseModel):
    code: str
    name: str
    name_en: str | None = None
    kind: str
    legal_basis: str
    description: str | None = None
    active_measure: bool
    max_weeks: int | None = None
    local: bool
    rules: list[RuleRead]

    @classmethod
    def of(cls, measure: MeasureRules) -> MeasureRead:
        data = measure.to_dict()
        return cls.model_validate(data | {"local": measure.local})


class EligibilityParams(BaseModel):
    """Facts of a request that the exchange format does not hold (all optional)."""

    model_config = _STRICT

    birth_date: date | None = None
    receives_sgb2: bool | None = None
    long_term_unemployed: bool | None = None
    serious_obstacles: bool | None = None
    placement_hindered: bool | None = None
    discretionary_duldung: bool | None = None
    duldung_months: int | None = Field(default=None, ge=0)
    safe_country_of_origin: bool | None = None
    permit_issued_on: date | None = None
    permit_grants_entitlement: bool | None = None
    late_registration_excused: bool | None = None
    in_school: bool | None = None
    in_vocational_training: bool | None = None
    requested_weeks: int | None = Field(default=None, ge=0)
    requested_months: int | None = Field(default=None, ge=0)
    requested_percent: int | None = Field(default=None, ge=0, le=100)
    requested_start: date | None = None

    def to_domain(self) -> Params:
        return Params(**self.model_dump())

    def stored(self) -> dict[str, Any]:
        """The given values only, JSON-friendly (as kept with a participation)."""
        return self.model_dump(mode="json", exclude_none=True)


class ReasonRead(BaseModel):
    rule: str
    kind: str
    text: str
    legal_basis: str
    decisive: bool
    note: str | None = None
    unverified: bool = False


class EligibilityRead(BaseModel):
    measure: str
    measure_name: str
    decision: str
    decision_label: str
    reasons: list[ReasonRead]

    @classmethod
    def of(cls, answer: Eligibility) -> EligibilityRead:
        reasons = [
            ReasonRead(
                rule=r.rule,
                kind=r.kind.value,
                text=r.text,
                legal_basis=r.legal_basis,
                decisive=r.decisive,
                note=r.note,
                unverified=r.unverified,
            )
            for r in answer.reasons
        ]
        return cls(
            measure=answer.measure,
            measure_name=answer.measure_name,
            decision=answer.decision.value,
            decision_label=answer.decision.label,
            reasons=reasons,
        )


class RunCreate(BaseModel):
    model_config = _STRICT

    measure: str = Field(min_length=1)
    title: str | None = Field(default=None, max_length=200)
    provider: str | None = Field(default=None, max_length=200)
    site_id: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    seats: int = Field(ge=0, le=10_000)
    entry_level: CefrLevel | None = None
    target_level: CefrLevel | None = None

    @model_validator(mode="after")
    def _dates_and_levels(self) -> RunCreate:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        if self.entry_level and self.target_level and self.target_level <= self.entry_level:
            raise ValueError("target_level must be above entry_level")
        return self


class RunRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    measure_code: str
    title: str | None
    provider: str | None
    site_id: int | None
    starts_on: date | None
    ends_on: date | None
    seats: int
    entry_level: CefrLevel | None
    target_level: CefrLevel | None
    taken: int
    free: int
    waiting: int


class EnrolmentCreate(BaseModel):
    model_config = _STRICT

    run_id: int
    on: date
    params: EligibilityParams = Field(default_factory=EligibilityParams)
    override_reason: str | None = Field(default=None, min_length=10, max_length=500)


class ParticipationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: int
    measure_id: int
    run_id: int | None
    status: ParticipationStatus
    start: date | None
    end: date | None
    level_reached: CefrLevel | None
    exam_on: date | None
    decision: str | None
    decision_reasons: list[str]
    override_reason: str | None
    dropout_reason: str | None
    internship_employer_id: int | None
    internship_start: date | None
    internship_end: date | None
    presented_on: date | None
    job_start_id: int | None


class EnrolmentRead(BaseModel):
    participation: ParticipationRead
    waiting_position: int | None
    """1-based place on the waiting list; None when the client got a seat."""


class ExamResult(BaseModel):
    model_config = _STRICT

    level: CefrLevel
    on: date


class Completion(BaseModel):
    model_config = _STRICT

    on: date
    level_reached: CefrLevel | None = None


class DropOut(BaseModel):
    model_config = _STRICT

    on: date
    reason: str = Field(min_length=3, max_length=500)


class InternshipCreate(BaseModel):
    model_config = _STRICT

    employer_id: int
    start: date
    end: date
    params: EligibilityParams = Field(default_factory=EligibilityParams)

    @model_validator(mode="after")
    def _order(self) -> InternshipCreate:
        if self.end < self.start:
            raise ValueError("the internship ends before it starts")
        return self

    @property
    def weeks(self) -> int:
        """Calendar weeks begun, first and last day included (40 days → 6 weeks)."""
        return -(-((self.end - self.start).days + 1) // 7)


class Presentation(BaseModel):
    model_config = _STRICT

    on: date
    event_id: int | None = None


class HireCreate(BaseModel):
    model_config = _STRICT

    on: date
    employer_id: int
    kind: IntegrationKind = IntegrationKind.EMPLOYMENT
    monthly_gross_eur: float | None = Field(default=None, ge=0)


class LanguageLevelCreate(BaseModel):
    model_config = _STRICT

    level: CefrLevel
    recorded_on: date
    source: LanguageLevelSource
    note: str | None = Field(default=None, max_length=500)


class PathwayStep(BaseModel):
    recorded_on: date
    level: CefrLevel
    source: LanguageLevelSource
    measure: str | None = None


class Pathway(BaseModel):
    client_id: int
    steps: list[PathwayStep]

    @property
    def text(self) -> str:
        """The levels in order, e.g. ``A1 → B1 → B2`` (repeated levels shown once)."""
        levels: list[str] = []
        for step in self.steps:
            if not levels or levels[-1] != step.level.value:
                levels.append(step.level.value)
        return " → ".join(levels)


class FunnelRow(BaseModel):
    stage: str
    label: str
    count: int
    women: int
    share_of_start: float | None
    share_of_previous: float | None
