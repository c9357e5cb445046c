"""The parts of a case kept by other features: measures, the language pathway, job starts.

They belong to the case and therefore to its lead agency (``owner_agency`` in the answers);
another agency reads them only by consent to the category, checked by the gate.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from lotse.access.principal import Access
from lotse.domain.agencies import Agency
from lotse.integration_point import repository as repo
from lotse.integration_point.access import OpenedCase, open_case
from lotse.integration_point.schemas import (
    EmploymentRead,
    JobStartView,
    LanguageRead,
    LanguageStep,
    MeasuresRead,
    MembershipView,
    ParticipationView,
)


def _owner(opened: OpenedCase) -> Agency | None:
    return opened.case.lead_agency if opened.case is not None else Agency.JOBCENTER


def measures(session: Session, access: Access, client_id: int) -> MeasuresRead:
    opened = open_case(session, access, client_id, what="ip_measures")
    return measures_of(session, opened)


def measures_of(session: Session, opened: OpenedCase) -> MeasuresRead:
    client_id = opened.client.id
    return MeasuresRead(
        owner_agency=_owner(opened),
        participations=[
            ParticipationView(
                id=p.id,
                measure=name,
                provider=provider,
                status=p.status,
                start=p.start,
                end=p.end,
                level_reached=p.level_reached,
            )
            for p, name, provider in repo.participations(session, client_id)
        ],
        programmes=[
            MembershipView(programme=name, since=m.since, until=m.until)
            for m, name in repo.memberships(session, client_id)
        ],
    )


def language(session: Session, access: Access, client_id: int) -> LanguageRead:
    opened = open_case(session, access, client_id, what="ip_language")
    return language_of(session, opened)


def language_of(session: Session, opened: OpenedCase) -> LanguageRead:
    return LanguageRead(
        owner_agency=_owner(opened),
        german_level=opened.client.german_level,
        steps=[
            LanguageStep(recorded_on=r.recorded_on, level=r.level, source=r.source)
            for r in repo.language_levels(session, opened.client.id)
        ],
    )


def employment(session: Session, access: Access, client_id: int) -> EmploymentRead:
    opened = open_case(session, access, client_id, what="ip_employment")
    return employment_of(session, opened)


def employment_of(session: Session, opened: OpenedCase) -> EmploymentRead:
    return EmploymentRead(
        owner_agency=_owner(opened),
        job_starts=[
            JobStartView(start=j.start, end=j.end, kind=j.kind)
            for j in repo.job_starts(session, opened.client.id)
        ],
    )
