"""The Integration Point's pages with their forms, in German and English."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.models import Consent, Handover, IntegrationCase, Referral, Site
from tests.ip_scenario import scenario
from tests.web import Web

pytestmark = pytest.mark.xdist_group("integration_point_pages")

KEY_LEFT_OVER = re.compile(r">\s*(ip|enum|form|nav)\.[a-z_.]+\s*<")


def _site(web: Web) -> int:
    with Session(web.engine) as session:
        return int(session.scalars(sa.select(Site.id).where(Site.name == "Bitterfeld")).one())


def test_the_employment_agency_works_a_case_through_the_forms(web: Web) -> None:
    scenario(web)  # the agencies' accounts
    agentur = web.browser("agentur")
    today = date.today()
    assert agentur.get("/").headers["location"] == "/integration-point/cases"
    form = agentur.get("/integration-point/cases/new")
    assert form.status_code == 200
    assert "Erstkontakt erfassen" in form.text
    missing = agentur.post("/integration-point/cases", data={"name": ""})
    assert missing.status_code == 422
    assert "Bitte korrigieren Sie die markierten Felder" in missing.text
    created = agentur.post(
        "/integration-point/cases",
        data={
            "name": "Ahmad Karimi",
            "birth_year": "2004",
            "citizenship": "af",
            "residence_status": "asylum_pending",
            "work_permitted": "0",
            "languages": "fa, en",
            "site_id": str(_site(web)),
            "first_contact_on": (today - timedelta(days=10)).isoformat(),
            "first_contact_place": "shelter",
            "first_contact_note": "Erstaufnahme",
            "asylum_state": "pending",
            "agency_jobcenter": "1",
        },
    )
    assert created.status_code == 303, created.text
    url = created.headers["location"]
    client_id = int(url.rsplit("/", 1)[1])
    page = agentur.get(url)
    assert page.status_code == 200
    assert "Ahmad Karimi" in page.text
    assert "Ihre Behörde führt den Fall" in page.text

    bad = agentur.post(f"{url}/consents", data={"recipient": "jobcenter", "purpose": "placement"})
    assert bad.status_code == 422
    assert "Einwilligung erfassen" in bad.text
    consent = agentur.post(
        f"{url}/consents",
        data={
            "recipient": "jobcenter",
            "purpose": "placement",
            "valid_from": today.isoformat(),
            "signed_on": today.isoformat(),
            "form_reference": "IP-EV-7",
            "cat_competences": "1",
            "cat_measures": "1",
        },
    )
    assert consent.status_code == 303
    refused = agentur.post(
        f"{url}/referrals",
        data={"kind": "childcare", "to_agency": "social_office", "referred_on": today.isoformat()},
    )
    assert refused.status_code == 422
    assert "nicht zugestimmt" in refused.text
    sent = agentur.post(
        f"{url}/referrals",
        data={
            "kind": "recognition_counselling",
            "to_service": "IQ",
            "referred_on": today.isoformat(),
        },
    )
    assert sent.status_code == 303
    saved = agentur.post(
        f"{url}/assessment",
        data={
            "assessed_on": today.isoformat(),
            "german_level": "A2",
            "exp-0-title": "Schneider",
            "exp-0-kldb": "28222",
            "exp-0-years": "3",
            "lang-0-language": "fa",
            "lang-0-native": "1",
            "skill-0": "operate forklift",
        },
    )
    assert saved.status_code == 303, saved.text
    edit = agentur.get(f"{url}/assessment")
    assert 'value="operate forklift"' in edit.text
    assert 'value="Schneider"' in edit.text
    # Suggested while typing: skills typical of the occupation named (tailoring, 28222).
    typical = agentur.get("/api/v1/integration-point/skills", params={"kldb": "28222"}).json()
    assert typical
    assert f'<option value="{typical[0]["label"]}">' in edit.text
    wrong = agentur.post(f"{url}/assessment", data={"assessed_on": "", "exp-0-title": "X",
                                                   "exp-0-kldb": "99999"})  # fmt: skip
    assert wrong.status_code == 422
    decided = agentur.post(
        f"{url}/decision", data={"decision": "recognised", "decided_on": today.isoformat()}
    )
    assert decided.status_code == 303
    with Session(web.engine) as session:
        case = session.scalars(
            sa.select(IntegrationCase).where(IntegrationCase.client_id == client_id)
        ).one()
        assert case.lead_agency.value == "jobcenter"
        handover = session.scalars(sa.select(Handover)).one()
        consents = session.scalars(sa.select(Consent)).all()
        assert [c.recipient.value for c in consents] == ["jobcenter"]
        assert session.scalar(sa.select(sa.func.count()).select_from(Referral)) == 1
    # Now the Jobcenter leads: the agency sees nothing, the Jobcenter ticks the checklist.
    assert agentur.get(url).status_code == 403
    jobcenter = web.browser("tanja")
    items = {f"item_{k}": "1" for k in ("sgb2_application", "residence_permit")}
    ticked = jobcenter.post(f"/integration-point/handovers/{handover.id}",
                            data=items | {"on": today.isoformat()})  # fmt: skip
    assert ticked.status_code == 303
    page = jobcenter.get(url)
    assert page.status_code == 200
    assert page.text.count("✓") == 2
    assert jobcenter.get(f"{url}/export").status_code == 200
    pdf = jobcenter.get(f"{url}/export.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("locale", ["de", "en"])
def test_every_page_is_translated(web: Web, locale: str) -> None:
    s = scenario(web).run_until("referrals")
    for who in ("agentur", "sozialamt", "tanja"):
        browser = web.browser(who)
        browser.post("/locale", data={"locale": locale, "next": "/"})
        pages = [
            "/integration-point/cases",
            f"/integration-point/cases/{s.client_id}",
            "/integration-point/figures",
        ]
        if who == "agentur":
            pages += [
                "/integration-point/cases/new",
                f"/integration-point/cases/{s.client_id}/assessment",
                f"/integration-point/cases/{s.client_id}/export",
            ]
        for path in pages:
            response = browser.get(path)
            assert response.status_code == 200, (who, path)
            assert not KEY_LEFT_OVER.findall(response.text), (who, path)
            assert f'<html lang="{locale}">' in response.text
    english = web.browser("agentur")
    english.post("/locale", data={"locale": "en", "next": "/"})
    assert "Competence assessment" in english.get(f"/integration-point/cases/{s.client_id}").text


def test_the_client_file_panel_summarises_the_case_for_whoever_may_read_it(web: Web) -> None:
    from lotse.access.policy import Scope
    from lotse.access.principal import Access
    from lotse.integration_point.view import client_panel

    s = scenario(web).run_until("recognition")
    policy = web.app.state.policy
    principal = _principal_of(web, "tanja")
    access = Access(principal, "client", "read", Scope.TEAM, policy)
    with Session(web.engine) as session:
        panel = client_panel(session, access, s.client_id)
        assert panel is not None
        assert (panel.lead_agency, panel.asylum_state) == ("jobcenter", "recognised")
        assert panel.consents_in_force == 2  # to the Jobcenter and to the social office
        assert panel.open_handover_due is not None
        assert client_panel(session, access, web.seed.client_main) is None  # no case
    # On the client file itself the panel appears for the client with a case, and only there.
    tanja = web.browser("tanja")
    html = tanja.get(f"/clients/{s.client_id}").text
    assert 'id="panel-integration_point"' in html
    assert "Federführende Behörde" in html
    assert f"/integration-point/cases/{s.client_id}" in html
    other = tanja.get(f"/clients/{web.seed.client_main}")
    assert other.status_code == 200
    assert 'id="panel-integration_point"' not in other.text


def _principal_of(web: Web, username: str) -> object:
    from lotse.access.authentication import principal_for
    from lotse.models import User

    with Session(web.engine) as session:
        user_id = session.scalars(sa.select(User.id).where(User.username == username)).one()
        return principal_for(session, user_id)
