"""The Jobcenter's caseload: active clients who are eLb and not led by the Agentur für Arbeit.

People with an Aufenthaltsgestattung or a Duldung receive AsylbLG benefits and are no eLb
(§ 7 Abs. 1 Satz 2 Nr. 3 SGB II); at the Integration Point the Agentur für Arbeit leads their
case until the asylum decision. The Jobcenter's officers do not work them: they are not
allocated, not proposed, not invited, not planned for contacts; the Integration Point still
shows them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from lotse.access.policy import Scope
from lotse.access.principal import Access, Principal
from lotse.api.app import build_policy
from lotse.api.features import discover
from lotse.caseloads.service import plan_caseloads
from lotse.contacts.repository import ContactRepository
from lotse.dashboard.repository import active_clients_per_site
from lotse.domain.agencies import Agency
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import ClientStatus, ResidenceStatus, Role
from lotse.domain.integration_point import AsylumState, CaseStatus
from lotse.events.repository import EventRepository
from lotse.integration_point import cases
from lotse.matching.model import PriorModel
from lotse.models import Client
from lotse.proposals import matcher
from lotse.registry.repository import jobcenter_caseload
from lotse.registry.service import summarise
from tests import factories as f

DAY = date(2025, 6, 2)


def _people(session: Session) -> dict[str, Client]:
    """Six active people at one site, all looking for warehouse work (KldB 51312)."""
    site = f.make_site(session, name="Duisburg-Mitte")
    team = f.make_team(session, site=site)
    f.make_officer(session, team=team)

    def person(ref: str, **kw: object) -> Client:
        values = {"citizenship": "SY", "german_level": CefrLevel.B1} | kw
        return f.make_client(session, site=site, ref=ref, occupations=["51312"], **values)

    people = {
        "german": person("DE1", citizenship="DE", residence_status=ResidenceStatus.GERMAN),
        "recognised": person("REC", residence_status=ResidenceStatus.RECOGNISED_REFUGEE),
        "pending": person("GEST", residence_status=ResidenceStatus.ASYLUM_PENDING),
        "tolerated": person("DUL", residence_status=ResidenceStatus.TOLERATED),
        # Recognised, but the handover from the Agentur für Arbeit has not been completed.
        "agency_led": person("IPAA", residence_status=ResidenceStatus.RECOGNISED_REFUGEE),
        # Recognised and handed over: the Jobcenter leads the case now.
        "jobcenter_led": person("IPJC", residence_status=ResidenceStatus.RECOGNISED_REFUGEE),
    }
    f.make_ip_case(session, client=people["pending"])
    f.make_ip_case(session, client=people["agency_led"], asylum_state=AsylumState.RECOGNISED)
    f.make_ip_case(
        session,
        client=people["jobcenter_led"],
        lead=Agency.JOBCENTER,
        asylum_state=AsylumState.RECOGNISED,
    )
    f.make_vacancy(session, ref="LAGER", kldb="51312", german_level_min=CefrLevel.A2, openings=6)
    session.flush()
    return people


JOBCENTER = {"DE1", "REC", "IPJC"}


def test_the_caseload_holds_active_elb_and_not_people_under_the_asylblg(session: Session) -> None:
    people = _people(session)
    refs = set(session.scalars(jobcenter_caseload().with_only_columns(Client.ref)))
    assert refs == JOBCENTER
    # A closed case led by the Agentur für Arbeit no longer keeps a person out.
    case = cases.CaseRepository(session).of_client(people["agency_led"].id)
    assert case is not None
    case.status = CaseStatus.CLOSED
    people["german"].status = ClientStatus.LEFT
    session.flush()
    refs = set(session.scalars(jobcenter_caseload().with_only_columns(Client.ref)))
    assert refs == {"REC", "IPAA", "IPJC"}


def test_registry_summary_and_dashboard_count_the_caseload(session: Session) -> None:
    _people(session)
    summary = summarise(session)
    (site,) = summary.sites
    assert (site.clients, site.active_clients, site.ratio) == (6, 3, 3.0)
    assert active_clients_per_site(session) == [("Duisburg-Mitte", 3)]


def test_caseload_allocation_leaves_out_people_under_the_asylblg(session: Session) -> None:
    _people(session)
    plan = plan_caseloads(session, on=DAY)
    allocated = {c.client_ref for c in plan.changes if c.to_officer_id is not None}
    assert allocated == JOBCENTER


def test_the_matcher_proposes_only_people_of_the_caseload(session: Session) -> None:
    _people(session)
    result = matcher.run_matcher(session, model=PriorModel(), per_client=1, per_opening=2,
                                 today=DAY)  # fmt: skip
    # Six openings at two proposals each: room for everybody; only the caseload is proposed.
    assert {p["client_id"] for p in result.proposals} == JOBCENTER


def test_the_fairness_audit_counts_only_the_caseload_as_eligible(session: Session) -> None:
    _people(session)
    matcher.run_matcher(session, model=PriorModel(), per_client=1, per_opening=2, today=DAY)
    rows, _ = matcher.audit(session)
    origin = {r.group: r for r in rows if r.dimension == "origin"}
    # Syrians in the caseload: REC and IPJC; GEST, DUL and IPAA are not the Jobcenter's.
    assert origin["asylum_countries"].eligible == 2
    assert origin["asylum_countries"].proposal_rate == 1.0


def test_contact_planning_and_event_candidates_see_only_the_caseload(session: Session) -> None:
    _people(session)
    assert {c.ref for c in ContactRepository(session).active_clients()} == JOBCENTER
    assert {c.ref for c in EventRepository(session).active_clients(set())} == JOBCENTER


def test_the_integration_point_still_lists_the_people_the_agency_leads(session: Session) -> None:
    _people(session)
    user = f.make_user(session, role=Role.PARTNER_AGENCY)
    principal = Principal(
        user_id=user.id,
        username=user.username,
        display_name="AA",
        role=Role.PARTNER_AGENCY,
        agency=Agency.EMPLOYMENT_AGENCY.value,
    )
    access = Access(principal, "ip_case", "read", Scope.CONSENTED, build_policy(discover()))
    rows, total = cases.listing(session, access)
    assert {client.ref for _, client in rows} == {"GEST", "IPAA"}
    assert total == 2
