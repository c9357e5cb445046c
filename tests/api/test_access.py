"""Row scopes and the audit trail: who sees which client, and every access is logged."""

from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lotse.access.principal import Principal
from lotse.api import create_app
from lotse.api.features import Feature, discover
from lotse.domain.codes import AuditAction, ProposalDecision, Role
from lotse.models import AuditEntry, Client, Proposal
from tests.web import Web


def _entries(web: Web, **where: object) -> list[AuditEntry]:
    with Session(web.engine) as session:
        statement = sa.select(AuditEntry).filter_by(**where).order_by(AuditEntry.id)
        return list(session.scalars(statement))


def test_officer_cannot_open_a_client_of_another_team_and_the_refusal_is_logged(web: Web) -> None:
    officer = web.browser(Role.OFFICER)
    response = officer.get(f"/clients/{web.seed.client_other_team}")
    assert response.status_code == 403
    assert "Kein Zugriff" in response.text
    denied = _entries(web, action=AuditAction.DENIED, client_id=web.seed.client_other_team)
    assert [(e.actor, e.entity) for e in denied] == [("anna", "client")]
    # Nothing was read: no READ entry for that client.
    assert not _entries(web, action=AuditAction.READ, client_id=web.seed.client_other_team)


def test_officer_sees_only_her_caseload_and_the_team_lead_sees_the_team(web: Web) -> None:
    officer, lead = web.api(Role.OFFICER), web.api(Role.TEAM_LEAD)
    assert officer.get(f"/api/v1/clients/{web.seed.client_colleague}").status_code == 403
    assert lead.get(f"/api/v1/clients/{web.seed.client_colleague}").status_code == 200
    assert lead.get(f"/api/v1/clients/{web.seed.client_other_team}").status_code == 403
    own = {c["id"] for c in officer.get("/api/v1/clients").json()}
    team = {c["id"] for c in lead.get("/api/v1/clients").json()}
    assert web.seed.client_main in own
    assert web.seed.client_colleague not in own
    assert {web.seed.client_main, web.seed.client_colleague} <= team
    assert web.seed.client_other_team not in team
    with Session(web.engine) as session:
        expected_own = set(
            session.scalars(
                sa.select(Client.id).join(Client.officer).where(sa.text("officers.ref = 'O-ANNA'"))
            )
        )
    assert own == expected_own


def test_opening_a_client_file_writes_who_when_and_what(web: Web) -> None:
    officer = web.browser(Role.OFFICER)
    response = officer.get(f"/clients/{web.seed.client_main}")
    assert response.status_code == 200
    reads = _entries(web, action=AuditAction.READ, client_id=web.seed.client_main)
    assert [(e.actor, e.entity, e.detail["what"]) for e in reads] == [("anna", "client", "file")]
    assert reads[0].user_id == web.seed.user_ids[Role.OFFICER]
    # The file shows its own trail, including the read just made.
    assert "Anna Becker" in response.text
    assert "gelesen" in response.text


def test_employer_service_sees_proposed_candidates_only_and_only_the_shared_part(web: Web) -> None:
    service = web.api(Role.EMPLOYER_SERVICE)
    record = service.get(f"/api/v1/clients/{web.seed.client_main}")
    assert record.status_code == 200
    assert "birth_year" not in record.json()
    assert "residence_status" not in record.json()
    assert service.get(f"/api/v1/clients/{web.seed.client_colleague}").status_code == 403
    proposals = service.get("/api/v1/proposals").json()
    assert {p["decision"] for p in proposals} == {"accepted"}
    assert service.get(f"/api/v1/proposals/{web.seed.proposal_pending}").status_code == 403
    page = web.browser(Role.EMPLOYER_SERVICE).get(f"/clients/{web.seed.client_main}")
    assert "Persönliche Angaben" not in page.text
    assert "Protokoll" not in page.text


def test_controlling_gets_figures_but_never_a_person(web: Web) -> None:
    controlling = web.api(Role.CONTROLLING)
    assert controlling.get("/api/v1/clients").status_code == 403
    assert controlling.get(f"/api/v1/clients/{web.seed.client_main}").status_code == 403
    figures = controlling.get("/api/v1/dashboard/figures")
    assert figures.status_code == 200
    members = {p["code"]: p["members"] for p in figures.json()["programme_members"]}
    assert members == {"job_turbo": 1, "joboffensive": 0}  # one membership seeded
    page = web.browser(Role.CONTROLLING).get("/dashboard")
    assert page.status_code == 200
    assert "Amira" not in page.text


