"""Integration Point services on both databases: eLb, scopes, consents, assessment, export."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import product

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.access.policy import Scope
from lotse.access.principal import Principal
from lotse.access.scoping import client_condition
from lotse.analytics.engine import FigureEngine, Parameters
from lotse.analytics.months import parse_month
from lotse.controlling.repository import ControllingRepository
from lotse.domain.agencies import Agency, DataCategory
from lotse.domain.codes import DegreeRecognition, Qualification, Role
from lotse.domain.integration_point import AsylumState, HandoverReason, ReferralKind
from lotse.errors import InvalidInput
from lotse.integration_point import cases, competences, consents, export, handovers, referrals
from lotse.integration_point.access import IntegrationPointConsent, sight
from lotse.integration_point.repository import CaseRepository
from lotse.integration_point.schemas import (
    AssessmentWrite,
    ConsentCreate,
    DecisionCreate,
    DegreeWrite,
    ExperienceWrite,
    ReferralCreate,
    SkillWrite,
)
from lotse.models import (
    BenefitPeriod,
    Client,
    ClientOccupation,
    CompetenceAssessment,
    Consent,
    Handover,
)
from tests import factories as f

ON = date(2025, 6, 2)


def _principal(role: Role, agency: str | None = None, **kw: object) -> Principal:
    return Principal(user_id=1, username="u", display_name="U", role=role, agency=agency, **kw)  # type: ignore[arg-type]


def test_people_without_sgb2_benefit_periods_do_not_count_as_elb(session: Session) -> None:
    site = f.make_site(session, name="Duisburg-Mitte")
    f.make_client(session, site=site, benefit_periods=[(date(2024, 1, 1), None)])
    seeker = f.make_client(session, site=site, residence_status="asylum_pending")
    f.make_ip_case(session, client=seeker)

    def elb_stock() -> int:
        engine = FigureEngine()
        engine.load_arrow(ControllingRepository(session).load_tables())
        row = engine.run(Parameters(ref_m=parse_month("2025-06"))).unit("jobcenter", "Jobcenter")
        assert row is not None
        return int(row["elb_stock"])

    # By hand: one person has an SGB II period covering June 2025; the asylum seeker has none.
    assert elb_stock() == 1
    session.add(BenefitPeriod(client_id=seeker.id, start=date(2025, 5, 1)))
    session.flush()
    assert elb_stock() == 2  # after recognition and the SGB II application he counts


def test_the_consent_provider_and_the_case_page_apply_the_same_rule(session: Session) -> None:
    """For every agency and category the SQL condition and the page's sight agree."""
    provider = IntegrationPointConsent(clock=lambda: ON)
    led = f.make_ip_case(session)  # employment agency leads
    led_client = session.get(Client, led.client_id)
    assert led_client is not None
    f.make_consent(session, client=led_client, recipient=Agency.JOBCENTER,
                   categories=[DataCategory.COMPETENCES])  # fmt: skip
    yesterday = ON - timedelta(days=1)
    f.make_consent(session, client=led_client, recipient=Agency.SOCIAL_OFFICE,
                   categories=[DataCategory.REFERRALS], valid_until=yesterday)  # fmt: skip
    own = f.make_client(session)  # the Jobcenter's own client, no case
    agencies = {
        Agency.JOBCENTER: _principal(Role.TEAM_LEAD),
        Agency.EMPLOYMENT_AGENCY: _principal(Role.PARTNER_AGENCY, "Agentur für Arbeit"),
        Agency.SOCIAL_OFFICE: _principal(Role.PARTNER_AGENCY, "Sozialamt"),
        Agency.IMMIGRATION_OFFICE: _principal(Role.PARTNER_AGENCY, "Ausländerbehörde"),
    }
    resources = {c: r for r, c in [("ip.case", DataCategory.BASIC),
                                   ("ip.competences", DataCategory.COMPETENCES),
                                   ("ip.measures", DataCategory.MEASURES),
                                   ("ip.language", DataCategory.LANGUAGE),
                                   ("ip.referral", DataCategory.REFERRALS),
                                   ("ip.employment", DataCategory.EMPLOYMENT)]}  # fmt: skip
    for (agency, principal), category in product(agencies.items(), DataCategory):
        condition = provider.shared_clients(principal, resources[category])
        shared = set(session.scalars(sa.select(Client.id).where(condition)))
        for client in (led_client, own):
            case = CaseRepository(session).of_client(client.id)
            seen = sight(session, principal, case, client.id, on=ON)
            if case is None and agency is Agency.JOBCENTER:
                continue  # the Jobcenter's own client: its scopes decide, not consent
            assert (client.id in shared) == seen.sees(category), (agency, category, client.ref)
    # Spelled out for the led case: the Jobcenter sees what was shared with it, the social
    # office nothing (its consent expired yesterday), the employment agency everything.
    jobcenter = sight(session, agencies[Agency.JOBCENTER], led, led.client_id, on=ON)
    assert jobcenter.categories == {DataCategory.BASIC, DataCategory.COMPETENCES}
    social = sight(session, agencies[Agency.SOCIAL_OFFICE], led, led.client_id, on=ON)
    assert social.categories == frozenset()


