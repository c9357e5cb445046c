"""In a real browser: log in, open the day and a client, accept a proposal, see the audit trail."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from lotse.db.engine import get_engine
from lotse.domain.codes import AuditAction
from lotse.models import AuditEntry
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def login(page: Page, server: LiveServer, username: str) -> None:
    page.goto(f"{server.url}/login")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(server.seed.password)
    page.get_by_role("button", name="Anmelden").click()


def test_officer_opens_the_day_and_a_client_and_accepts_a_proposal(
    page: Page, live_server: LiveServer
) -> None:
    server = live_server
    page.goto(f"{server.url}/login")
    server.shot(page, "01-login")
    login(page, server, "anna")
    expect(page).to_have_url(f"{server.url}/day")
    expect(page.get_by_role("heading", name="Mein Tag", level=1)).to_be_visible()
    due = page.get_by_role("region", name="Kontakte heute und überfällig")
    expect(due.get_by_role("link", name="Amira Haddad").first).to_be_visible()
    expect(due.get_by_text("überfällig", exact=True)).to_be_visible()
    server.shot(page, "02-day")

    due.get_by_role("link", name="Amira Haddad").first.click()
    expect(page.get_by_role("heading", name="Amira Haddad", level=1)).to_be_visible()
    server.shot(page, "03-client-file")

    proposal = page.locator("article.proposal", has_text="Montagehelfer/in Solarmodule")
    expect(proposal.get_by_text("offen")).to_be_visible()
    proposal.get_by_label("Begründung").fill("Passt zum Zielberuf, Vorstellung vereinbart")
    proposal.get_by_role("button", name="Annehmen").click()
    decided = page.locator("article.proposal", has_text="Montagehelfer/in Solarmodule")
    expect(decided.get_by_text("angenommen", exact=True)).to_be_visible()
    expect(decided.get_by_text("Passt zum Zielberuf")).to_be_visible()

    trail = page.get_by_role("region", name=re.compile("Protokoll"))
    expect(
        trail.get_by_role("row", name=re.compile("geändert.*Vermittlungsvorschlag – angenommen"))
    ).to_be_visible()
    expect(trail.get_by_role("row", name=re.compile("Anna Becker.*gelesen"))).to_have_count(1)
    server.shot(page, "04-proposal-accepted")

    page.reload()
    expect(
        page.get_by_role("region", name=re.compile("Protokoll")).get_by_role(
            "row", name=re.compile("Anna Becker.*gelesen")
        )
    ).to_have_count(2)
    with Session(get_engine(server.database_url)) as session:
        changes = session.scalars(
            sa.select(AuditEntry).where(
                AuditEntry.action == AuditAction.UPDATE,
                AuditEntry.client_id == server.seed.client_main,
            )
        ).all()
    assert [(e.actor, e.detail["decision"]) for e in changes] == [("anna", "accepted")]


def test_an_officer_is_refused_another_teams_client_and_the_refusal_is_logged(
    page: Page, live_server: LiveServer
) -> None:
    server = live_server
    login(page, server, "anna")
    expect(page).to_have_url(f"{server.url}/day")
    response = page.goto(f"{server.url}/clients/{server.seed.client_other_team}")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", name="Kein Zugriff")).to_be_visible()
    expect(page.get_by_text("Olena")).to_have_count(0)
    server.shot(page, "05-refused")
    with Session(get_engine(server.database_url)) as session:
        denied = session.scalars(
            sa.select(AuditEntry).where(
                AuditEntry.action == AuditAction.DENIED,
                AuditEntry.client_id == server.seed.client_other_team,
            )
        ).all()
    assert [e.actor for e in denied] == ["anna"]


def test_the_main_pages_render_for_their_roles(page: Page, live_server: LiveServer) -> None:
    server = live_server
    login(page, server, "emil")
    expect(page).to_have_url(f"{server.url}/employers")
    server.shot(page, "10-employers")
    page.get_by_role("link", name="Sonnenfeld Solar GmbH").click()
    expect(page.get_by_role("heading", name="Sonnenfeld Solar GmbH")).to_be_visible()
    server.shot(page, "11-employer")
    page.goto(f"{server.url}/vacancies")
    server.shot(page, "12-vacancies")
    page.goto(f"{server.url}/vacancies/{server.seed.vacancy}")
    server.shot(page, "13-vacancy")
    page.goto(f"{server.url}/vacancies/new")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("alert")).to_be_visible()
    server.shot(page, "14-vacancy-form-errors")
    page.goto(f"{server.url}/events/{server.seed.event}")
    expect(page.get_by_role("heading", name="Infotag Solarindustrie")).to_be_visible()
    server.shot(page, "15-event")
    page.goto(f"{server.url}/events")
    server.shot(page, "16-events")

    page.context.clear_cookies()
    login(page, server, "tanja")
    page.goto(f"{server.url}/dashboard")
    expect(page.locator("svg.chart").first).to_be_visible()
    server.shot(page, "20-dashboard")

    page.context.clear_cookies()
    login(page, server, "ada")
    page.goto(f"{server.url}/admin/users")
    server.shot(page, "30-users")
    page.goto(f"{server.url}/programmes")
    server.shot(page, "31-programmes")
    page.goto(f"{server.url}/admin/audit")
    server.shot(page, "32-audit")


def test_the_pages_work_in_english_and_with_the_keyboard(
    page: Page, live_server: LiveServer
) -> None:
    server = live_server
    page.goto(f"{server.url}/login")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    login(page, server, "anna")
    page.get_by_label("Sprache", exact=True).select_option("en")
    page.get_by_role("button", name="Sprache wechseln").click()
    expect(page.get_by_role("heading", name="My day", level=1)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    server.shot(page, "40-day-english")
