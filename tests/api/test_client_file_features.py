"""The client's file: panels, enrolment with eligibility, contacts, assessments, plans.

Every test runs on SQLite and PostgreSQL (the ``web`` fixture) against the seeded Jobcenter of
tests/web_seed.py. Expected values come from the seed and the rules, as each comment says.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.contacts import service as contacts
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import AuditAction, ContactStatus, ParticipationStatus, Role
from lotse.models import (
    AuditEntry,
    Client,
    Contact,
    Kooperationsplan,
    NotIntegrableAssessment,
    Officer,
    Participation,
    Site,
)
from tests import factories as f
from tests.web import Web


def _entries(web: Web, **where: Any) -> list[AuditEntry]:
    with Session(web.engine) as session:
        return list(session.scalars(sa.select(AuditEntry).filter_by(**where)))


def _a1_client_of_anna(web: Web) -> int:
    """A client in Anna's caseload with German A1: below the course's entry level B1."""
    with Session(web.engine) as session:
        anna = session.scalars(sa.select(Officer).where(Officer.ref == "O-ANNA")).one()
        main = session.get(Client, web.seed.client_main)
        assert main is not None
        client = f.make_client(
            session,
            site=session.get(Site, main.site_id),
            officer_id=anna.id,
            name="Dawit Tesfaye",
            german_level=CefrLevel.A1,
        )
        session.commit()
        return client.id


def test_the_file_shows_every_panel_and_logs_one_read(web: Web) -> None:
    page = web.browser(Role.OFFICER).get(f"/clients/{web.seed.client_main}")
    assert page.status_code == 200
    for key in ("contacts", "participations", "eligibility", "kooperationsplan",
                "not_integrable", "recognition"):  # fmt: skip
        assert f'id="panel-{key}"' in page.text
    # Eligibility with its legal basis: the Integrationskurs row cites § 44 AufenthG.
    assert "AufenthG" in page.text
    reads = _entries(web, action=AuditAction.READ, client_id=web.seed.client_main)
    assert [(e.actor, e.detail["what"]) for e in reads] == [("anna", "file")]


def test_the_employer_service_sees_none_of_the_case_panels(web: Web) -> None:
    page = web.browser(Role.EMPLOYER_SERVICE).get(f"/clients/{web.seed.client_main}")
    assert page.status_code == 200
    assert "panel-eligibility" not in page.text
    assert "panel-contacts" not in page.text
    assert "panel-not_integrable" not in page.text


def test_enrolling_checks_eligibility_and_an_override_needs_a_reason(web: Web) -> None:
    client_id = _a1_client_of_anna(web)
    officer = web.api(Role.OFFICER)
    url = f"/api/v1/clients/{client_id}/enrolments"
    today = date.today().isoformat()
    refused = officer.post(url, json={"run_id": web.seed.course_run, "on": today})
    # Berufssprachkurs B1→B2 requires B1 (§ 4 DeuFöV); the client has A1: not eligible.
    assert refused.status_code == 409
    assert "nicht berechtigt" in refused.json()["detail"]
    with Session(web.engine) as session:
        assert not session.scalars(
            sa.select(Participation).where(Participation.client_id == client_id)
        ).all()
    short = officer.post(url, json={"run_id": web.seed.course_run, "on": today,
                                    "override_reason": "kurz"})  # fmt: skip
    assert short.status_code == 422
    assert short.json()["problems"][0]["field"].endswith("override_reason")
    reason = "Einstufungstest zeigt B1 in Hören und Sprechen"
    body = {"run_id": web.seed.course_run, "on": today, "override_reason": reason}
    granted = officer.post(url, json=body)
    assert granted.status_code == 201, granted.text
    participation = granted.json()["participation"]
    assert participation["status"] == "planned"  # 2 seats, none taken: a seat
    assert participation["decision"] == "not_eligible"
    assert participation["override_reason"] == reason
    assert any("B1" in r for r in participation["decision_reasons"])


def test_enrolling_from_the_file_page_and_a_second_time_shows_the_conflict(web: Web) -> None:
    officer = web.browser(Role.OFFICER)
    url = f"/clients/{web.seed.client_main}/enrolments"
    form = {"run_id": str(web.seed.course_run), "on": date.today().isoformat()}
    first = officer.post(url, data=form)
    assert first.status_code == 303
    assert first.headers["location"].endswith("#panel-participations")
    again = officer.post(url, data=form)
    assert again.status_code == 409
    assert "already enrolled" in again.text
    with Session(web.engine) as session:
        rows = session.scalars(
            sa.select(Participation).where(Participation.run_id == web.seed.course_run)
        ).all()
    assert [p.status for p in rows] == [ParticipationStatus.PLANNED]


def test_recording_a_contact_outcome_bad_input_changes_nothing(web: Web) -> None:
    officer = web.browser(Role.OFFICER)
    url = f"/clients/{web.seed.client_main}/contacts/{web.seed.contact_today}/outcome"
    bad = officer.post(url, data={"status": "planned"})  # not an outcome
    assert bad.status_code == 422
    assert "Nicht gespeichert" in bad.text
    with Session(web.engine) as session:
        contact = session.get(Contact, web.seed.contact_today)
        assert contact is not None
        assert contact.status is ContactStatus.PLANNED
    assert not _entries(web, action=AuditAction.UPDATE, entity="contact")
    done = officer.post(url, data={"status": "done", "note": "Bewerbung besprochen"})
    assert done.status_code == 303
    with Session(web.engine) as session:
        contact = session.get(Contact, web.seed.contact_today)
        assert contact is not None
        assert contact.status is ContactStatus.DONE
        assert contact.notes == "Bewerbung besprochen"
    changes = _entries(web, action=AuditAction.UPDATE, client_id=web.seed.client_main)
    assert {(e.actor, e.entity) for e in changes} == {("anna", "client"), ("anna", "contact")}


def test_an_officer_cannot_touch_a_contact_of_another_team(web: Web) -> None:
    with Session(web.engine) as session:
        contact_id = session.scalars(
            sa.select(Contact.id).where(Contact.client_id == web.seed.client_other_team)
        ).first()
    response = web.api(Role.OFFICER).post(
        f"/api/v1/clients/{web.seed.client_other_team}/contacts/{contact_id}/outcome",
        json={"status": "done"},
    )
    assert response.status_code == 403
    denied = _entries(web, action=AuditAction.DENIED, client_id=web.seed.client_other_team)
    assert [e.actor for e in denied] == ["anna"]
    # A contact of another client under this client's path is "not found", not changed.
    wrong = web.api(Role.OFFICER).post(
        f"/api/v1/clients/{web.seed.client_main}/contacts/{contact_id}/outcome",
        json={"status": "done"},
    )
    assert wrong.status_code == 404


def test_the_invitation_letter_is_a_pdf_and_its_export_is_logged(web: Web) -> None:
    response = web.browser(Role.OFFICER).get(
        f"/clients/{web.seed.client_main}/contacts/{web.seed.contact_today}/letter.pdf"
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # One export, one entry: the client's record was read once.
    entries = _entries(web, client_id=web.seed.client_main)
    assert [(e.action, e.entity, e.detail["contact_id"]) for e in entries] == [
        (AuditAction.EXPORT, "client", web.seed.contact_today)
    ]


def test_not_integrable_assessments_are_added_and_closed(web: Web) -> None:
    officer = web.api(Role.OFFICER)
    url = f"/api/v1/clients/{web.seed.client_main}/not-integrable"
    assessed = date.today() - timedelta(days=1)
    created = officer.post(url, json={"reason": "health", "assessed_on": assessed.isoformat()})
    assert created.status_code == 201, created.text
    # No review date given: Lotse's default is six months after the assessment.
    review = date.fromisoformat(created.json()["review_on"])
    assert 181 <= (review - assessed).days <= 184
    twice = officer.post(url, json={"reason": "health", "assessed_on": assessed.isoformat()})
    assert twice.status_code == 409
    page = web.browser(Role.OFFICER)
    closed = page.post(
        f"/clients/{web.seed.client_main}/not-integrable/{web.seed.assessment}/close",
        data={"on": date.today().isoformat()},
    )
    assert closed.status_code == 303
    with Session(web.engine) as session:
        assessment = session.get(NotIntegrableAssessment, web.seed.assessment)
        assert assessment is not None
        assert assessment.closed_on == date.today()
    assert [a["reason"] for a in officer.get(url).json()] == ["childcare", "health"]


def test_a_kooperationsplan_before_its_potenzialanalyse_is_refused(web: Web) -> None:
    page = web.browser(Role.OFFICER)
    url = f"/clients/{web.seed.client_main}/kooperationsplan"
    today = date.today()
    bad = page.post(url, data={"potential_analysis_on": today.isoformat(),
                               "agreed_on": (today - timedelta(days=3)).isoformat(),
                               "goals": "Deutsch B2"})  # fmt: skip
    # § 15 Abs. 1 SGB II: the Potenzialanalyse comes first.
    assert bad.status_code == 422
    with Session(web.engine) as session:
        assert not session.scalars(sa.select(Kooperationsplan)).all()
    good = page.post(url, data={"potential_analysis_on": today.isoformat(),
                                "agreed_on": today.isoformat(),
                                "goals": "Deutsch B2\nArbeit in der Lagerlogistik",
                                "client_step": "Anmeldung zum Berufssprachkurs"})  # fmt: skip
    assert good.status_code == 303
    plan = web.api(Role.OFFICER).get(f"/api/v1/clients/{web.seed.client_main}/kooperationsplan")
    body = plan.json()
    assert [g["text"] for g in body["goals"]] == ["Deutsch B2", "Arbeit in der Lagerlogistik"]
    assert [s["responsible"] for s in body["steps"]] == ["client"]


def test_eligibility_of_a_client_via_the_api_names_reasons_and_law(web: Web) -> None:
    answers = web.api(Role.TEAM_LEAD).get(f"/api/v1/clients/{web.seed.client_main}/eligibility")
    assert answers.status_code == 200
    by_code = {a["measure"]: a for a in answers.json()}
    assert by_code["bsk_basis_b1_b2"]["decision"] != "not_eligible"  # Amira has B1
    assert all(r["legal_basis"] for a in answers.json() for r in a["reasons"])
    reads = _entries(web, action=AuditAction.READ, client_id=web.seed.client_main)
    assert [(e.actor, e.detail["what"]) for e in reads] == [("tanja", "eligibility")]
    assert (
        web.api(Role.CONTROLLING)
        .get(f"/api/v1/clients/{web.seed.client_main}/eligibility")
        .status_code
        == 403
    )


def test_the_day_lists_overdue_reviews_of_the_caseload_only(web: Web) -> None:
    with Session(web.engine) as session:
        colleague = session.get(Client, web.seed.client_colleague)
        assert colleague is not None
        f.make_contact(session, client=colleague)  # keep the factories' sequence in use
        session.add(NotIntegrableAssessment(
            client_id=colleague.id, reason="language", assessed_on=date(2024, 1, 1),
            review_on=date(2024, 7, 1)))  # fmt: skip
        session.commit()
    officer = web.browser(Role.OFFICER).get("/day").text
    lead = web.browser(Role.TEAM_LEAD).get("/day").text
    assert "Kinderbetreuung" in officer  # Amira's overdue review
    assert "Jonas Weber" not in officer  # the colleague's client
    assert "Jonas Weber" in lead  # the team lead sees the team


def _queries_for_day(web: Web) -> int:
    officer = web.browser(Role.OFFICER)
    count = 0

    def count_query(*_: Any) -> None:
        nonlocal count
        count += 1

    sa.event.listen(web.engine, "before_cursor_execute", count_query)
    try:
        assert officer.get("/day").status_code == 200
    finally:
        sa.event.remove(web.engine, "before_cursor_execute", count_query)
    return count


def test_the_day_needs_as_many_queries_for_twenty_clients_as_for_one(web: Web) -> None:
    before = _queries_for_day(web)
    with Session(web.engine) as session:
        anna = session.scalars(sa.select(Officer).where(Officer.ref == "O-ANNA")).one()
        main = session.get(Client, web.seed.client_main)
        assert main is not None
        site = session.get(Site, main.site_id)
        for i in range(20):
            client = f.make_client(session, site=site, officer_id=anna.id, name=f"Kunde {i}",
                                   german_level=CefrLevel.B1)  # fmt: skip
            f.make_contact(session, client=client, status=ContactStatus.PLANNED,
                           scheduled_at=datetime.now(UTC) - timedelta(days=2))  # fmt: skip
            session.add(NotIntegrableAssessment(client_id=client.id, reason="health",
                                                assessed_on=date(2024, 1, 1),
                                                review_on=date(2024, 7, 1)))  # fmt: skip
        session.commit()
    after = _queries_for_day(web)
    # No query per client: the page reads lists, whatever their length.
    assert after == before


def test_the_officers_day_logs_the_clients_it_shows_in_one_entry(web: Web) -> None:
    browser = web.browser(Role.OFFICER)
    with Session(web.engine) as session:
        before = session.scalar(sa.select(sa.func.max(AuditEntry.id))) or 0
    assert browser.get("/day").status_code == 200
    with Session(web.engine) as session:
        new = session.scalars(sa.select(AuditEntry).where(AuditEntry.id > before)).all()
    # The seed gives Anna overdue contacts, so the worklist is on the page. The day logs the
    # clients it shows as a list read (the pending proposals' list logs its own); the worklist
    # adds no second entry for the same read.
    assert {(e.action, e.entity, e.entity_id) for e in new} == {
        (AuditAction.READ, "client_list", "day")
    }
    with Session(web.engine) as session:
        overdue = {r.client_id for r in contacts.worklist(session, today=date.today(), actor="t")}
    assert overdue
    assert any(overdue & set(e.detail["client_ids"]) for e in new)
