"""Programme figures, report downloads, caseloads, events and measures pages (both databases).

Expected values are worked out from the seed (tests/web_seed.py) as each comment says.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.domain.codes import AuditAction, InvitationStatus, Role
from lotse.models import (
    AuditEntry,
    Client,
    EmployerEvent,
    EventInvitation,
    JobStart,
    Measure,
    Participation,
)
from tests.web import Web


def _entries(web: Web, **where: Any) -> list[AuditEntry]:
    with Session(web.engine) as session:
        return list(session.scalars(sa.select(AuditEntry).filter_by(**where)))


def _month() -> str:
    return date.today().replace(day=1).strftime("%Y-%m")


def test_controlling_sees_small_counts_suppressed_the_team_lead_does_not(web: Web) -> None:
    query = f"/api/v1/figures?month={_month()}"
    lead = web.api(Role.TEAM_LEAD).get(query)
    controlling = web.api(Role.CONTROLLING).get(query)
    assert lead.status_code == controlling.status_code == 200
    # Only Amira has a benefit period in the seed: Bitterfeld holds exactly one eLb, a count
    # under five, so controlling gets the cell blanked and told why.
    site = {(r["dimension"], r["unit"]): r for r in lead.json()["breakdowns"]}
    assert site[("site", "Bitterfeld")]["elb_stock"] == 1
    assert site[("site", "Bitterfeld")]["suppressed"] == []
    blanked = {(r["dimension"], r["unit"]): r for r in controlling.json()["breakdowns"]}
    assert blanked[("site", "Bitterfeld")]["elb_stock"] is None
    assert "elb_stock" in blanked[("site", "Bitterfeld")]["suppressed"]
    page = web.browser(Role.CONTROLLING).get(f"/figures?month={_month()}")
    assert page.status_code == 200
    assert "&lt; 5" in page.text
    assert "Amira" not in page.text


def test_the_figures_page_compares_with_a_reference_and_refuses_bad_input(web: Web) -> None:
    lead = web.browser(Role.TEAM_LEAD)
    page = lead.get(f"/figures?month={_month()}&reference=11,3")
    assert page.status_code == 200
    assert "Referenzwert" in page.text
    assert "report.pdf" in page.text
    bad = lead.get("/figures?month=2025-13&reference=viel&site=Atlantis")
    assert bad.status_code == 422
    assert bad.text.count('aria-invalid="true"') == 3
    api = web.api(Role.TEAM_LEAD).get("/api/v1/figures?month=2025-13")
    assert api.status_code == 422
    assert [p["field"] for p in api.json()["problems"]] == ["month"]


def test_report_downloads_are_files_and_each_download_is_logged(web: Web) -> None:
    lead = web.browser(Role.TEAM_LEAD)
    pdf = lead.get(f"/figures/report.pdf?month={_month()}")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    xlsx = lead.get(f"/figures/report.xlsx?month={_month()}&programme=job_turbo")
    assert xlsx.content.startswith(b"PK")  # a zip container
    html = lead.get(f"/figures/report.html?month={_month()}")
    assert "Integrationsquote" in html.text
    assert lead.get("/figures/report.pdf?month=kaputt").status_code == 422
    exports = _entries(web, action=AuditAction.EXPORT, entity="report")
    assert sorted(e.detail["format"] for e in exports) == ["html", "pdf", "xlsx"]
    assert web.browser(Role.OFFICER).get(f"/figures/report.pdf?month={_month()}").status_code == 403


def test_the_caseload_what_if_writes_nothing_and_applying_needs_confirmation(web: Web) -> None:
    with Session(web.engine) as session:
        before = dict(session.execute(sa.select(Client.id, Client.officer_id)).all())
    lead = web.api(Role.TEAM_LEAD)
    plan = lead.get("/api/v1/caseloads/plan?add_officers=2&programme=job_turbo")
    assert plan.status_code == 200
    assert len(plan.json()["planned_posts"]) == 2
    assert lead.get("/api/v1/caseloads/plan?add_officers=1&programme=nix").status_code == 422
    page = web.browser(Role.TEAM_LEAD).get("/caseloads?add=1&programme=job_turbo")
    assert page.status_code == 200
    assert "Neue Stelle" in page.text
    assert lead.post("/api/v1/caseloads/apply", json={"confirm": False}).status_code == 422
    unconfirmed = web.browser(Role.TEAM_LEAD).post("/caseloads/apply", data={})
    assert unconfirmed.status_code == 422
    with Session(web.engine) as session:
        assert dict(session.execute(sa.select(Client.id, Client.officer_id)).all()) == before
    density = lead.get("/api/v1/caseloads/density").json()
    # Job-Turbo promises 0.72 contacts per client and month (seed programme).
    assert {d["programme"]: d["target"] for d in density}["job_turbo"] == 0.72


def test_the_employer_service_runs_an_event_from_creation_to_a_hire(web: Web) -> None:
    service = web.api(Role.EMPLOYER_SERVICE)
    starts = datetime.now(UTC) + timedelta(days=3)
    bad = web.browser(Role.EMPLOYER_SERVICE).post(
        "/events",
        data={"kind": "job_fair", "title": "Messe", "starts_at": "2030-05-02T10:00",
              "ends_at": "2030-05-01T10:00"},
    )  # fmt: skip
    assert bad.status_code == 422  # ends before it starts
    with Session(web.engine) as session:
        assert not session.scalars(
            sa.select(EmployerEvent).where(EmployerEvent.title == "Messe")
        ).all()
    event = {
        "kind": "company_visit",
        "title": "Betriebsbesichtigung Lager",
        "starts_at": starts.isoformat(),
        "vacancy_ids": [web.seed.vacancy],
        "capacity": 10,
    }
    created = service.post("/api/v1/events", json=event)
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    candidates = service.get(f"/api/v1/events/{event_id}/candidates").json()
    ids = [c["client_id"] for c in candidates]
    assert web.seed.client_main in ids
    both = {"client_ids": [web.seed.client_main, web.seed.client_colleague]}
    invited = service.post(f"/api/v1/events/{event_id}/invitations", json=both)
    assert invited.status_code == 201, invited.text
    again = service.post(f"/api/v1/events/{event_id}/invitations",
                         json={"client_ids": [web.seed.client_main]})  # fmt: skip
    assert again.status_code == 422
    came = service.post(f"/api/v1/events/{event_id}/attendance",
                        json={"attended": [web.seed.client_main]})  # fmt: skip
    assert came.json() == {"attended": 1, "no_show": 1}
    invitation = next(i for i in invited.json() if i["client_id"] == web.seed.client_main)
    hired = service.post(
        f"/api/v1/events/{event_id}/invitations/{invitation['id']}/result",
        json={"result": "hire", "on": date.today().isoformat(), "job_start": True},
    )
    assert hired.status_code == 200
    funnel = service.get(f"/api/v1/events/{event_id}/funnel").json()
    assert (funnel["invited"], funnel["attended"], funnel["hire"]) == (2, 1, 1)
    with Session(web.engine) as session:
        starts_ = session.scalars(
            sa.select(JobStart).where(JobStart.client_id == web.seed.client_main)
        ).all()
        assert len(starts_) == 1
        statuses = session.scalars(
            sa.select(EventInvitation.status).where(EventInvitation.event_id == event_id)
        ).all()
        assert sorted(statuses) == sorted([InvitationStatus.ATTENDED, InvitationStatus.NO_SHOW])
    page = web.browser(Role.EMPLOYER_SERVICE).get(f"/events/{event_id}")
    assert "Trichter der Veranstaltung" in page.text


def test_an_officer_sees_only_her_own_clients_as_event_candidates(web: Web) -> None:
    rows = web.api(Role.OFFICER).get(f"/api/v1/events/{web.seed.event}/candidates").json()
    # Amira is invited already; Anna's caseload has nobody else: no candidate at all.
    assert rows == []
    team = web.api(Role.TEAM_LEAD).get(f"/api/v1/events/{web.seed.event}/candidates").json()
    assert web.seed.client_colleague in [c["client_id"] for c in team]
    assert web.seed.client_other_team not in [c["client_id"] for c in team]
    refused = web.api(Role.OFFICER).post(
        f"/api/v1/events/{web.seed.event}/invitations",
        json={"client_ids": [web.seed.client_colleague]},
    )
    assert refused.status_code == 403


def test_measure_pages_show_rules_runs_and_the_activation_funnel(web: Web) -> None:
    officer = web.browser(Role.OFFICER)
    assert "Berufssprachkurs" in officer.get("/measures").text
    detail = officer.get("/measures/avgs_mat")
    assert "§ 45" in detail.text
    assert "<svg" in detail.text  # the funnel chart
    funnel = web.api(Role.OFFICER).get("/api/v1/measures/avgs_mat/funnel").json()
    # Seed: four started, three with an internship, two reported, one hired.
    assert [r["count"] for r in funnel] == [4, 3, 2, 1]
    assert officer.get("/measures/nicht_da").status_code == 404
    runs = web.api(Role.TEAM_LEAD).get("/api/v1/courses").json()
    b2 = next(r for r in runs if r["id"] == web.seed.course_run)
    assert (b2["seats"], b2["free"], b2["waiting"]) == (2, 2, 0)
    course = officer.get(f"/courses/{web.seed.course_run}")
    assert course.status_code == 200


def test_an_internship_and_a_hire_recorded_on_the_file_feed_the_activation_funnel(
    web: Web,
) -> None:
    with Session(web.engine) as session:
        row = session.execute(
            sa.select(Participation.id, Participation.client_id)
            .join(Measure, Measure.id == Participation.measure_id)
            .where(Measure.code == "avgs_mat", Participation.internship_start.is_(None))
        ).one()
    participation_id, client_id = row
    lead = web.browser(Role.TEAM_LEAD)
    url = f"/clients/{client_id}/participations/{participation_id}/outcome"
    today = date.today()
    backwards = lead.post(url, data={"step": "internship", "on": today.isoformat(),
                                     "until": (today - timedelta(days=3)).isoformat(),
                                     "employer_id": str(web.seed.employer)})  # fmt: skip
    assert backwards.status_code == 422
    internship = lead.post(url, data={"step": "internship",
                                      "on": (today - timedelta(days=30)).isoformat(),
                                      "until": (today - timedelta(days=20)).isoformat(),
                                      "employer_id": str(web.seed.employer)})  # fmt: skip
    assert internship.status_code == 303
    hire = lead.post(url, data={"step": "hire", "on": today.isoformat(),
                                "employer_id": str(web.seed.employer)})  # fmt: skip
    assert hire.status_code == 303
    funnel = web.api(Role.TEAM_LEAD).get("/api/v1/measures/avgs_mat/funnel").json()
    # Seed 4 → 3 → 2 → 1; this participant now had an internship and was hired.
    assert [r["count"] for r in funnel] == [4, 4, 2, 2]
    with Session(web.engine) as session:
        assert session.scalars(
            sa.select(JobStart).where(JobStart.client_id == client_id, JobStart.start == today)
        ).one()
