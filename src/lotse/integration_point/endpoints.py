"""REST endpoints of the Integration Point: one case, shared between agencies by consent.

Every read names the part of the case it reads (its policy resource); partner agencies get it
only while a consent to that part holds, and every read and refusal is audit-logged.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from lotse.access.principal import Access
from lotse.api.deps import SessionDep
from lotse.api.params import IdPath
from lotse.api.routing import Guard
from lotse.domain.agencies import Agency
from lotse.integration_point import (
    cases,
    competences,
    consents,
    export,
    figures,
    handovers,
    referrals,
    sections,
)
from lotse.integration_point.access import clock_of
from lotse.integration_point.schemas import (
    AssessmentRead,
    AssessmentWrite,
    CaseCreate,
    CaseListItem,
    CaseRead,
    ConsentCreate,
    ConsentRead,
    DecisionCreate,
    EmploymentRead,
    FiguresRead,
    HandoverRead,
    HandoverUpdate,
    LanguageRead,
    MeasuresRead,
    ReferralCreate,
    ReferralRead,
    ReferralUpdate,
    Revocation,
    SkillRead,
)
from lotse.reference import esco

router = APIRouter(prefix="/integration-point", tags=["integration point"])
PREFIX = "/cases/{client_id}"


@router.get("/cases", response_model=list[CaseListItem])
def list_cases(
    session: SessionDep,
    access: Annotated[Access, Guard("ip.case", "list")],
    q: Annotated[str | None, Query(max_length=100)] = None,
    lead: Agency | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[CaseListItem]:
    """Cases your agency leads or that were shared with it by consent."""
    rows, _ = cases.listing(session, access, q=q, lead=lead, limit=limit, offset=offset)
    return [
        CaseListItem(
            client_id=client.id,
            ref=client.ref,
            name=client.name,
            lead_agency=case.lead_agency,
            status=case.status,
            asylum_state=case.asylum_state,
            first_contact_on=case.first_contact_on,
        )
        for case, client in rows
    ]


@router.post("/cases", response_model=CaseRead, status_code=201)
def create_case(
    body: CaseCreate, session: SessionDep, access: Annotated[Access, Guard("ip.case", "create")]
) -> CaseRead:
    """Register a first contact; your agency leads the new case."""
    case = cases.first_contact(session, access, body)
    return cases.read(session, access, case.client_id)[1]


@router.get(PREFIX, response_model=CaseRead)
def read_case(
    client_id: IdPath, session: SessionDep, access: Annotated[Access, Guard("ip.case", "read")]
) -> CaseRead:
    """The case: lead and participating agencies, asylum procedure, what you may see."""
    return cases.read(session, access, client_id)[1]


@router.post(PREFIX + "/decision", response_model=HandoverRead, status_code=201)
def record_decision(
    client_id: IdPath,
    body: DecisionCreate,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.case", "decide")],
) -> HandoverRead:
    """Record the asylum decision; it hands the case over to the agency now responsible."""
    handover = cases.decide(session, access, client_id, body)
    return handovers.to_read(handover, on=clock_of(access))


@router.get(PREFIX + "/consents", response_model=list[ConsentRead])
def list_consents(
    client_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.consent", "list")],
) -> list[ConsentRead]:
    """What the person agreed to share, with whom, for what, and whether it still holds."""
    return consents.of_client(session, access, client_id)


@router.post(PREFIX + "/consents", response_model=ConsentRead, status_code=201)
def create_consent(
    client_id: IdPath,
    body: ConsentCreate,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.consent", "create")],
) -> ConsentRead:
    """Record a signed consent (the lead agency does)."""
    consent = consents.record(session, access, client_id, body)
    return consents.to_read(consent, on=clock_of(access))


@router.post("/consents/{consent_id}/revocation", response_model=ConsentRead)
def revoke_consent(
    consent_id: IdPath,
    body: Revocation,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.consent", "update")],
) -> ConsentRead:
    """Record a revocation; sharing ends at once."""
    consent = consents.revoke(session, access, consent_id, body)
    return consents.to_read(consent, on=clock_of(access))


@router.get(PREFIX + "/assessment", response_model=AssessmentRead)
def read_assessment(
    client_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.competences", "read")],
) -> AssessmentRead:
    """The competence assessment: work experience, degrees, languages, ESCO skills."""
    return competences.read(session, access, client_id)


@router.put(PREFIX + "/assessment", response_model=AssessmentRead)
def save_assessment(
    client_id: IdPath,
    body: AssessmentWrite,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.competences", "update")],
) -> AssessmentRead:
    """Record or replace the assessment; eligibility and matching read it from the record."""
    return competences.save(session, access, client_id, body)


@router.get("/skills", response_model=list[SkillRead])
def search_skills(
    access: Annotated[Access, Guard("ip.competences", "read")],
    q: Annotated[str | None, Query(min_length=2, max_length=100)] = None,
    kldb: Annotated[str | None, Query(pattern=r"^\d{5}$")] = None,
) -> list[SkillRead]:
    """ESCO skills: typical of a KldB occupation (``kldb``) and/or whose label has ``q``."""
    if kldb is not None:
        found = esco.typical(kldb)
        if q:
            words = q.casefold().split()
            found = [s for s in found if all(w in s.label.casefold() for w in words)]
    else:
        found = esco.search(q or "")
    return [SkillRead(esco_uri=s.uri, label=s.label, reuse=s.reuse) for s in found]


@router.get(PREFIX + "/referrals", response_model=list[ReferralRead])
def list_referrals(
    client_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.referral", "list")],
) -> list[ReferralRead]:
    """Referrals of the person, with status, deadline and outcome."""
    return referrals.of_client(session, access, client_id)


@router.post(PREFIX + "/referrals", response_model=ReferralRead, status_code=201)
def create_referral(
    client_id: IdPath,
    body: ReferralCreate,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.referral", "create")],
) -> ReferralRead:
    """Refer the person to another agency (needs consent) or to a counselling service."""
    referral = referrals.create(session, access, client_id, body)
    return referrals.to_read(referral, on=clock_of(access))


@router.patch("/referrals/{referral_id}", response_model=ReferralRead)
def update_referral(
    referral_id: IdPath,
    body: ReferralUpdate,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.referral", "update")],
) -> ReferralRead:
    """Take up, complete (with outcome), decline or cancel a referral."""
    referral = referrals.update(session, access, referral_id, body)
    return referrals.to_read(referral, on=clock_of(access))


@router.get(PREFIX + "/handovers", response_model=list[HandoverRead])
def list_handovers(
    client_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.handover", "list")],
) -> list[HandoverRead]:
    """Handovers of the case between agencies, with checklist and deadline."""
    return handovers.of_client(session, access, client_id)


@router.patch("/handovers/{handover_id}", response_model=HandoverRead)
def update_handover(
    handover_id: IdPath,
    body: HandoverUpdate,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.handover", "update")],
) -> HandoverRead:
    """Tick checklist items (the receiving agency does); all ticked completes the handover."""
    handover = handovers.tick(session, access, handover_id, body)
    return handovers.to_read(handover, on=clock_of(access))


@router.get(PREFIX + "/measures", response_model=MeasuresRead)
def read_measures(
    client_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.measures", "read")],
) -> MeasuresRead:
    """Measures and programmes of the person."""
    return sections.measures(session, access, client_id)


@router.get(PREFIX + "/language", response_model=LanguageRead)
def read_language(
    client_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.language", "read")],
) -> LanguageRead:
    """The language pathway: German levels over time and where they come from."""
    return sections.language(session, access, client_id)


@router.get(PREFIX + "/employment", response_model=EmploymentRead)
def read_employment(
    client_id: IdPath,
    session: SessionDep,
    access: Annotated[Access, Guard("ip.employment", "read")],
) -> EmploymentRead:
    """Job starts of the person."""
    return sections.employment(session, access, client_id)


@router.get(
    PREFIX + "/export",
    responses={200: {"content": {"application/json": {}}}},
    response_class=Response,
)
def export_person(
    client_id: IdPath, session: SessionDep, access: Annotated[Access, Guard("ip.export", "read")]
) -> Response:
    """Everything Lotse holds about the person (Art. 15 GDPR), for the agency leading the case."""
    found = export.for_person(session, access, client_id, fmt="json")
    body = json.dumps(found.to_json(), ensure_ascii=False, indent=2)
    return Response(body, media_type="application/json")


@router.get("/figures", response_model=FiguresRead)
def read_figures(
    session: SessionDep,
    access: Annotated[Access, Guard("ip.figures", "read")],
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
) -> FiguresRead:
    """People advised by month, legal status and age group; handovers on time; referrals."""
    found = figures.figures(session, start=start, end=end, today=clock_of(access))
    return FiguresRead.model_validate({k: getattr(found, k) for k in FiguresRead.model_fields})
