"""An Integration Point case end to end, one test per step: what each agency sees at that step.

Agencies: the employment agency (``agentur``, leads until the asylum decision), the Jobcenter
(the seed's team lead of the Bitterfeld team: the person is registered at Bitterfeld), the
social office (``sozialamt``) and the immigration office (the seed's partner account). The
expected visibility follows from one rule (``docs/integration-point.md``): the lead agency
sees its case; another agency sees a part only while the person's consent to share that part
with it holds. Every refusal must be in the audit log.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import DegreeRecognition, Qualification, ResidenceStatus
from lotse.measures.service import check_client
from lotse.models import Client, ClientOccupation, LanguageLevelRecord, RecognitionProcedure
from tests.ip_scenario import ELECTRICIAN, Scenario, days_ago, scenario
from tests.web import Web

pytestmark = pytest.mark.xdist_group("integration_point_case")

PARTS = ("", "/assessment", "/referrals", "/measures", "/language", "/employment")


def sight(s: Scenario, agency: str) -> dict[str, int]:
    """Status code of every read of the case for one agency."""
    return {part or "/": s.status(agency, part) for part in PARTS}


def test_step1_first_contact_in_a_shelter_is_seen_by_the_agency_only_and_by_consent(
    web: Web,
) -> None:
    s = scenario(web)
    s.first_contact()
    # Before any consent only the employment agency sees the person, not even the Jobcenter
    # team lead of the site where the person is registered (the Jobcenter does not lead).
    assert s.status("agentur") == 200
    for agency in ("jobcenter", "sozialamt", "auslaenderbehoerde"):
        assert s.status(agency) == 403, agency
    jobcenter_list = s.api["jobcenter"].get("/api/v1/clients").json()
    assert s.client_id not in {c["id"] for c in jobcenter_list}

    s.consent_to_jobcenter()  # basic data and competence assessment, for placement
    case = s.ok(s.api["jobcenter"].get(s.url()))
    assert case["lead_agency"] == "employment_agency"
    assert not case["you_lead"]
    assert case["sections"] == {
        "basic": True, "competences": True, "measures": False, "language": False,
        "referrals": False, "employment": False,
    }  # fmt: skip
    assert sight(s, "jobcenter") == {
        "/": 200, "/assessment": 404, "/referrals": 403, "/measures": 403, "/language": 403,
        "/employment": 403,
    }  # fmt: skip
    assert set(sight(s, "sozialamt").values()) == {403}
    assert s.denials("sozialamt"), "the social office's refused reads are logged"
    agentur = s.ok(s.api["agentur"].get(s.url()))
    assert agentur["you_lead"]
    assert all(agentur["sections"].values())
    assert agentur["first_contact_place"] == "shelter"
    assert agentur["asylum_state"] == "pending"


def test_step2_competence_assessment_feeds_the_record_and_is_shared_as_consented(
    web: Web,
) -> None:
    s = scenario(web).run_until("assessment")
    assessment = s.ok(s.api["jobcenter"].get(s.url("/assessment")))
    # 6 + 1.5 years of work experience, rounded to half years: 7.5.
    assert assessment["experience_years"] == 7.5
    assert assessment["qualification"] == "vocational"
    assert assessment["skills"][0]["label"] == "install low voltage wiring"
    assert s.status("auslaenderbehoerde", "/assessment") == 403
    assert s.status("sozialamt", "/assessment") == 403
    with Session(web.engine) as session:
        client = session.get(Client, s.client_id)
        assert client is not None
        # The facts eligibility and matching read, carried into the client record.
        assert client.qualification is Qualification.VOCATIONAL
        assert client.degree_recognition is DegreeRecognition.NONE
        assert client.experience_years == 7.5
        assert client.german_level is CefrLevel.A1
        assert client.languages == ["ti", "ar", "en"]
        targets = session.scalars(
            sa.select(ClientOccupation.kldb).where(ClientOccupation.client_id == s.client_id)
        ).all()
        assert list(targets) == [ELECTRICIAN]
        # IQ counselling is open to people whose degree is not (fully) recognised.
        answer = check_client(session, client, "iq_beratung", on=date.today())
        assert answer.decision.value == "eligible", answer


def test_step3_referrals_reach_the_social_office_only_with_consent(web: Web) -> None:
    s = scenario(web).run_until("assessment")
    refused = s.api["agentur"].post(
        s.url("/referrals"),
        json={"kind": "work_permit", "to_agency": "immigration_office",
              "referred_on": days_ago(131).isoformat()},
    )  # fmt: skip
    assert refused.status_code == 422
    assert refused.json()["problems"][0]["rule"] == "no_consent"
    s.referrals()
    care = s.ok(s.api["sozialamt"].get(s.url("/referrals")))
    assert [(r["kind"], r["status"]) for r in care] == [
        ("childcare", "accepted"),
        ("recognition_counselling", "completed"),
    ]
    assert sight(s, "sozialamt") == {
        "/": 200, "/assessment": 403, "/referrals": 200, "/measures": 403, "/language": 403,
        "/employment": 403,
    }  # fmt: skip
    assert s.status("jobcenter", "/referrals") == 403
    assert s.status("auslaenderbehoerde") == 403
    with Session(web.engine) as session:
        procedure = session.scalars(
            sa.select(RecognitionProcedure).where(RecognitionProcedure.client_id == s.client_id)
        ).one()
        assert procedure.counselled_on == days_ago(110)
        assert procedure.kldb == ELECTRICIAN


def test_step4_recognition_hands_the_case_to_the_jobcenter_and_the_agency_loses_sight(
    web: Web,
) -> None:
    s = scenario(web).run_until("recognition")
    handover = s.ok(s.api["jobcenter"].get(s.url("/handovers")))[0]  # type: ignore[index]
    decided = days_ago(40)
    # Due by the end of the month after the decision (§ 1 Abs. 3 AsylbLG, § 37 Abs. 2 SGB II).
    next_month = (decided.replace(day=28) + timedelta(days=4)).replace(day=1)
    due = (next_month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    assert (handover["from_agency"], handover["to_agency"]) == ("employment_agency", "jobcenter")
    assert handover["due_on"] == due.isoformat()
    assert handover["carried_over"]["assessment"] == 1
    assert next(i["key"] for i in handover["items"]) == "sgb2_application"
    case = s.ok(s.api["jobcenter"].get(s.url()))
    assert case["you_lead"]
    assert case["asylum_state"] == "recognised"
    assert case["residence_status"] == "recognised_refugee"
    assert sight(s, "jobcenter") == {
        "/": 200, "/assessment": 200, "/referrals": 200, "/measures": 200, "/language": 200,
        "/employment": 200,
    }  # fmt: skip
    assert s.ok(s.api["jobcenter"].get(s.url("/assessment")))["owner_agency"] == "jobcenter"
    # The employment agency holds no consent: it sees nothing any more, and that is logged.
    before = len(s.denials("agentur"))
    assert set(sight(s, "agentur").values()) == {403}
    assert len(s.denials("agentur")) == before + len(PARTS)


def test_step5_handover_completed_on_time_and_the_agency_sees_what_he_shares_again(
    web: Web,
) -> None:
    s = scenario(web).run_until("handover")
    handover = s.ok(s.api["jobcenter"].get(s.url("/handovers")))[0]  # type: ignore[index]
    assert handover["completed_on"] == days_ago(20).isoformat()
    assert handover["on_time"] is True
    # The agency cannot tick the Jobcenter's checklist.
    refused = s.api["agentur"].patch(
        f"/api/v1/integration-point/handovers/{handover['id']}",
        json={"done": ["handover_meeting"], "on": days_ago(1).isoformat()},
    )
    assert refused.status_code == 403
    assert sight(s, "agentur") == {
        "/": 200, "/assessment": 403, "/referrals": 403, "/measures": 200, "/language": 403,
        "/employment": 403,
    }  # fmt: skip


def test_step6_language_course_is_seen_by_the_jobcenter_and_by_consent_by_the_agency(
    web: Web,
) -> None:
    s = scenario(web).run_until("language_course")
    measures = s.ok(s.api["agentur"].get(s.url("/measures")))
    assert [(p["measure"], p["status"]) for p in measures["participations"]] == [
        ("Integrationskurs", "active")
    ]
    assert measures["owner_agency"] == "jobcenter"
    assert s.status("agentur", "/language") == 403
    language = s.ok(s.api["jobcenter"].get(s.url("/language")))
    assert [step["level"] for step in language["steps"]] == ["A1"]
    assert s.status("sozialamt", "/measures") == 403
    assert s.status("auslaenderbehoerde", "/measures") == 403


def test_step7_a_revoked_consent_takes_effect_at_once(web: Web) -> None:
    s = scenario(web).run_until("language_course")
    assert s.status("agentur", "/measures") == 200
    before = len(s.denials("agentur"))
    s.revocation()
    assert s.status("agentur", "/measures") == 403
    assert s.status("agentur") == 403
    assert len(s.denials("agentur")) == before + 2
    consent = next(
        c
        for c in s.ok(s.api["jobcenter"].get(s.url("/consents")))  # type: ignore[union-attr]
        if c["recipient"] == "employment_agency"
    )
    assert consent["revoked_at"] is not None
    assert consent["in_force"] is False


def test_step8_job_start_is_seen_by_the_jobcenter_only(web: Web) -> None:
    s = scenario(web).run_until("job_start")
    jobs = s.ok(s.api["jobcenter"].get(s.url("/employment")))["job_starts"]
    assert [(j["start"], j["kind"]) for j in jobs] == [(days_ago(2).isoformat(), "employment")]
    for agency in ("agentur", "sozialamt", "auslaenderbehoerde"):
        assert s.status(agency, "/employment") == 403, agency
    with Session(web.engine) as session:
        client = session.get(Client, s.client_id)
        assert client is not None
        assert client.residence_status is ResidenceStatus.RECOGNISED_REFUGEE
        levels = session.scalars(
            sa.select(LanguageLevelRecord.level).where(LanguageLevelRecord.client_id == s.client_id)
        ).all()
        assert list(levels) == [CefrLevel.A1]
