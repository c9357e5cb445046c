"""Every route, called as every role: access must be exactly what the role matrix says.

The matrix is written here as data, independently of the policy code in the features. A new
route fails this test until it is added to the matrix, so nobody can add a page or endpoint
without deciding who may use it.

Path parameters point at the seeded main client's records: the client is in the officer's own
caseload, in the team lead's team, and proposed to an employer (an accepted proposal), but not
shared with partner agencies (no consent is recorded). The proposal in the path is
that client's *pending* one, which the employer service does not see.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from lotse.api.routing import flat_routes
from lotse.domain.codes import Role
from tests.web import Web, csrf_of

OFF, T, E, C, P, A = (
    Role.OFFICER,
    Role.TEAM_LEAD,
    Role.EMPLOYER_SERVICE,
    Role.CONTROLLING,
    Role.PARTNER_AGENCY,
    Role.ADMIN,
)
EVERYONE = {OFF, T, E, C, P, A}
PUBLIC = "public"
CASE = {OFF, T}
STAFF = {OFF, T, E}
FIGURES = {T, C, A}  # aggregates: team leads, controlling, administration

MATRIX: dict[tuple[str, str], set[Role] | str] = {
    ("POST", "/api/v1/auth/token"): PUBLIC,
    ("DELETE", "/api/v1/auth/token"): EVERYONE,
    ("GET", "/api/v1/me"): EVERYONE,
    ("GET", "/api/v1/clients"): {OFF, T, E, P},
    ("GET", "/api/v1/clients/{client_id}"): {OFF, T, E},
    ("GET", "/api/v1/proposals"): STAFF,
    ("GET", "/api/v1/proposals/{proposal_id}"): CASE,
    ("POST", "/api/v1/proposals/{proposal_id}/decision"): CASE,
    ("GET", "/api/v1/employers"): STAFF,
    ("POST", "/api/v1/employers"): {E},
    ("GET", "/api/v1/employers/{employer_id}"): STAFF,
    ("PATCH", "/api/v1/employers/{employer_id}"): {E},
    ("GET", "/api/v1/vacancies"): STAFF,
    ("POST", "/api/v1/vacancies"): {E},
    ("GET", "/api/v1/vacancies/{vacancy_id}"): STAFF,
    ("PATCH", "/api/v1/vacancies/{vacancy_id}"): {E},
    ("GET", "/api/v1/events"): STAFF,
    ("GET", "/api/v1/events/{event_id}"): STAFF,
    ("GET", "/api/v1/dashboard/figures"): {T, C},
    ("GET", "/api/v1/programmes"): {OFF, T, E, C, A},
    ("POST", "/api/v1/programmes"): {A},
    ("GET", "/api/v1/programmes/{programme_id}"): {OFF, T, E, C, A},
    ("PATCH", "/api/v1/programmes/{programme_id}"): {A},
    ("GET", "/api/v1/users"): {A},
    ("POST", "/api/v1/users"): {A},
    ("GET", "/api/v1/users/{user_id}"): {A},
    ("PATCH", "/api/v1/users/{user_id}"): {A},
    ("GET", "/api/v1/audit"): {A},
    ("GET", "/api/v1/caseloads/density"): {T},
    ("GET", "/api/v1/caseloads/plan"): {T},
    ("POST", "/api/v1/caseloads/apply"): {T},
    ("GET", "/api/v1/clients/{client_id}/contacts"): CASE,
    ("POST", "/api/v1/clients/{client_id}/contacts/{contact_id}/outcome"): CASE,
    ("POST", "/api/v1/clients/{client_id}/contacts/{contact_id}/reschedule"): CASE,
    ("GET", "/api/v1/clients/{client_id}/eligibility"): CASE,
    ("POST", "/api/v1/clients/{client_id}/enrolments"): CASE,
    ("GET", "/api/v1/clients/{client_id}/kooperationsplan"): CASE,
    ("GET", "/api/v1/clients/{client_id}/not-integrable"): CASE,
    ("POST", "/api/v1/clients/{client_id}/not-integrable"): CASE,
    ("GET", "/api/v1/clients/{client_id}/participations"): CASE,
    ("GET", "/api/v1/clients/{client_id}/pathway"): CASE,
    ("GET", "/api/v1/courses"): STAFF,
    ("GET", "/api/v1/measures"): STAFF,
    ("GET", "/api/v1/measures/{code}/funnel"): STAFF,
    ("POST", "/api/v1/events"): {E},
    ("GET", "/api/v1/events/{event_id}/candidates"): STAFF,
    ("POST", "/api/v1/events/{event_id}/invitations"): STAFF,
    ("POST", "/api/v1/events/{event_id}/attendance"): {E},
    ("POST", "/api/v1/events/{event_id}/invitations/{invitation_id}/result"): {E},
    ("GET", "/api/v1/events/{event_id}/funnel"): STAFF,
    ("GET", "/api/v1/figures"): FIGURES,
    ("GET", "/health"): PUBLIC,
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): PUBLIC,
    ("POST", "/locale"): PUBLIC,
    ("GET", "/"): EVERYONE,
    ("GET", "/account"): EVERYONE,
    ("GET", "/day"): CASE,
    ("GET", "/clients"): {OFF, T, E, P},
    ("GET", "/clients/{client_id}"): {OFF, T, E},
    ("POST", "/proposals/{proposal_id}/decision"): CASE,
    ("GET", "/employers"): STAFF,
    ("GET", "/employers/new"): {E},
    ("POST", "/employers"): {E},
    ("GET", "/employers/{employer_id}"): STAFF,
    ("GET", "/employers/{employer_id}/edit"): {E},
    ("POST", "/employers/{employer_id}"): {E},
    ("GET", "/vacancies"): STAFF,
    ("GET", "/vacancies/new"): {E},
    ("POST", "/vacancies"): {E},
    ("GET", "/vacancies/{vacancy_id}"): STAFF,
    ("GET", "/vacancies/{vacancy_id}/edit"): {E},
    ("POST", "/vacancies/{vacancy_id}"): {E},
    ("GET", "/events"): STAFF,
    ("GET", "/events/{event_id}"): STAFF,
    ("GET", "/dashboard"): {T, C},
    ("GET", "/programmes"): {OFF, T, E, C, A},
    ("GET", "/programmes/new"): {A},
    ("POST", "/programmes"): {A},
    ("GET", "/programmes/{programme_id}/edit"): {A},
    ("POST", "/programmes/{programme_id}"): {A},
    ("GET", "/admin/users"): {A},
    ("GET", "/admin/users/new"): {A},
    ("POST", "/admin/users"): {A},
    ("GET", "/admin/users/{user_id}/edit"): {A},
    ("POST", "/admin/users/{user_id}"): {A},
    ("GET", "/admin/audit"): {A},
    # Integration Point: the main client is the Jobcenter's own (no case, no consent), so the
    # partner agency is refused by row scope; consent, referral and handover ids point at no
    # record (404 before any row check) or the body fails validation first (422).
    ("GET", "/api/v1/integration-point/cases"): CASE | {P},
    ("POST", "/api/v1/integration-point/cases"): CASE | {P},
    ("GET", "/api/v1/integration-point/cases/{client_id}"): CASE,
    ("POST", "/api/v1/integration-point/cases/{client_id}/decision"): CASE,
    ("GET", "/api/v1/integration-point/cases/{client_id}/consents"): CASE,
    ("POST", "/api/v1/integration-point/cases/{client_id}/consents"): CASE,
    ("POST", "/api/v1/integration-point/consents/{consent_id}/revocation"): CASE | {P},
    ("GET", "/api/v1/integration-point/cases/{client_id}/assessment"): CASE,
    ("PUT", "/api/v1/integration-point/cases/{client_id}/assessment"): CASE,
    ("GET", "/api/v1/integration-point/skills"): CASE | {P},
    ("GET", "/api/v1/integration-point/cases/{client_id}/referrals"): CASE,
    ("POST", "/api/v1/integration-point/cases/{client_id}/referrals"): CASE,
    ("PATCH", "/api/v1/integration-point/referrals/{referral_id}"): CASE | {P},
    ("GET", "/api/v1/integration-point/cases/{client_id}/handovers"): CASE,
    ("PATCH", "/api/v1/integration-point/handovers/{handover_id}"): CASE | {P},
    ("GET", "/api/v1/integration-point/cases/{client_id}/measures"): CASE,
    ("GET", "/api/v1/integration-point/cases/{client_id}/language"): CASE,
    ("GET", "/api/v1/integration-point/cases/{client_id}/employment"): CASE,
    ("GET", "/api/v1/integration-point/cases/{client_id}/export"): CASE,
    ("GET", "/api/v1/integration-point/figures"): {T, C, P},
    ("GET", "/integration-point/cases"): CASE | {P},
    ("GET", "/integration-point/cases/new"): CASE | {P},
    ("POST", "/integration-point/cases"): CASE | {P},
    ("GET", "/integration-point/cases/{client_id}"): CASE,
    ("POST", "/integration-point/cases/{client_id}/decision"): CASE,
    ("POST", "/integration-point/cases/{client_id}/consents"): CASE,
    ("POST", "/integration-point/consents/{consent_id}/revocation"): CASE | {P},
    ("POST", "/integration-point/cases/{client_id}/referrals"): CASE,
    ("POST", "/integration-point/referrals/{referral_id}"): CASE | {P},
    ("POST", "/integration-point/handovers/{handover_id}"): CASE | {P},
    ("GET", "/integration-point/cases/{client_id}/assessment"): CASE,
    ("POST", "/integration-point/cases/{client_id}/assessment"): CASE,
    ("GET", "/integration-point/cases/{client_id}/export"): CASE,
    ("GET", "/integration-point/cases/{client_id}/export.pdf"): CASE,
    ("GET", "/integration-point/figures"): {T, C, P},
    ("GET", "/caseloads"): {T},
    ("POST", "/caseloads/apply"): {T},
    ("GET", "/clients/{client_id}/contacts/{contact_id}/letter.pdf"): CASE,
    ("POST", "/clients/{client_id}/contacts/{contact_id}/outcome"): CASE,
    ("POST", "/clients/{client_id}/contacts/{contact_id}/reschedule"): CASE,
    ("POST", "/clients/{client_id}/enrolments"): CASE,
    ("POST", "/clients/{client_id}/participations/{participation_id}/outcome"): CASE,
    ("POST", "/clients/{client_id}/kooperationsplan"): CASE,
    ("POST", "/clients/{client_id}/kooperationsplan/steps/{step_id}/done"): CASE,
    ("POST", "/clients/{client_id}/kooperationsplan/{plan_id}/review"): CASE,
    ("POST", "/clients/{client_id}/not-integrable"): CASE,
    ("POST", "/clients/{client_id}/not-integrable/{assessment_id}/close"): CASE,
    ("POST", "/clients/{client_id}/recognition"): CASE,
    ("GET", "/measures"): STAFF,
    ("GET", "/measures/{code}"): STAFF,
    ("GET", "/courses"): STAFF,
    ("GET", "/courses/{run_id}"): STAFF,
    ("GET", "/events/new"): {E},
    ("POST", "/events"): {E},
    ("GET", "/events/{event_id}/candidates"): STAFF,
    ("POST", "/events/{event_id}/invitations"): STAFF,
    ("POST", "/events/{event_id}/attendance"): {E},
    ("POST", "/events/{event_id}/invitations/{invitation_id}/result"): {E},
    ("GET", "/figures"): FIGURES,
    ("GET", "/figures/report.{kind}"): FIGURES,
}

MISSING = 2_000_000_000  # an id no record has

# Requests that end the caller's credentials run last for each role.
LAST = {("DELETE", "/api/v1/auth/token"), ("POST", "/login"), ("POST", "/logout")}


def _body(method: str, path: str, web: Web, role: Role | None) -> dict[str, Any]:
    """A valid body for state-changing routes (JSON for the API, form fields for pages)."""
    bodies: dict[tuple[str, str], dict[str, Any]] = {
        ("POST", "/api/v1/auth/token"): {"username": "anna", "password": web.seed.password},
        ("POST", "/api/v1/proposals/{proposal_id}/decision"): {"decision": "accepted"},
        ("POST", "/api/v1/employers"): {"ref": "E-NEU", "name": "Neu GmbH"},
        ("PATCH", "/api/v1/employers/{employer_id}"): {"contact_name": "Herr Yilmaz"},
        ("POST", "/api/v1/vacancies"): {
            "ref": "V-NEU",
            "employer_id": web.seed.employer,
            "title": "Fachkraft Lagerlogistik",
            "kldb": "51312",
        },
        ("PATCH", "/api/v1/vacancies/{vacancy_id}"): {"openings": 3},
        ("POST", "/api/v1/programmes"): {"code": "fokus", "name": "Fokusgruppe"},
        ("PATCH", "/api/v1/programmes/{programme_id}"): {"caseload_ratio": 90},
        ("POST", "/api/v1/users"): {
            "username": "neu",
            "display_name": "Neu",
            "role": "controlling",
            "password": "ein sicheres Passwort",
        },
        ("PATCH", "/api/v1/users/{user_id}"): {"display_name": "Paul R."},
        ("POST", "/login"): {
            "username": web.seed.usernames[role] if role else "nobody",
            "password": web.seed.password,
        },
        ("POST", "/locale"): {"locale": "en", "next": "/"},
        ("POST", "/proposals/{proposal_id}/decision"): {"decision": "accepted"},
        ("POST", "/employers"): {"ref": "E-FORM", "name": "Formular GmbH"},
        ("POST", "/employers/{employer_id}"): {"name": "Sonnenfeld Solar GmbH"},
        ("POST", "/vacancies"): {
            "ref": "V-FORM",
            "employer_id": str(web.seed.employer),
            "title": "Helfer/in",
            "kldb": "51311",
            "openings": "1",
            "status": "open",
        },
        ("POST", "/vacancies/{vacancy_id}"): {
            "title": "Montagehelfer/in",
            "kldb": "26112",
            "openings": "2",
            "status": "open",
        },
        ("POST", "/programmes"): {
            "code": "form_prog",
            "name": "Formularprogramm",
            "kind": "programme",
            "target_rule": "{}",
        },
        ("POST", "/programmes/{programme_id}"): {
            "name": "Job-Turbo",
            "kind": "programme",
            "target_rule": "{}",
        },
        ("POST", "/admin/users"): {
            "username": "formuser",
            "display_name": "Formular",
            "role": "controlling",
            "password": "ein sicheres Passwort",
            "locale": "de",
        },
        ("POST", "/admin/users/{user_id}"): {
            "display_name": "Paul Richter",
            "role": "partner_agency",
            "agency": "Ausländerbehörde",
            "active": "1",
            "locale": "de",
        },
        ("POST", "/api/v1/integration-point/cases/{client_id}/decision"): {
            "decision": "recognised",
            "decided_on": "2025-06-02",
        },
        ("POST", "/api/v1/integration-point/cases/{client_id}/consents"): {
            "recipient": "social_office",
            "purpose": "childcare",
            "categories": ["referrals"],
            "valid_from": "2025-06-02",
            "signed_on": "2025-06-02",
            "form_reference": "EV-1",
        },
        ("PUT", "/api/v1/integration-point/cases/{client_id}/assessment"): {
            "assessed_on": "2025-06-02",
        },
        ("POST", "/api/v1/integration-point/cases/{client_id}/referrals"): {
            "kind": "recognition_counselling",
            "to_service": "IQ",
            "referred_on": "2025-06-02",
        },
    }
    today = date.today().isoformat()
    s = web.seed
    bodies |= {
        ("POST", "/api/v1/caseloads/apply"): {"confirm": True},
        ("POST", "/api/v1/clients/{client_id}/contacts/{contact_id}/outcome"): {"status": "done"},
        ("POST", "/api/v1/clients/{client_id}/enrolments"): {"run_id": s.course_run, "on": today},
        ("POST", "/api/v1/clients/{client_id}/not-integrable"): {
            "reason": "language",
            "assessed_on": today,
        },
        ("POST", "/api/v1/events"): {
            "kind": "info_day",
            "title": "Neue Veranstaltung",
            "starts_at": "2030-03-01T10:00:00+01:00",
        },
        ("POST", "/api/v1/events/{event_id}/invitations"): {"client_ids": [s.client_main]},
        ("POST", "/api/v1/events/{event_id}/attendance"): {"attended": [s.client_main]},
        ("POST", "/api/v1/events/{event_id}/invitations/{invitation_id}/result"): {
            "result": "nothing",
            "on": today,
        },
        ("POST", "/caseloads/apply"): {"confirm": "1"},
        ("POST", "/clients/{client_id}/contacts/{contact_id}/outcome"): {"status": "no_show"},
        ("POST", "/clients/{client_id}/enrolments"): {"run_id": str(s.course_run), "on": today},
        ("POST", "/clients/{client_id}/participations/{participation_id}/outcome"): {
            "step": "complete",
            "on": today,
        },
        ("POST", "/clients/{client_id}/kooperationsplan"): {
            "potential_analysis_on": today,
            "agreed_on": today,
            "goals": "Deutsch B2\nArbeit in der Lagerlogistik",
        },
        ("POST", "/clients/{client_id}/kooperationsplan/steps/{step_id}/done"): {"on": today},
        ("POST", "/clients/{client_id}/kooperationsplan/{plan_id}/review"): {"reviewed_on": today},
        ("POST", "/clients/{client_id}/not-integrable"): {"reason": "health", "assessed_on": today},
        ("POST", "/clients/{client_id}/not-integrable/{assessment_id}/close"): {"on": today},
        ("POST", "/clients/{client_id}/recognition"): {"profession": "Elektroniker"},
        ("POST", "/events"): {
            "kind": "job_fair",
            "title": "Jobmesse",
            "starts_at": "2030-04-01T10:00",
        },
        ("POST", "/events/{event_id}/invitations"): {"client_id": str(s.client_main)},
        ("POST", "/events/{event_id}/attendance"): {"attended": str(s.client_main)},
        ("POST", "/events/{event_id}/invitations/{invitation_id}/result"): {
            "result": "nothing",
            "on": today,
        },
    }
    return bodies.get((method, path), {})


def _url(path: str, web: Web) -> str:
    s = web.seed
    return path.format(
        client_id=s.client_main,
        proposal_id=s.proposal_pending,
        employer_id=s.employer,
        vacancy_id=s.vacancy,
        event_id=s.event,
        programme_id=s.programme,
        user_id=s.user_ids[Role.PARTNER_AGENCY],
        consent_id=MISSING,
        referral_id=MISSING,
        handover_id=MISSING,
        contact_id=s.contact_today,
        participation_id=s.participation,
        assessment_id=s.assessment,
        invitation_id=s.invitation,
        run_id=s.course_run,
        code="avgs_mat",
        kind="html",
        step_id=1,
        plan_id=1,
    )


def _call(client: Any, method: str, path: str, web: Web, role: Role | None = None) -> int:
    url, body = _url(path, web), _body(method, path, web, role)
    if method == "GET":
        return int(client.get(url).status_code)
    if path.startswith("/api/"):
        return int(client.request(method, url, json=body or None).status_code)
    return int(client.request(method, url, data=body).status_code)


def test_the_matrix_names_every_route_of_the_application(web: Web) -> None:
    served = {(m, r.path) for r in flat_routes(web.app.routes) for m in r.methods}
    assert served == set(MATRIX)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_every_route_grants_exactly_the_matrix_access_to_the_role(web: Web, role: Role) -> None:
    api, browser = web.api(role), web.browser(role)
    order = sorted(MATRIX, key=lambda key: key in LAST)
    wrong = []
    for method, path in order:
        allowed = MATRIX[(method, path)]
        client = api if path.startswith("/api/") else browser
        status = _call(client, method, path, web, role)
        if status >= 500:
            wrong.append(f"{method} {path}: server error {status}")
        elif allowed == PUBLIC or role in allowed:
            if status in (401, 403):
                wrong.append(f"{method} {path}: refused ({status}) but the matrix allows it")
        elif status != 403:
            wrong.append(f"{method} {path}: got {status}, the matrix says 403")
        if (method, path) == ("POST", "/login"):  # a new session has a new CSRF token
            browser.headers["X-CSRF-Token"] = csrf_of(browser.get("/account").text)
    assert not wrong, "\n".join(wrong)


def test_without_login_only_public_routes_answer(web: Web) -> None:
    wrong = []
    for method, path in MATRIX:
        if MATRIX[(method, path)] == PUBLIC:
            continue
        client = web.anonymous()
        status = _call(client, method, path, web)
        expected = 401 if path.startswith("/api/") else 303
        # Page forms without a session fail the CSRF check first, which is a refusal too.
        if status != expected and not (method != "GET" and status in (401, 403)):
            wrong.append(f"{method} {path}: {status}")
    assert not wrong, "\n".join(wrong)
