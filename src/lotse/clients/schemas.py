"""API schemas for clients: the shared profile, and the full record for the caseload's owners."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import (
    ClientStatus,
    DegreeRecognition,
    HoursPreference,
    IntegrationCourseState,
    Qualification,
    ResidenceStatus,
)
from lotse.models import Client


class ClientSharedRead(BaseModel):
    """The part of a client's record that is shared (employer service, partner agencies)."""

    id: int
    ref: str
    name: str | None
    status: ClientStatus
    site_id: int
    german_level: CefrLevel | None
    qualification: Qualification | None
    languages: list[str]
    hours: HoursPreference | None
    driving_licence: bool | None
    target_kldb: list[str]

    @classmethod
    def shared_fields(cls, client: Client) -> dict[str, object]:
        return {
            "id": client.id,
            "ref": client.ref,
            "name": client.name,
            "status": client.status,
            "site_id": client.site_id,
            "german_level": client.german_level,
            "qualification": client.qualification,
            "languages": list(client.languages or []),
            "hours": client.hours,
            "driving_licence": client.driving_licence,
            "target_kldb": [o.kldb for o in client.occupations],
        }

    @classmethod
    def from_model(cls, client: Client) -> ClientSharedRead:
        return cls.model_validate(cls.shared_fields(client))


class ClientRead(ClientSharedRead):
    """The full record, for the officer and team that hold the case."""

    birth_year: int | None
    citizenship: str | None
    residence_status: ResidenceStatus | None
    work_permitted: bool | None
    integration_course: IntegrationCourseState | None
    degree_recognition: DegreeRecognition | None
    experience_years: float | None
    plz: str | None
    max_commute_km: int | None
    unemployed_since: date | None
    officer_id: int | None
    household_id: int | None

    @classmethod
    def from_model(cls, client: Client) -> ClientRead:
        return cls.model_validate(
            cls.shared_fields(client)
            | {
                "birth_year": client.birth_year,
                "citizenship": client.citizenship,
                "residence_status": client.residence_status,
                "work_permitted": client.work_permitted,
                "integration_course": client.integration_course,
                "degree_recognition": client.degree_recognition,
                "experience_years": client.experience_years,
                "plz": client.plz,
                "max_commute_km": client.max_commute_km,
                "unemployed_since": client.unemployed_since,
                "officer_id": client.officer_id,
                "household_id": client.household_id,
            }
        )
