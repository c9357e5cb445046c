"""Every cross-agency read without consent is refused, and every refusal is logged.

The routes are not listed by hand: every GET route of the application that names a client in
its path is called, by every agency that does not lead the case, for a case that holds data of
every kind. A new route that reads a client is covered the day it is added.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.api.routing import flat_routes
from lotse.db.engine import session_scope
from lotse.domain.agencies import Agency, DataCategory
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import AuditAction, IntegrationKind, Role
from lotse.domain.integration_point import ReferralKind
from lotse.integration_point import competences, referrals
from lotse.integration_point.schemas import AssessmentWrite, ReferralCreate
from lotse.models import AuditEntry, Client, Site
from tests import factories as f
from tests.ip_scenario import AGENCY_USERS
from tests.web import Web

pytestmark = pytest.mark.xdist_group("integration_point_access")

OTHERS = {
    "jobcenter": Role.TEAM_LEAD,  # the site's team lead: would see unassigned clients there
    "sozialamt": "sozialamt",
    "auslaenderbehoerde": Role.PARTNER_AGENCY,
}


def _agency_case(web: Web) -> int:
    """A case the employment agency leads, with data of every kind, at the team's site."""
    today = date.today()
    with session_scope(web.engine) as session:
        for username, (agency, name) in AGENCY_USERS.items():
            f.make_user(session, role=Role.PARTNER_AGENCY, username=username,
                        display_name=name, agency=agency)  # fmt: skip
        site = session.scalars(sa.select(Site).where(Site.name == "Bitterfeld")).one()
        client = f.make_client(
            session, site=site, name="Hamid Rahimi", citizenship="AF",
            residence_status="asylum_pending", german_level=CefrLevel.A1,
        )  # fmt: skip
        f.make_ip_case(session, client=client, first_contact_on=today - timedelta(days=60))
        competences.store(
            session,
            client,
            AssessmentWrite(assessed_on=today - timedelta(days=50), german_level=CefrLevel.A2),
            owner=Agency.EMPLOYMENT_AGENCY,
        )
        referrals.add(
            session,
            client,
            ReferralCreate(kind=ReferralKind.LANGUAGE_COURSE, to_service="VHS",
                           referred_on=today - timedelta(days=40)),
            from_agency=Agency.EMPLOYMENT_AGENCY,
            on=today,
        )  # fmt: skip
        run = f.make_run(session, measure="integrationskurs")
        f.make_participation(session, client=client, run=run, start=today - timedelta(days=30))
        f.make_job_start(session, client=client, kind=IntegrationKind.MINIJOB,
                         start=today - timedelta(days=5))  # fmt: skip
        # Consents that do not help: another agency's, an expired one, a future one, a revoked.
        f.make_consent(session, client=client, recipient=Agency.SOCIAL_OFFICE,
                       valid_from=today - timedelta(days=60), signed_on=today - timedelta(days=60),
                       valid_until=today - timedelta(days=1),
                       categories=list(DataCategory))  # fmt: skip
        f.make_consent(session, client=client, recipient=Agency.IMMIGRATION_OFFICE,
                       valid_from=today + timedelta(days=1), signed_on=today,
                       categories=list(DataCategory))  # fmt: skip
        revoked = f.make_consent(session, client=client, recipient=Agency.JOBCENTER,
                                 valid_from=today - timedelta(days=60),
                                 signed_on=today - timedelta(days=60),
                                 categories=list(DataCategory))  # fmt: skip
        from lotse.integration_point.consents import withdraw

        withdraw(session, revoked)
        return client.id


def _client_routes(web: Web) -> list[str]:
    paths = {
        r.path
        for r in flat_routes(web.app.routes)
        if "GET" in r.methods and "{client_id}" in r.path
    }
    return sorted(paths)


def test_every_read_of_a_case_by_an_agency_without_consent_is_refused_and_logged(
    web: Web,
) -> None:
    client_id = _agency_case(web)
    routes = _client_routes(web)
    assert "/clients/{client_id}" in routes  # the core's client file is covered too
    assert len([r for r in routes if "integration-point" in r]) >= 10
    wrong = []
    for agency, who in OTHERS.items():
        api, browser = web.api(who), web.browser(who)
        username = web.seed.usernames[who] if isinstance(who, Role) else who
        for path in routes:
            caller = api if path.startswith("/api/") else browser
            with Session(web.engine) as session:
                before = session.scalar(sa.select(sa.func.max(AuditEntry.id))) or 0
            # Other ids in the path (a contact's, say) point at no record: the client's gate
            # must refuse before anything else is looked up.
            url = re.sub(r"\{(\w+)\}", lambda m: str(client_id if m[1] == "client_id" else 1), path)
            status = caller.get(url).status_code
            with Session(web.engine) as session:
                logged = session.scalars(
                    sa.select(AuditEntry).where(
                        AuditEntry.id > before, AuditEntry.actor == username
                    )
                ).all()
            actions = {(e.action, e.client_id) for e in logged}
            if status != 403:
                wrong.append(f"{agency} GET {path}: {status}, not 403")
            if (AuditAction.DENIED, client_id) not in actions:
                wrong.append(f"{agency} GET {path}: no refusal in the audit log")
            if any(e.action is AuditAction.READ and e.client_id == client_id for e in logged):
                wrong.append(f"{agency} GET {path}: logged as read")
    assert not wrong, "\n".join(wrong)


