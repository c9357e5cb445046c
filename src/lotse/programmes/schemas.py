"""API and form schemas for programmes."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from lotse.domain.codes import ProgrammeKind


def _valid_rule(rule: dict[str, Any] | None) -> dict[str, Any] | None:
    from lotse.domain.target_rules import validate_rule

    if rule is not None:
        try:
            problems = validate_rule(rule)
        except TypeError:  # e.g. a list where a level is expected
            problems = ["the rule has a value of the wrong type"]
        if problems:
            raise ValueError("; ".join(problems))
    return rule


class ProgrammeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    name: str
    kind: ProgrammeKind
    target_rule: dict[str, Any]
    caseload_ratio: int | None
    contacts_per_month: float | None
    starts_on: date | None
    ends_on: date | None
    description: str | None


class _Dates(BaseModel):
    @model_validator(mode="after")
    def _ends_after_start(self) -> _Dates:
        starts, ends = getattr(self, "starts_on", None), getattr(self, "ends_on", None)
        if starts and ends and ends < starts:
            raise ValueError("ends_on must not be before starts_on")
        return self


class ProgrammeCreate(_Dates):
    code: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_]*$")
    name: str = Field(min_length=1, max_length=200)
    kind: ProgrammeKind = ProgrammeKind.PROGRAMME
    target_rule: dict[str, Any] = Field(default_factory=dict)
    caseload_ratio: int | None = Field(default=None, ge=1, le=10_000)
    contacts_per_month: float | None = Field(default=None, ge=0, le=31)
    starts_on: date | None = None
    ends_on: date | None = None
    description: str | None = Field(default=None, max_length=5000)

    _rule = field_validator("target_rule")(_valid_rule)


class ProgrammeUpdate(_Dates):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    kind: ProgrammeKind | None = None
    target_rule: dict[str, Any] | None = None
    caseload_ratio: int | None = Field(default=None, ge=1, le=10_000)
    contacts_per_month: float | None = Field(default=None, ge=0, le=31)
    starts_on: date | None = None
    ends_on: date | None = None
    description: str | None = Field(default=None, max_length=5000)

    _rule = field_validator("target_rule")(_valid_rule)
