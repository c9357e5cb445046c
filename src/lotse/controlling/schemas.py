"""Inputs of programme controlling: what a report covers and the assumptions it prints."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from lotse.analytics.months import parse_month
from lotse.analytics.savings import COST_PER_FTE_YEAR_EUR, SavingsAssumptions


class SavingsInput(BaseModel):
    """The assumptions of the savings estimate (see ``SavingsAssumptions``)."""

    model_config = ConfigDict(frozen=True)

    waiting_months: int = Field(6, ge=0, le=24)
    extra_staff_fte: float = Field(0.0, ge=0)
    annual_cost_per_fte_eur: float = Field(COST_PER_FTE_YEAR_EUR, ge=0)
    missing_llu_eur: float = Field(563.0, ge=0)
    top_up_share: float = Field(0.5, ge=0, le=1)
    kdu_per_person_eur: float = Field(0.0, ge=0)

    def assumptions(self) -> SavingsAssumptions:
        return SavingsAssumptions(**self.model_dump())


class ReportOptions(BaseModel):
    """One report: a month, optionally one programme or one site, and a reference value."""

    model_config = ConfigDict(frozen=True)

    month: str = Field(description="reference month YYYY-MM")
    programme: str | None = None
    site: str | None = None
    reference_quota: float | None = Field(
        None, ge=0, le=100, description="a reference Integrationsquote in percent, e.g. 11.3"
    )
    reference_label: str = "Referenzwert"
    trend_months: int = Field(24, ge=1, le=60)
    savings: SavingsInput = SavingsInput()

    @field_validator("month")
    @classmethod
    def _month(cls, value: str) -> str:
        parse_month(value)
        return value.strip()

    @property
    def ref_m(self) -> int:
        return parse_month(self.month)
