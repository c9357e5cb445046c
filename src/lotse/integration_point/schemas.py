"""API schemas of the Integration Point (cases, consents, referrals, handovers, sections)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, model_validator

from lotse.domain.agencies import Agency, ConsentPurpose, DataCategory
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import (
    DegreeRecognition,
    Gender,
    IntegrationKind,
    ParticipationStatus,
    Qualification,
    ResidenceStatus,
)
from lotse.domain.integration_point import (
    AsylumState,
    CaseStatus,
    ContactPlace,
    HandoverReason,
    ReferralKind,
    ReferralStatus,
)
from lotse.domain.measure_codes import LanguageLevelSource

Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Kldb = Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class PersonCreate(BaseModel):
    """A person the registry does not hold yet (e.g. met in a shelter before any benefit)."""

    name: Text
    birth_year: int | None = Field(default=None, ge=1900, le=2100)
    gender: Gender | None = None
    citizenship: Country | None = None
    residence_status: ResidenceStatus | None = None
    work_permitted: bool | None = None
    languages: list[LanguageCode] = Field(default_factory=list, max_length=10)
    site_id: int | None = Field(default=None, ge=1, description="default: the user's site")


class CaseCreate(BaseModel):
    """First contact: open a case for an existing client, or for a new person."""

    client_id: int | None = Field(default=None, ge=1)
    person: PersonCreate | None = None
    first_contact_on: date
    first_contact_place: ContactPlace
    first_contact_note: str | None = Field(default=None, max_length=300)
    asylum_state: AsylumState = AsylumState.PENDING
    agencies: list[Agency] = Field(
        default_factory=list, description="participating agencies besides the lead"
    )

    @model_validator(mode="after")
    def _one_person(self) -> CaseCreate:
        if (self.client_id is None) == (self.person is None):
            raise ValueError("give either client_id or person")
        return self


class CaseAgencyRead(BaseModel):
    agency: Agency
    since: date
    until: date | None


class CaseRead(BaseModel):
    client_id: int
    ref: str
    name: str | None
    lead_agency: Agency
    status: CaseStatus
    first_contact_on: date
    first_contact_place: ContactPlace
    first_contact_note: str | None
    residence_status_at_contact: ResidenceStatus | None
    residence_status: ResidenceStatus | None
    asylum_state: AsylumState
    asylum_decided_on: date | None
    agencies: list[CaseAgencyRead]
    your_agency: Agency
    you_lead: bool
    sections: dict[DataCategory, bool] = Field(
        description="which parts of the case your agency may see today"
    )


class DecisionCreate(BaseModel):
    """The asylum decision (BAMF) as the Integration Point learned it."""

    decision: AsylumState
    decided_on: date

    @model_validator(mode="after")
    def _is_decision(self) -> DecisionCreate:
        if not self.decision.decided:
            raise ValueError("decision must be recognised, subsidiary_protection or rejected")
        return self


class ConsentCreate(BaseModel):
    recipient: Agency
    purpose: ConsentPurpose
    categories: list[DataCategory] = Field(min_length=1)
    valid_from: date
    valid_until: date | None = None
    signed_on: date
    form_reference: Text
    interpreter: str | None = Field(default=None, max_length=200)
    interpreter_language: LanguageCode | None = None

    @model_validator(mode="after")
    def _dates(self) -> ConsentCreate:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self


class ConsentRead(BaseModel):
    id: int
    client_id: int
    recipient: Agency
    purpose: ConsentPurpose
    categories: list[DataCategory]
    valid_from: date
    valid_until: date | None
    signed_on: date
    form_reference: str
    interpreter: str | None
    interpreter_language: str | None
    owner_agency: Agency
    revoked_at: datetime | None
    revocation_note: str | None
    in_force: bool


class Revocation(BaseModel):
    note: str | None = Field(default=None, max_length=500)


class ExperienceWrite(BaseModel):
    title: Text
    kldb: Kldb | None = None
    country: Country | None = None
    years: float = Field(ge=0, le=60)
    last_year: int | None = Field(default=None, ge=1950, le=2100)


class DegreeWrite(BaseModel):
    title: Text
    level: Qualification
    country: Country | None = None
    year: int | None = Field(default=None, ge=1950, le=2100)
    kldb: Kldb | None = None
    recognition: DegreeRecognition = DegreeRecognition.NONE
    regulated: bool | None = None


class LanguageWrite(BaseModel):
    language: LanguageCode
    level: CefrLevel | None = None
    native: bool = False


class SkillWrite(BaseModel):
    esco_uri: Annotated[
        str, StringConstraints(pattern=r"^http://data\.europa\.eu/esco/skill/[0-9a-f-]{36}$")
    ]
    label: str = Field(default="", max_length=300)


class AssessmentWrite(BaseModel):
    assessed_on: date
    german_level: CefrLevel | None = None
    notes: str | None = Field(default=None, max_length=5000)
    experiences: list[ExperienceWrite] = Field(default_factory=list, max_length=30)
    degrees: list[DegreeWrite] = Field(default_factory=list, max_length=20)
    languages: list[LanguageWrite] = Field(default_factory=list, max_length=20)
    skills: list[SkillWrite] = Field(default_factory=list, max_length=100)


class AssessmentRead(AssessmentWrite):
    client_id: int
    owner_agency: Agency
    experience_years: float
    qualification: Qualification | None


class ReferralCreate(BaseModel):
    kind: ReferralKind
    to_agency: Agency | None = None
    to_service: str | None = Field(default=None, max_length=200)
    referred_on: date
    due_on: date | None = Field(default=None, description="default: four weeks after referral")
    note: str | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def _recipient(self) -> ReferralCreate:
        if self.to_agency is None and not (self.to_service or "").strip():
            raise ValueError("give to_agency or to_service")
        if self.due_on is not None and self.due_on < self.referred_on:
            raise ValueError("due_on is before referred_on")
        return self


class ReferralUpdate(BaseModel):
    status: ReferralStatus
    on: date
    outcome: str | None = Field(default=None, max_length=1000)


class ReferralRead(BaseModel):
    id: int
    client_id: int
    kind: ReferralKind
    from_agency: Agency
    to_agency: Agency | None
    to_service: str | None
    status: ReferralStatus
    referred_on: date
    due_on: date
    completed_on: date | None
    outcome: str | None
    note: str | None
    owner_agency: Agency
    overdue: bool


class HandoverItemRead(BaseModel):
    key: str
    done_on: date | None


class HandoverRead(BaseModel):
    id: int
    client_id: int
    reason: HandoverReason
    from_agency: Agency
    to_agency: Agency
    decided_on: date
    due_on: date
    completed_on: date | None
    on_time: bool | None
    carried_over: dict[str, int]
    items: list[HandoverItemRead]


class HandoverUpdate(BaseModel):
    done: list[Annotated[str, StringConstraints(max_length=64)]] = Field(min_length=1)
    on: date


class ParticipationView(BaseModel):
    id: int
    measure: str
    provider: str | None
    status: ParticipationStatus
    start: date | None
    end: date | None
    level_reached: CefrLevel | None


class MembershipView(BaseModel):
    programme: str
    since: date
    until: date | None


class MeasuresRead(BaseModel):
    owner_agency: Agency | None
    participations: list[ParticipationView]
    programmes: list[MembershipView]


class LanguageStep(BaseModel):
    recorded_on: date
    level: CefrLevel
    source: LanguageLevelSource


class LanguageRead(BaseModel):
    owner_agency: Agency | None
    german_level: CefrLevel | None
    steps: list[LanguageStep]


class JobStartView(BaseModel):
    start: date
    end: date | None
    kind: IntegrationKind


class EmploymentRead(BaseModel):
    owner_agency: Agency | None
    job_starts: list[JobStartView]


class CaseListItem(BaseModel):
    client_id: int
    ref: str
    name: str | None
    lead_agency: Agency
    status: CaseStatus
    asylum_state: AsylumState
    first_contact_on: date


class SkillRead(BaseModel):
    esco_uri: str
    label: str
    reuse: str


class FiguresRead(BaseModel):
    """People advised by month, legal status and age group; handovers; referrals."""

    start: date
    end: date
    advised: int
    advised_by_month: dict[str, int]
    advised_by_status: dict[str, int]
    advised_by_age: dict[str, int]
    handovers: int
    handovers_on_time: int
    handovers_late: int
    handovers_pending: int
    handovers_on_time_share: float | None
    referrals: int
    referrals_completed: int
    referrals_declined_or_cancelled: int
    referrals_open: int
    referrals_overdue: int
    referrals_completed_share: float | None
    referrals_by_kind: dict[str, dict[str, int]]