def test_jobcenter_scopes_leave_out_cases_another_agency_leads_unless_shared(
    session: Session,
) -> None:
    provider = IntegrationPointConsent(clock=lambda: ON)
    site = f.make_site(session)
    team = f.make_team(session, site=site)
    officer = f.make_officer(session, team=team)
    lead = _principal(Role.TEAM_LEAD, team_id=team.id, site_id=site.id)
    mine = f.make_client(session, site=site, officer_id=officer.id)
    unassigned = f.make_client(session, site=site)
    theirs = f.make_client(session, site=site)
    f.make_ip_case(session, client=theirs)
    shared = f.make_client(session, site=site)
    f.make_ip_case(session, client=shared)
    f.make_consent(session, client=shared, recipient=Agency.JOBCENTER)

    def team_sees(resource: str) -> set[int]:
        condition = client_condition(lead, Scope.TEAM, provider, resource)
        return set(session.scalars(sa.select(Client.id).where(condition)))

    assert team_sees("client") == {mine.id, unassigned.id, shared.id}
    assert team_sees("ip.measures") == {mine.id, unassigned.id}  # only basic was shared


def test_a_consent_is_refused_for_the_lead_itself_and_before_it_was_signed(
    session: Session,
) -> None:
    case = f.make_ip_case(session)
    client = session.get(Client, case.client_id)
    assert client is not None
    base = {"recipient": "employment_agency", "purpose": "placement", "categories": ["measures"],
            "valid_from": ON, "signed_on": ON, "form_reference": "EV-7"}  # fmt: skip
    with pytest.raises(InvalidInput) as own:
        consents.add(session, client, ConsentCreate(**base), owner=Agency.EMPLOYMENT_AGENCY)
    assert own.value.problems[0].rule == "own_agency"
    early = base | {"recipient": "jobcenter", "valid_from": ON - timedelta(days=1)}
    with pytest.raises(InvalidInput) as signed:
        consents.add(session, client, ConsentCreate(**early), owner=Agency.EMPLOYMENT_AGENCY)
    assert signed.value.problems[0].rule == "signed_after_start"
    made = consents.add(
        session, client, ConsentCreate(**base | {"recipient": "jobcenter"}),
        owner=Agency.EMPLOYMENT_AGENCY,
    )  # fmt: skip
    assert made.category_set == {DataCategory.BASIC, DataCategory.MEASURES}


def test_an_assessment_with_unknown_codes_names_every_problem_and_writes_nothing(
    session: Session,
) -> None:
    case = f.make_ip_case(session)
    client = session.get(Client, case.client_id)
    assert client is not None
    data = AssessmentWrite(
        assessed_on=ON,
        experiences=[ExperienceWrite(title="Koch", kldb="99999", years=3)],
        degrees=[DegreeWrite(title="Diplom", level=Qualification.ACADEMIC, kldb="12345")],
        skills=[SkillWrite(esco_uri="http://data.europa.eu/esco/skill/"
                                    "00000000-0000-0000-0000-000000000000")],
    )  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        competences.store(session, client, data, owner=Agency.EMPLOYMENT_AGENCY)
    assert [(p.rule, p.column) for p in caught.value.problems] == [
        ("unknown_kldb", "experiences.0.kldb"),
        ("unknown_kldb", "degrees.0.kldb"),
        ("unknown_skill", "skills.0.esco_uri"),
    ]
    assert session.scalar(sa.select(sa.func.count()).select_from(CompetenceAssessment)) == 0
    assert client.qualification is None