class ConsentForMain:
    """A stand-in consent provider: the main client consented to share with partners."""

    def __init__(self, client_id: int) -> None:
        self.client_id = client_id

    def shared_clients(self, principal: Principal, resource: str = "client") -> ColumnElement[bool]:
        return Client.id == self.client_id

    def held_elsewhere(self, principal: Principal) -> ColumnElement[bool]:
        return sa.false()


def test_partner_agency_sees_nothing_until_a_consent_check_is_plugged_in(web: Web) -> None:
    partner = web.api(Role.PARTNER_AGENCY)
    assert partner.get("/api/v1/clients").json() == []
    assert partner.get(f"/api/v1/clients/{web.seed.client_main}").status_code == 403

    consent = Feature(name="consent", consent_provider=ConsentForMain(web.seed.client_main))
    others = [replace(f, consent_provider=None) for f in discover()]  # one provider only
    web.app = create_app(engine=web.engine, features=[*others, consent])
    partner = web.api(Role.PARTNER_AGENCY)
    assert [c["id"] for c in partner.get("/api/v1/clients").json()] == [web.seed.client_main]
    shared = partner.get(f"/api/v1/clients/{web.seed.client_main}").json()
    assert "residence_status" not in shared
    assert partner.get(f"/api/v1/clients/{web.seed.client_colleague}").status_code == 403


def test_accepting_a_proposal_records_the_decision_and_the_change(web: Web) -> None:
    officer = web.api(Role.OFFICER)
    url = f"/api/v1/proposals/{web.seed.proposal_pending}/decision"
    response = officer.post(url, json={"decision": "accepted", "reason": "Termin vereinbart"})
    assert response.status_code == 200, response.text
    assert response.json()["decision"] == "accepted"
    with Session(web.engine) as session:
        proposal = session.get(Proposal, web.seed.proposal_pending)
        assert proposal is not None
        assert proposal.decision is ProposalDecision.ACCEPTED
        assert proposal.decided_by_id == web.seed.user_ids[Role.OFFICER]
        assert proposal.decision_reason == "Termin vereinbart"
    changes = _entries(web, action=AuditAction.UPDATE, client_id=web.seed.client_main)
    assert [e.detail["decision"] for e in changes] == ["accepted"]
    # Deciding again is a conflict, and changes nothing.
    again = officer.post(url, json={"decision": "rejected", "reason": "doch nicht"})
    assert again.status_code == 409
    assert len(_entries(web, action=AuditAction.UPDATE, client_id=web.seed.client_main)) == 1


def test_rejecting_without_a_reason_is_refused_and_nothing_is_written(web: Web) -> None:
    officer = web.api(Role.OFFICER)
    url = f"/api/v1/proposals/{web.seed.proposal_pending}/decision"
    response = officer.post(url, json={"decision": "rejected"})
    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "reason"
    with Session(web.engine) as session:
        proposal = session.get(Proposal, web.seed.proposal_pending)
        assert proposal is not None
        assert proposal.decision is ProposalDecision.PENDING
    assert not _entries(web, action=AuditAction.UPDATE)


def test_an_officer_cannot_decide_a_proposal_of_another_team(web: Web) -> None:
    officer = web.api(Role.OFFICER)
    url = f"/api/v1/proposals/{web.seed.proposal_other_team}/decision"
    assert officer.post(url, json={"decision": "accepted"}).status_code == 403
    assert _entries(web, action=AuditAction.DENIED, client_id=web.seed.client_other_team)


def test_the_day_shows_due_contacts_pending_proposals_and_free_seats_of_the_caseload(
    web: Web,
) -> None:
    page = web.browser(Role.OFFICER).get("/day")
    assert page.status_code == 200
    text = page.text
    assert "Amira Haddad" in text  # due today and overdue
    assert "überfällig" in text
    assert "Montagehelfer/in Solarmodule" in text  # pending proposal
    assert "Olena Kovalenko" not in text  # other team
    assert "Jonas Weber" not in text  # colleague's client
    # The catalogue course (Berufssprachkurs B1→B2) has 2 seats and nobody enrolled: 2 free;
    # Amira (B1, recognised refugee) meets its entry level B1, so it fits her caseload.
    assert "Berufssprachkurs B2 Vormittag" in text
    assert "2 / 2" in text
    # The seed's other course has no rules in the catalogue: nobody can be found eligible.
    assert "Abendkurs" not in text
    # Amira's not-integrable review was due 17 days ago.
    assert "Kinderbetreuung" in text
