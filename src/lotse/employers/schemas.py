"""API and form schemas for employers and vacancies."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from lotse.api.params import IdField
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import VacancyHours, VacancyStatus

PLZ = Field(default=None, pattern=r"^[0-9]{5}$", description="German postcode, five digits")
EMAIL = Field(default=None, max_length=200, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
REF = Field(
    min_length=1,
    max_length=64,
    pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$",
    description="the id used in the exchange format",
)


class EmployerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    ref: str
    name: str | None
    plz: str | None
    contact_name: str | None
    contact_email: str | None
    site_id: int | None


class EmployerCreate(BaseModel):
    ref: str = REF
    name: str = Field(min_length=1, max_length=200)
    plz: str | None = PLZ
    contact_name: str | None = Field(default=None, max_length=200)
    contact_email: str | None = EMAIL
    site_id: IdField | None = None


class EmployerUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    plz: str | None = PLZ
    contact_name: str | None = Field(default=None, max_length=200)
    contact_email: str | None = EMAIL
    site_id: IdField | None = None


class VacancyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    ref: str
    employer_id: IdField
    title: str
    kldb: str
    german_level_min: CefrLevel | None
    plz: str | None
    hours: VacancyHours | None
    openings: int
    driving_licence_required: bool | None
    posted_on: date | None
    status: VacancyStatus


class _VacancyFields(BaseModel):
    @field_validator("kldb", check_fields=False)
    @classmethod
    def _known_occupation(cls, value: str | None) -> str | None:
        from lotse.reference.kldb import is_occupation

        if value is not None and not is_occupation(value):
            raise ValueError(f"{value} is not a five-digit KldB 2010 occupation code")
        return value


class VacancyCreate(_VacancyFields):
    ref: str = REF
    employer_id: IdField
    title: str = Field(min_length=1, max_length=300)
    kldb: str = Field(pattern=r"^[0-9]{5}$")
    german_level_min: CefrLevel | None = None
    plz: str | None = PLZ
    hours: VacancyHours | None = None
    openings: int = Field(default=1, ge=1, le=10_000)
    driving_licence_required: bool | None = None
    posted_on: date | None = None
    status: VacancyStatus = VacancyStatus.OPEN


class VacancyUpdate(_VacancyFields):
    title: str | None = Field(default=None, min_length=1, max_length=300)
    kldb: str | None = Field(default=None, pattern=r"^[0-9]{5}$")
    german_level_min: CefrLevel | None = None
    plz: str | None = PLZ
    hours: VacancyHours | None = None
    openings: int | None = Field(default=None, ge=1, le=10_000)
    driving_licence_required: bool | None = None
    posted_on: date | None = None
    status: VacancyStatus | None = None