def test_an_academic_degree_in_recognition_sets_qualification_and_keeps_chosen_targets(
    session: Session,
) -> None:
    client = f.make_client(session, occupations=["51311"])
    data = AssessmentWrite(
        assessed_on=ON,
        experiences=[ExperienceWrite(title="Ärztin", kldb="81404", years=4.2)],
        degrees=[DegreeWrite(title="Medizin", level=Qualification.ACADEMIC, kldb="81404",
                             recognition=DegreeRecognition.PENDING, regulated=True),
                 DegreeWrite(title="Abitur", level=Qualification.SCHOOL)],
    )  # fmt: skip
    competences.store(session, client, data, owner=Agency.JOBCENTER)
    assert client.qualification is Qualification.ACADEMIC
    assert client.degree_recognition is DegreeRecognition.PENDING
    assert client.experience_years == 4.0  # 4.2 rounded to half years
    targets = session.scalars(
        sa.select(ClientOccupation.kldb).where(ClientOccupation.client_id == client.id)
    ).all()
    assert list(targets) == ["51311"]  # the officer's choice stays


def test_a_rejection_hands_the_case_to_the_immigration_office_with_its_checklist(
    session: Session,
) -> None:
    case = f.make_ip_case(session, first_contact_on=date(2025, 1, 10))
    client = session.get(Client, case.client_id)
    assert client is not None
    competences.store(session, client, AssessmentWrite(assessed_on=date(2025, 1, 20)),
                      owner=Agency.EMPLOYMENT_AGENCY)  # fmt: skip
    data = DecisionCreate(decision=AsylumState.REJECTED, decided_on=date(2025, 5, 5))
    handover = cases.record_decision(session, client, case, data)
    assert (handover.reason, handover.to_agency) == (
        HandoverReason.REJECTION, Agency.IMMIGRATION_OFFICE,
    )  # fmt: skip
    assert handover.due_on == date(2025, 6, 4)  # 30 days after 5 May
    assert case.lead_agency is Agency.IMMIGRATION_OFFICE
    assert client.residence_status == "asylum_pending"  # a rejection sets no new status
    assessment = session.scalars(sa.select(CompetenceAssessment)).one()
    assert assessment.owner_agency is Agency.IMMIGRATION_OFFICE
    with pytest.raises(InvalidInput) as unknown:
        handovers.complete_items(session, handover, ["sgb2_application"], date(2025, 5, 6))
    assert unknown.value.problems[0].rule == "unknown_item"
    keys = [i.key for i in handover.items]
    handovers.complete_items(session, handover, keys[:2], date(2025, 5, 20))
    assert handover.completed_on is None
    handovers.complete_items(session, handover, keys, date(2025, 6, 10))
    # Completed with the last item, six days after the deadline: late.
    assert handover.completed_on == date(2025, 6, 10)
    assert handovers.to_read(handover, on=date(2025, 7, 1)).on_time is False
    with pytest.raises(Exception, match="recorded already"):
        cases.record_decision(session, client, case, data)


def test_a_referral_to_an_agency_needs_a_consent_covering_referrals(session: Session) -> None:
    case = f.make_ip_case(session)
    client = session.get(Client, case.client_id)
    assert client is not None
    data = ReferralCreate(kind=ReferralKind.CHILDCARE, to_agency=Agency.SOCIAL_OFFICE,
                          referred_on=ON)  # fmt: skip
    f.make_consent(session, client=client, recipient=Agency.SOCIAL_OFFICE)  # basic only
    with pytest.raises(InvalidInput) as refused:
        referrals.add(session, client, data, from_agency=Agency.EMPLOYMENT_AGENCY, on=ON)
    assert refused.value.problems[0].rule == "no_consent"
    covering = f.make_consent(session, client=client, recipient=Agency.SOCIAL_OFFICE,
                              categories=[DataCategory.REFERRALS])  # fmt: skip
    made = referrals.add(session, client, data, from_agency=Agency.EMPLOYMENT_AGENCY, on=ON)
    assert made.consent_id == covering.id
    assert made.due_on == ON + timedelta(weeks=4)


