"""In a real browser: enrol a client from the file, record a contact outcome, download the
programme report as PDF; and screenshots of every page added for issue 7's features."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from lotse.db.engine import get_engine
from lotse.domain.codes import ContactStatus, ParticipationStatus
from lotse.models import Contact, Participation
from tests.e2e.conftest import LiveServer
from tests.e2e.test_browser import login

pytestmark = pytest.mark.e2e


def test_officer_enrols_a_client_and_records_a_contact_outcome(
    page: Page, live_server: LiveServer
) -> None:
    server = live_server
    login(page, server, "anna")
    expect(page).to_have_url(f"{server.url}/day")
    expect(
        page.get_by_role("heading", name="Überfällige Überprüfungen und Fristen")
    ).to_be_visible()
    server.shot(page, "50-day-with-reviews")
    page.goto(f"{server.url}/clients/{server.seed.client_main}")

    measures = page.get_by_role("region", name="Maßnahmen")
    measures.get_by_role("combobox", name=re.compile("^Kurs")).select_option(
        str(server.seed.course_run)
    )
    measures.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("status")).to_have_text("Die Anmeldung ist gespeichert.")
    row = page.get_by_role("region", name="Maßnahmen").get_by_role(
        "row", name=re.compile("Berufssprachkurs B2 Vormittag")
    )
    expect(row.get_by_text("geplant")).to_be_visible()
    server.shot(page, "51-enrolled")

    contacts = page.get_by_role("region", name="Kontakte")
    form = contacts.get_by_role("form", name=re.compile("Ergebnis des Termins")).first
    form.get_by_label("Ergebnis").select_option("no_show")
    form.get_by_label("Notiz").fill("nicht erschienen, Brief geschickt")
    form.get_by_role("button", name="Erfassen").click()
    expect(page.get_by_role("status")).to_have_text("Das Ergebnis des Termins ist erfasst.")
    expect(page.get_by_text("nicht erschienen, Brief geschickt")).to_be_visible()
    server.shot(page, "52-contact-outcome")
    page.get_by_role("region", name=re.compile("Fördermöglichkeiten")).scroll_into_view_if_needed()
    server.shot(page, "53-client-file-panels")

    with Session(get_engine(server.database_url)) as session:
        enrolled = session.scalars(
            sa.select(Participation).where(Participation.run_id == server.seed.course_run)
        ).one()
        contacts_now = session.scalars(
            sa.select(Contact.status).where(Contact.client_id == server.seed.client_main)
        ).all()
    assert enrolled.status is ParticipationStatus.PLANNED
    assert enrolled.client_id == server.seed.client_main
    assert ContactStatus.NO_SHOW in contacts_now


def test_team_lead_opens_the_figures_and_downloads_the_pdf_report(
    page: Page, live_server: LiveServer
) -> None:
    server = live_server
    login(page, server, "tanja")
    page.get_by_role("link", name="Kennzahlen", exact=True).click()
    expect(page.get_by_role("heading", name="Programmcontrolling: Kennzahlen")).to_be_visible()
    page.get_by_label("Referenzwert Integrationsquote (%)").fill("11,3")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator("img.report-chart").first).to_be_visible()
    server.shot(page, "60-figures")
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    path = download.path()
    assert path.read_bytes().startswith(b"%PDF")

    page.goto(f"{server.url}/caseloads?add=2&programme=job_turbo")
    expect(page.get_by_role("heading", name="Was wäre, wenn …")).to_be_visible()
    server.shot(page, "61-caseloads")
    page.goto(f"{server.url}/measures")
    server.shot(page, "62-measures")
    page.goto(f"{server.url}/measures/avgs_mat")
    expect(page.locator("svg.chart")).to_be_visible()
    server.shot(page, "63-measure-funnel")
    page.goto(f"{server.url}/courses")
    server.shot(page, "64-courses")
    page.goto(f"{server.url}/courses/{server.seed.course_run}")
    server.shot(page, "65-course")


def test_employer_service_creates_an_event_and_picks_candidates(
    page: Page, live_server: LiveServer
) -> None:
    server = live_server
    login(page, server, "emil")
    page.goto(f"{server.url}/events")
    page.get_by_role("link", name="Neue Veranstaltung").click()
    page.get_by_role("textbox", name=re.compile("^Veranstaltung")).fill("Jobmesse Logistik")
    page.get_by_label(re.compile("^Beginn")).fill("2030-03-05T10:00")
    page.get_by_label("Montagehelfer/in Solarmodule").check()
    server.shot(page, "70-event-form")
    page.get_by_role("button", name="Veranstaltung anlegen").click()
    expect(page.get_by_role("heading", name="Jobmesse Logistik")).to_be_visible()
    page.get_by_role("link", name="Kandidatenliste").click()
    page.get_by_label("Jonas Weber").check()
    server.shot(page, "71-candidates")
    page.get_by_role("button", name="Ausgewählte einladen").click()
    expect(page.get_by_role("status")).to_have_text("Die Einladungen sind gespeichert.")
    expect(page.get_by_role("link", name="Jonas Weber")).to_have_count(0)  # no client access
    expect(page.get_by_role("cell", name=re.compile("^Jonas Weber aus der"))).to_be_visible()
    server.shot(page, "72-event-invited")

    page.context.clear_cookies()
    login(page, server, "clara")
    page.goto(f"{server.url}/figures")
    expect(page.get_by_text("Pseudonymisierte Zahlen")).to_be_visible()
    server.shot(page, "73-figures-controlling")
