"""In a real browser: the partner agencies' view of an Integration Point case.

The employment agency leads a case; the social office may see its referrals only. The social
office opens the case and sees exactly that; the agency records a new consent and revokes the
social office's one, after which the social office is refused (and the refusal is logged).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from lotse.db.engine import get_engine, session_scope
from lotse.domain.agencies import Agency, DataCategory
from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import AuditAction, Qualification, Role
from lotse.domain.integration_point import ReferralKind
from lotse.integration_point import competences, referrals
from lotse.integration_point.schemas import (
    AssessmentWrite,
    DegreeWrite,
    ExperienceWrite,
    LanguageWrite,
    ReferralCreate,
    SkillWrite,
)
from lotse.models import AuditEntry, Site
from tests import factories as f
from tests.e2e.conftest import LiveServer
from tests.e2e.test_browser import login

pytestmark = pytest.mark.e2e


def _case(server: LiveServer) -> int:
    today = date.today()
    with session_scope(get_engine(server.database_url)) as session:
        f.make_user(session, role=Role.PARTNER_AGENCY, username="agentur",
                    display_name="Greta Vogel", agency="Agentur für Arbeit")  # fmt: skip
        f.make_user(session, role=Role.PARTNER_AGENCY, username="sozialamt",
                    display_name="Sven Brandt", agency="Sozialamt")  # fmt: skip
        site = session.scalars(sa.select(Site).where(Site.name == "Bitterfeld")).one()
        client = f.make_client(
            session, site=site, name="Yonas Tesfay", citizenship="ER", birth_year=1997,
            residence_status="asylum_pending", work_permitted=False, german_level=CefrLevel.A1,
        )  # fmt: skip
        f.make_ip_case(session, client=client, first_contact_on=today - timedelta(days=30),
                       note="Gemeinschaftsunterkunft Friedensstraße")  # fmt: skip
        competences.store(
            session,
            client,
            AssessmentWrite(
                assessed_on=today - timedelta(days=25),
                german_level=CefrLevel.A1,
                experiences=[ExperienceWrite(title="Elektroinstallateur", kldb="26212",
                                             country="ER", years=6)],
                degrees=[DegreeWrite(title="Diploma in Electrical Installation",
                                     level=Qualification.VOCATIONAL, country="ER",
                                     kldb="26212")],
                languages=[LanguageWrite(language="ti", native=True),
                           LanguageWrite(language="ar", level=CefrLevel.B1)],
                skills=[SkillWrite(esco_uri="http://data.europa.eu/esco/skill/"
                                            "fd60bbcc-c3b6-4fa5-936c-eef5ae0a2d44")],
            ),
            owner=Agency.EMPLOYMENT_AGENCY,
        )  # fmt: skip
        f.make_consent(session, client=client, recipient=Agency.SOCIAL_OFFICE,
                       purpose="childcare", categories=[DataCategory.REFERRALS],
                       valid_from=today - timedelta(days=20),
                       signed_on=today - timedelta(days=20), interpreter="Frau Haile",
                       interpreter_language="ti")  # fmt: skip
        referrals.add(
            session, client,
            ReferralCreate(kind=ReferralKind.CHILDCARE, to_agency=Agency.SOCIAL_OFFICE,
                           referred_on=today - timedelta(days=19),
                           note="Tochter, 3 Jahre: Kita-Platz ab Sprachkursbeginn"),
            from_agency=Agency.EMPLOYMENT_AGENCY, on=today,
        )  # fmt: skip
        referrals.add(
            session, client,
            ReferralCreate(kind=ReferralKind.RECOGNITION_COUNSELLING,
                           to_service="IQ Anerkennungsberatung Sachsen-Anhalt",
                           referred_on=today - timedelta(days=18)),
            from_agency=Agency.EMPLOYMENT_AGENCY, on=today,
        )  # fmt: skip
        return client.id


def test_the_social_office_sees_only_what_the_person_shared_with_it(
    page: Page, live_server: LiveServer
) -> None:
    server = live_server
    _case(server)
    login(page, server, "sozialamt")
    expect(page).to_have_url(f"{server.url}/integration-point/cases")
    expect(page.get_by_role("heading", name="Integration Point", level=1)).to_be_visible()
    server.shot(page, "ip-01-partner-list")
    page.get_by_role("link", name="Yonas Tesfay").click()
    expect(page.get_by_role("heading", name="Yonas Tesfay", level=1)).to_be_visible()
    sight = page.get_by_role("region", name="Sicht Ihrer Behörde: Sozialamt")
    expect(sight.get_by_text("freigegeben", exact=True)).to_have_count(2)  # basic, referrals
    competences = page.get_by_role("region", name="Kompetenzfeststellung")
    expect(competences.get_by_text(re.compile("Nicht freigegeben"))).to_be_visible()
    expect(page.get_by_text("Elektroinstallateur")).to_have_count(0)
    referral_list = page.get_by_role("region", name="Weiterleitungen")
    expect(referral_list.get_by_text("Kita-Platz ab Sprachkursbeginn")).to_be_visible()
    # The receiving agency takes the referral up.
    care = referral_list.get_by_role("article", name="Kinderbetreuung")
    care.get_by_label("Neuer Stand").select_option("accepted")
    care.get_by_role("button", name="Speichern").click()
    expect(
        page.get_by_role("article", name="Kinderbetreuung").get_by_text("angenommen")
    ).to_be_visible()
    server.shot(page, "ip-02-partner-case")

    page.goto(f"{server.url}/integration-point/figures?from={date.today().year - 1}-01-01")
    expect(page.get_by_role("heading", name="Kennzahlen des Integration Point")).to_be_visible()
    expect(page.get_by_text("Personen beraten")).to_be_visible()
    server.shot(page, "ip-03-figures")


def test_the_lead_agency_records_and_revokes_consent_and_the_revocation_acts_at_once(
    page: Page, live_server: LiveServer
) -> None:
    server = live_server
    client_id = _case(server)
    login(page, server, "agentur")
    page.goto(f"{server.url}/integration-point/cases/{client_id}")
    expect(page.get_by_text("Ihre Behörde führt den Fall")).to_be_visible()
    expect(page.get_by_text("Elektroinstallateur")).to_be_visible()
    server.shot(page, "ip-04-lead-case")

    consents = page.get_by_role("region", name="Einwilligungen")
    consents.get_by_text("Einwilligung erfassen").click()
    consents.get_by_label("Empfänger").select_option("jobcenter")
    consents.get_by_label("Zweck").select_option("placement")
    consents.get_by_label("Aktenzeichen der unterschriebenen Erklärung").fill("IP-EV-2025-0001")
    consents.get_by_label("Kompetenzfeststellung").check()
    consents.get_by_role("button", name="Einwilligung speichern").click()
    row = page.get_by_role("row", name=re.compile("Jobcenter.*Vermittlung"))
    expect(row.get_by_text("gilt", exact=True)).to_be_visible()

    social = page.get_by_role("row", name=re.compile("Sozialamt.*Kinderbetreuung"))
    social.get_by_label("Hinweis zum Widerruf").fill("telefonisch widerrufen")
    social.get_by_role("button", name="Widerruf erfassen").click()
    expect(
        page.get_by_role("row", name=re.compile("Sozialamt.*Kinderbetreuung")).get_by_text(
            re.compile("widerrufen")
        )
    ).to_be_visible()
    server.shot(page, "ip-05-consents")

    page.goto(f"{server.url}/integration-point/cases/{client_id}/assessment")
    expect(page.get_by_role("heading", name=re.compile("Kompetenzfeststellung"))).to_be_visible()
    server.shot(page, "ip-06-assessment-form")
    page.goto(f"{server.url}/integration-point/cases/{client_id}/export")
    expect(page.get_by_role("heading", name=re.compile("Auskunft nach Art. 15"))).to_be_visible()
    server.shot(page, "ip-07-export")
    page.goto(f"{server.url}/integration-point/cases/new")
    server.shot(page, "ip-08-first-contact-form")

    # The social office, a moment later: refused, and the refusal is in the log.
    page.get_by_role("button", name="Abmelden").click()
    login(page, server, "sozialamt")
    response = page.goto(f"{server.url}/integration-point/cases/{client_id}")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", name="Kein Zugriff")).to_be_visible()
    with Session(get_engine(server.database_url)) as session:
        denied = session.scalars(
            sa.select(AuditEntry).where(
                AuditEntry.actor == "sozialamt",
                AuditEntry.action == AuditAction.DENIED,
                AuditEntry.client_id == client_id,
            )
        ).all()
    assert len(denied) == 1
