"""One Integration Point case, step by step, through the API of the web application.

A young electrician from Eritrea is met in a shelter by the employment agency, which leads
his case while the asylum procedure runs. He consents to share parts of it: with the Jobcenter
(for placement), later with the social office (childcare). The steps follow the mission's
programme 4: first contact → competence assessment → recognition counselling → asylum
recognition → handover to the Jobcenter → language course → job start. Each agency has its
own account; the tests check after each step what each may see.

Dates are relative to today, because consents hold "today" in the running application.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from lotse.db.engine import session_scope
from lotse.domain.codes import AuditAction, Role
from lotse.models import AuditEntry, BenefitPeriod, Client, Site
from tests import factories as f
from tests.web import Web

STEPS = (
    "first_contact",
    "assessment",
    "referrals",
    "recognition",
    "handover",
    "language_course",
    "revocation",
    "job_start",
)
ELECTRICIAN = "26212"  # Bauelektrik – Fachkraft
SKILL = "http://data.europa.eu/esco/skill/fd60bbcc-c3b6-4fa5-936c-eef5ae0a2d44"  # low voltage

AGENCY_USERS = {
    "agentur": ("Agentur für Arbeit Dessau-Roßlau-Wittenberg", "Greta Vogel"),
    "sozialamt": ("Sozialamt", "Sven Brandt"),
}


def days_ago(n: int) -> date:
    return date.today() - timedelta(days=n)


@dataclass
class Scenario:
    """The case and a logged-in API client per agency (Jobcenter: the team lead)."""

    web: Web
    api: dict[str, TestClient] = field(default_factory=dict)
    client_id: int = 0
    done: list[str] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)

    # --- helpers -------------------------------------------------------------------------

    def url(self, part: str = "") -> str:
        return f"/api/v1/integration-point/cases/{self.client_id}{part}"

    def status(self, agency: str, part: str = "") -> int:
        return int(self.api[agency].get(self.url(part)).status_code)

    def ok(self, response: Any, expected: int = 200) -> dict[str, Any]:
        assert response.status_code == expected, response.text
        body: dict[str, Any] = response.json()
        return body

    def session(self) -> Session:
        return Session(self.web.engine)

    def denials(self, username: str) -> list[AuditEntry]:
        with self.session() as session:
            return list(
                session.scalars(
                    sa.select(AuditEntry).where(
                        AuditEntry.action == AuditAction.DENIED,
                        AuditEntry.actor == username,
                        AuditEntry.client_id == self.client_id,
                    )
                )
            )

    # --- the steps -----------------------------------------------------------------------

    def first_contact(self) -> None:
        """The employment agency meets him in a shelter and opens the case; he consents to
        share his basic data and competence assessment with the Jobcenter."""
        with self.session() as session:
            site = session.scalars(sa.select(Site.id).where(Site.name == "Bitterfeld")).one()
        body = self.ok(
            self.api["agentur"].post(
                "/api/v1/integration-point/cases",
                json={
                    "person": {
                        "name": "Yonas Tesfay",
                        "birth_year": 1997,
                        "gender": "m",
                        "citizenship": "ER",
                        "residence_status": "asylum_pending",
                        "work_permitted": False,
                        "languages": ["ti", "ar"],
                        "site_id": site,
                    },
                    "first_contact_on": days_ago(150).isoformat(),
                    "first_contact_place": "shelter",
                    "first_contact_note": "Gemeinschaftsunterkunft Friedensstraße",
                    "asylum_state": "pending",
                    "agencies": ["jobcenter", "social_office", "immigration_office"],
                },
            ),
            201,
        )
        self.client_id = int(body["client_id"])

    def consent_to_jobcenter(self) -> None:
        self.ids["consent_jobcenter"] = self.consent(
            "agentur", "jobcenter", "placement", ["competences"], days_ago(149)
        )

    def consent(
        self, by: str, recipient: str, purpose: str, categories: list[str], on: date
    ) -> int:
        body = self.ok(
            self.api[by].post(
                self.url("/consents"),
                json={
                    "recipient": recipient,
                    "purpose": purpose,
                    "categories": categories,
                    "valid_from": on.isoformat(),
                    "signed_on": on.isoformat(),
                    "form_reference": f"IP-EV-{recipient}-{on:%Y%m%d}",
                    "interpreter": "Frau Haile",
                    "interpreter_language": "ti",
                },
            ),
            201,
        )
        return int(body["id"])

    def assessment(self) -> None:
        self.ok(
            self.api["agentur"].put(
                self.url("/assessment"),
                json={
                    "assessed_on": days_ago(140).isoformat(),
                    "german_level": "A1",
                    "experiences": [
                        {"title": "Elektroinstallateur", "kldb": ELECTRICIAN, "country": "ER",
                         "years": 6, "last_year": 2023},
                        {"title": "Helfer auf dem Bau", "country": "ER", "years": 1.5},
                    ],
                    "degrees": [
                        {"title": "Diploma in Electrical Installation", "level": "vocational",
                         "country": "ER", "year": 2016, "kldb": ELECTRICIAN,
                         "recognition": "none", "regulated": False},
                        {"title": "Secondary School Certificate", "level": "school",
                         "country": "ER", "year": 2014},
                    ],
                    "languages": [
                        {"language": "ti", "native": True},
                        {"language": "ar", "level": "B1"},
                        {"language": "en", "level": "A2"},
                    ],
                    "skills": [{"esco_uri": SKILL}],
                },
            )
        )  # fmt: skip

    def referrals(self) -> None:
        """Recognition counselling (IQ) and, with consent, childcare at the social office."""
        iq = self.ok(
            self.api["agentur"].post(
                self.url("/referrals"),
                json={
                    "kind": "recognition_counselling",
                    "to_service": "IQ Anerkennungsberatung Sachsen-Anhalt",
                    "referred_on": days_ago(130).isoformat(),
                },
            ),
            201,
        )
        self.ids["referral_iq"] = int(iq["id"])
        self.ids["consent_sozialamt"] = self.consent(
            "agentur", "social_office", "childcare", ["referrals"], days_ago(130)
        )
        care = self.ok(
            self.api["agentur"].post(
                self.url("/referrals"),
                json={
                    "kind": "childcare",
                    "to_agency": "social_office",
                    "referred_on": days_ago(129).isoformat(),
                    "note": "Tochter, 3 Jahre: Kita-Platz ab Sprachkursbeginn",
                },
            ),
            201,
        )
        self.ids["referral_care"] = int(care["id"])
        self.ok(
            self.api["sozialamt"].patch(
                f"/api/v1/integration-point/referrals/{care['id']}",
                json={"status": "accepted", "on": days_ago(125).isoformat()},
            )
        )
        self.ok(
            self.api["agentur"].patch(
                f"/api/v1/integration-point/referrals/{iq['id']}",
                json={
                    "status": "completed",
                    "on": days_ago(110).isoformat(),
                    "outcome": "Beraten; Antrag auf Gleichwertigkeitsprüfung wird vorbereitet",
                },
            )
        )

    def recognition(self) -> None:
        body = self.ok(
            self.api["agentur"].post(
                self.url("/decision"),
                json={"decision": "recognised", "decided_on": days_ago(40).isoformat()},
            ),
            201,
        )
        self.ids["handover"] = int(body["id"])

    def handover(self) -> None:
        """The Jobcenter ticks the checklist; SGB II benefit starts; the Jobcenter records
        his consent to keep the employment agency informed about measures."""
        handover = self.ok(self.api["jobcenter"].get(self.url("/handovers")))[0]  # type: ignore[index]
        self.ok(
            self.api["jobcenter"].patch(
                f"/api/v1/integration-point/handovers/{handover['id']}",
                json={
                    "done": [i["key"] for i in handover["items"]],
                    "on": days_ago(20).isoformat(),
                },
            )
        )
        start = days_ago(40).replace(day=1) + timedelta(days=31)
        with session_scope(self.web.engine) as session:
            session.add(BenefitPeriod(client_id=self.client_id, start=start.replace(day=1)))
        self.ids["consent_agentur"] = self.consent(
            "jobcenter", "employment_agency", "placement", ["measures"], days_ago(20)
        )

    def language_course(self) -> None:
        from lotse.measures import courses
        from lotse.measures.schemas import EnrolmentCreate

        with session_scope(self.web.engine) as session:
            client = session.get(Client, self.client_id)
            assert client is not None
            run = f.make_run(
                session, measure="integrationskurs", provider="VHS Bitterfeld",
                starts_on=days_ago(15), title="Integrationskurs Vollzeit",
            )  # fmt: skip
            enrolment = courses.enrol(
                session, client, EnrolmentCreate(run_id=run.id, on=days_ago(16))
            )
            courses.start(session, enrolment.participation.id, days_ago(15))
            self.ids["participation"] = enrolment.participation.id

    def revocation(self) -> None:
        """He revokes the consent for the employment agency at the Jobcenter's desk."""
        self.ok(
            self.api["jobcenter"].post(
                f"/api/v1/integration-point/consents/{self.ids['consent_agentur']}/revocation",
                json={"note": "mündlich am Schalter widerrufen"},
            )
        )

    def job_start(self) -> None:
        from lotse.measures import participation
        from lotse.measures.schemas import HireCreate

        with session_scope(self.web.engine) as session:
            employer = f.make_employer(session, name="Elektro Krause GmbH", plz="06749")
            participation.record_hire(
                session,
                self.ids["participation"],
                HireCreate(on=days_ago(2), employer_id=employer.id, monthly_gross_eur=2650),
            )

    def run_until(self, last: str) -> Scenario:
        """Run every step up to and including ``last``."""
        for step in STEPS[: STEPS.index(last) + 1]:
            if step == "first_contact":
                self.first_contact()
                self.consent_to_jobcenter()
            else:
                getattr(self, step)()
            self.done.append(step)
        return self


def scenario(web: Web) -> Scenario:
    """Accounts for the employment agency and the social office next to the seeded ones; the
    immigration office is the seed's partner account, the Jobcenter its team lead."""
    with session_scope(web.engine) as session:
        for username, (agency, name) in AGENCY_USERS.items():
            f.make_user(
                session,
                role=Role.PARTNER_AGENCY,
                username=username,
                display_name=name,
                agency=agency,
            )
    api = {
        "agentur": web.api("agentur"),
        "sozialamt": web.api("sozialamt"),
        "auslaenderbehoerde": web.api(Role.PARTNER_AGENCY),
        "jobcenter": web.api(Role.TEAM_LEAD),
    }
    return Scenario(web, api)
