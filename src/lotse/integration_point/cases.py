"""Cases: first contact (also of people who are not Jobcenter clients), the case view, decisions.

A person met before any SGB II benefit (an asylum seeker in a shelter) is a ``Client`` row
without benefit periods: the key figures count eLb from benefit periods only, so they do not
count as eLb until the Jobcenter takes over and SGB II benefit starts.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from lotse.access import audit, gate
from lotse.access.principal import Access
from lotse.domain.agencies import Agency, DataCategory
from lotse.domain.codes import AuditAction, ClientStatus
from lotse.domain.integration_point import AsylumState, ContactPlace, residence_after
from lotse.errors import Conflict, InvalidInput, NotFound, Problem
from lotse.integration_point import handovers
from lotse.integration_point.access import OpenedCase, agency_of, open_case, require_lead
from lotse.integration_point.repository import CaseRepository
from lotse.integration_point.schemas import (
    CaseAgencyRead,
    CaseCreate,
    CaseRead,
    DecisionCreate,
    PersonCreate,
)
from lotse.models import CaseAgency, Client, Handover, IntegrationCase


def open_for(
    session: Session,
    client: Client,
    *,
    lead: Agency,
    first_contact_on: date,
    place: ContactPlace,
    note: str | None = None,
    asylum_state: AsylumState = AsylumState.PENDING,
    agencies: tuple[Agency, ...] | list[Agency] = (),
    opened_by: int | None = None,
) -> IntegrationCase:
    """Open the case of ``client`` led by ``lead`` (no access check: callers do that)."""
    cases = CaseRepository(session)
    if cases.of_client(client.id) is not None:
        raise Conflict(f"{client.ref} already has an Integration Point case")
    case = IntegrationCase(
        client_id=client.id,
        lead_agency=lead,
        owner_agency=lead,
        first_contact_on=first_contact_on,
        first_contact_place=place,
        first_contact_note=note,
        residence_status_at_contact=client.residence_status,
        asylum_state=asylum_state,
        opened_by=opened_by,
    )
    case.agencies = [
        CaseAgency(agency=a, since=first_contact_on) for a in dict.fromkeys([lead, *agencies])
    ]
    return cases.add(case)


def _new_person(session: Session, access: Access, person: PersonCreate, on: date) -> Client:
    site_id = person.site_id or access.principal.site_id
    if site_id is None or CaseRepository(session).site(site_id) is None:
        raise InvalidInput(
            Problem("unknown_site", "no site with this id", column="site_id", value=str(site_id))
        )
    client = Client(
        ref=CaseRepository(session).next_ref(f"IP-{on.year}"),
        name=person.name,
        site_id=site_id,
        status=ClientStatus.ACTIVE,
        birth_year=person.birth_year,
        gender=person.gender,
        citizenship=person.citizenship,
        residence_status=person.residence_status,
        work_permitted=person.work_permitted,
        languages=list(person.languages),
        # A Jobcenter officer registering someone takes the case into their caseload.
        officer_id=access.principal.officer_id,
    )
    session.add(client)
    session.flush()
    return client


def first_contact(session: Session, access: Access, data: CaseCreate) -> IntegrationCase:
    """Register a first contact: the user's agency leads the new case."""
    agency = agency_of(access.principal)
    if agency is None:
        raise InvalidInput(
            Problem("unknown_agency", "your account names no known agency", column="agency")
        )
    if data.client_id is not None:
        client = gate.open_client(
            session, access, data.client_id, action=AuditAction.UPDATE, what="ip_case"
        )
    else:
        assert data.person is not None
        client = _new_person(session, access, data.person, data.first_contact_on)
        audit.record(
            session,
            principal=access.principal,
            action=AuditAction.CREATE,
            entity=gate.CLIENT_ENTITY,
            entity_id=client.ref,
            client_id=client.id,
            detail={"what": "ip_case", "agency": agency.value, "via": "ip.case:create"},
        )
    return open_for(
        session,
        client,
        lead=agency,
        first_contact_on=data.first_contact_on,
        place=data.first_contact_place,
        note=data.first_contact_note,
        asylum_state=data.asylum_state,
        agencies=data.agencies,
        opened_by=access.principal.user_id,
    )


def read(session: Session, access: Access, client_id: int) -> tuple[OpenedCase, CaseRead]:
    """The case of ``client_id`` as the user's agency may see it (logged)."""
    opened = open_case(session, access, client_id, what="ip_case")
    if opened.case is None:
        raise NotFound(f"client {client_id} has no Integration Point case")
    return opened, to_read(opened)


def to_read(opened: OpenedCase) -> CaseRead:
    case, client, seen = opened.case, opened.client, opened.sight
    assert case is not None
    return CaseRead(
        client_id=client.id,
        ref=client.ref,
        name=client.name,
        lead_agency=case.lead_agency,
        status=case.status,
        first_contact_on=case.first_contact_on,
        first_contact_place=case.first_contact_place,
        first_contact_note=case.first_contact_note,
        residence_status_at_contact=case.residence_status_at_contact,
        residence_status=client.residence_status,
        asylum_state=case.asylum_state,
        asylum_decided_on=case.asylum_decided_on,
        agencies=[
            CaseAgencyRead(agency=a.agency, since=a.since, until=a.until) for a in case.agencies
        ],
        your_agency=seen.agency,
        you_lead=seen.lead,
        sections={c: seen.sees(c) for c in DataCategory},
    )


def listing(
    session: Session,
    access: Access,
    *,
    q: str | None = None,
    lead: Agency | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[tuple[IntegrationCase, Client]], int]:
    """The cases the user's agency may see (lead or consent), newest first contact first."""
    repo = CaseRepository(session)
    statement = repo.listing(gate.client_filter(access), q=q, lead=lead)
    rows = repo.page(statement, limit=limit, offset=offset)
    gate.note_clients_listed(session, access, [c.id for _, c in rows], view="ip_cases")
    return rows, repo.total(statement)


def decide(session: Session, access: Access, client_id: int, data: DecisionCreate) -> Handover:
    """Record the asylum decision: the case moves to the agency now responsible."""
    opened = open_case(
        session,
        access,
        client_id,
        action=AuditAction.UPDATE,
        what="asylum_decision",
        detail={"decision": data.decision.value},
    )
    require_lead(session, access, opened, what="asylum_decision")
    if opened.case is None:
        raise NotFound(f"client {client_id} has no Integration Point case")
    return record_decision(
        session, opened.client, opened.case, data, by_user=access.principal.user_id
    )


def record_decision(
    session: Session,
    client: Client,
    case: IntegrationCase,
    data: DecisionCreate,
    *,
    by_user: int | None = None,
) -> Handover:
    """The decision, the client's new residence status and the handover it starts."""
    if case.asylum_state.decided:
        raise Conflict(f"the asylum decision of {client.ref} is recorded already")
    if data.decided_on < case.first_contact_on:
        raise InvalidInput(
            Problem(
                "before_first_contact",
                "the decision date is before the first contact",
                column="decided_on",
                value=data.decided_on.isoformat(),
            )
        )
    case.asylum_state = data.decision
    case.asylum_decided_on = data.decided_on
    status = residence_after(data.decision)
    if status is not None:
        client.residence_status = status
        client.work_permitted = True  # § 25 Abs. 1, 2 AufenthG: Erwerbstätigkeit erlaubt
    return handovers.start(session, client, case, data.decision, data.decided_on, by_user=by_user)