def test_the_export_holds_every_table_about_the_person_and_nothing_about_others(
    session: Session,
) -> None:
    case = f.make_ip_case(session)
    client = session.get(Client, case.client_id)
    assert client is not None
    other = f.make_ip_case(session)
    f.make_consent(session, client=client, categories=[DataCategory.MEASURES])
    f.make_consent(session, client=session.get(Client, other.client_id))  # type: ignore[arg-type]
    competences.store(
        session, client,
        AssessmentWrite(assessed_on=ON, degrees=[DegreeWrite(title="Bachelor",
                                                             level=Qualification.ACADEMIC)]),
        owner=Agency.EMPLOYMENT_AGENCY,
    )  # fmt: skip
    session.add(BenefitPeriod(client_id=client.id, start=date(2025, 7, 1)))
    f.make_participation(session, client=client, run=f.make_run(session))
    session.flush()
    found = export.collect(session, client.id, now=datetime(2025, 7, 2, tzinfo=UTC))
    assert found.ref == client.ref
    for table in ("ip_cases", "ip_case_agencies", "ip_consents", "ip_consent_categories",
                  "ip_assessments", "ip_degrees", "benefit_periods", "participations"):  # fmt: skip
        assert table in found.tables, table
    assert [r["client_id"] for r in found.tables["ip_consents"]] == [client.id]
    assert {r["category"] for r in found.tables["ip_consent_categories"]} == {"basic", "measures"}
    assert all(r["case_id"] == case.id for r in found.tables["ip_case_agencies"])
    html = export.to_html(found)
    assert "Auskunft über Ihre Daten" in html
    assert "Einwilligungen in die Weitergabe" in html
    assert export.to_pdf(found).startswith(b"%PDF")


def test_a_consent_revoked_now_is_no_longer_in_force_for_the_provider(session: Session) -> None:
    provider = IntegrationPointConsent(clock=lambda: ON)
    case = f.make_ip_case(session)
    client = session.get(Client, case.client_id)
    assert client is not None
    consent = f.make_consent(session, client=client, recipient=Agency.SOCIAL_OFFICE)
    social = _principal(Role.PARTNER_AGENCY, "Sozialamt")

    def shared() -> bool:
        condition = provider.shared_clients(social, "ip.case")
        return client.id in set(session.scalars(sa.select(Client.id).where(condition)))

    assert shared()
    consents.withdraw(session, consent, note="am Telefon")
    assert not shared()
    assert session.get(Consent, consent.id).revoked_at is not None  # type: ignore[union-attr]
    assert session.scalar(sa.select(sa.func.count()).select_from(Handover)) == 0


def test_the_matcher_reads_the_assessment_from_the_client_record(session: Session) -> None:
    from lotse.matching.features import client_table
    from lotse.proposals.matcher import client_rows

    client = f.make_client(session, german_level=None, residence_status="asylum_pending")
    f.make_ip_case(session, client=client)
    data = AssessmentWrite(
        assessed_on=ON,
        german_level="A2",
        experiences=[ExperienceWrite(title="Elektriker", kldb="26212", years=6)],
        degrees=[DegreeWrite(title="Diploma", level=Qualification.VOCATIONAL, kldb="26212",
                             recognition=DegreeRecognition.PENDING)],
    )  # fmt: skip
    competences.store(session, client, data, owner=Agency.EMPLOYMENT_AGENCY)
    row = next(r for r in client_rows(session) if r["client_id"] == client.ref)
    assert row["target_kldb"] == ["26212"]
    assert row["experience_years"] == 6
    table = client_table([row])
    # A vocational degree waiting for recognition opens helper jobs only (level 1) until it is
    # recognised (the matcher's rule), and the matcher knows recognition is pending.
    assert float(table.attainable_level[0]) == 1.0
    assert float(table.unrecognised[0]) == 1.0
    assert float(table.german[0]) == 2.0  # A2 on the matcher's scale (A0 = 0)