def test_lists_of_an_agency_without_consent_leave_the_person_out(web: Web) -> None:
    client_id = _agency_case(web)
    for who in OTHERS.values():
        api = web.api(who)
        assert client_id not in {c["id"] for c in api.get("/api/v1/clients").json()}
        cases = api.get("/api/v1/integration-point/cases").json()
        assert client_id not in {c["client_id"] for c in cases}
    lead = web.api("agentur")
    assert [c["client_id"] for c in lead.get("/api/v1/integration-point/cases").json()] == [
        client_id
    ]


def test_the_lead_agency_reads_every_part_and_the_reads_are_logged_with_their_ground(
    web: Web,
) -> None:
    client_id = _agency_case(web)
    lead = web.api("agentur")
    for part in ("", "/assessment", "/referrals", "/measures", "/language", "/employment"):
        url = f"/api/v1/integration-point/cases/{client_id}{part}"
        assert lead.get(url).status_code == 200, part
    with Session(web.engine) as session:
        reads = session.scalars(
            sa.select(AuditEntry).where(
                AuditEntry.actor == "agentur",
                AuditEntry.action == AuditAction.READ,
                AuditEntry.client_id == client_id,
            )
        ).all()
        assert {e.detail["as"] for e in reads} == {"lead"}
        assert {e.detail["category"] for e in reads} == {c.value for c in DataCategory}
        name = session.scalar(sa.select(Client.name).where(Client.id == client_id))
    assert name == "Hamid Rahimi"


def test_a_consented_read_is_logged_with_the_consent_it_rests_on(web: Web) -> None:
    client_id = _agency_case(web)
    with session_scope(web.engine) as session:
        client = session.get(Client, client_id)
        assert client is not None
        consent = f.make_consent(session, client=client, recipient=Agency.SOCIAL_OFFICE,
                                 valid_from=date.today(), signed_on=date.today(),
                                 categories=[DataCategory.REFERRALS])  # fmt: skip
        consent_id = consent.id
    social = web.api("sozialamt")
    assert social.get(f"/api/v1/integration-point/cases/{client_id}/referrals").status_code == 200
    assert social.get(f"/api/v1/integration-point/cases/{client_id}/measures").status_code == 403
    with Session(web.engine) as session:
        read = session.scalars(
            sa.select(AuditEntry).where(
                AuditEntry.actor == "sozialamt",
                AuditEntry.action == AuditAction.READ,
                AuditEntry.client_id == client_id,
            )
        ).one()
    assert read.detail["as"] == "consent"
    assert read.detail["consent_ids"] == [consent_id]
    assert read.detail["category"] == "referrals"


def test_the_core_client_file_shows_a_partner_only_the_sections_consented(web: Web) -> None:
    client_id = _agency_case(web)
    with session_scope(web.engine) as session:
        client = session.get(Client, client_id)
        assert client is not None
        f.make_consent(session, client=client, recipient=Agency.SOCIAL_OFFICE,
                       valid_from=date.today(), signed_on=date.today())  # fmt: skip
    social = web.browser("sozialamt")
    page = social.get(f"/clients/{client_id}")
    assert page.status_code == 200
    assert 'id="panel-participations"' not in page.text
    assert 'id="programmes-heading"' not in page.text
    with session_scope(web.engine) as session:
        client = session.get(Client, client_id)
        assert client is not None
        f.make_consent(session, client=client, recipient=Agency.SOCIAL_OFFICE,
                       valid_from=date.today(), signed_on=date.today(),
                       categories=[DataCategory.MEASURES])  # fmt: skip
    page = social.get(f"/clients/{client_id}")
    assert 'id="panel-participations"' in page.text
    assert "Integrationskurs" in page.text
    assert 'id="details-heading"' not in page.text  # never for partner agencies
