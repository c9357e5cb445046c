"""A small synthetic Jobcenter for the web tests, the browser tests and the load benchmark.

Two sites, two teams, one account per role, clients in and outside the officer's caseload,
proposals, contacts, courses with free seats, an event and job starts over the last months.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import (
    ContactChannel,
    ContactStatus,
    IntegrationKind,
    InvitationStatus,
    NotIntegrableReason,
    ProposalDecision,
    ResidenceStatus,
    Role,
)
from lotse.events.repository import EventRepository
from lotse.models import NotIntegrableAssessment
from tests import factories as f

PASSWORD = f.DEFAULT_PASSWORD


@dataclass
class Seed:
    password: str
    usernames: dict[Role, str]
    user_ids: dict[Role, int]
    client_main: int
    client_colleague: int
    client_other_team: int
    proposal_pending: int
    proposal_accepted: int
    proposal_other_team: int
    employer: int
    vacancy: int
    event: int
    programme: int
    officers: list[str] = field(default_factory=list)
    course_run: int = 0
    """A run of a catalogue language course (Berufssprachkurs B1→B2) with free seats."""
    contact_today: int = 0
    """The main client's planned contact today."""
    assessment: int = 0
    """An open not-integrable assessment of the main client, its review overdue."""
    participation: int = 0
    """The main client's active participation in the evening course."""
    invitation: int = 0
    """The main client's (confirmed) invitation to the event."""


def seed(session: Session, *, extra_officers: int = 0, clients_per_officer: int = 3) -> Seed:
    """Write the small Jobcenter (flushes; the caller commits)."""
    now = datetime.now(UTC)
    today = date.today()
    bitterfeld = f.make_site(session, name="Bitterfeld", plz="06749")
    koethen = f.make_site(session, name="Köthen", plz="06366")
    team_a = f.make_team(session, site=bitterfeld, name="Team Job-Turbo")
    team_b = f.make_team(session, site=koethen, name="Team Köthen")
    anna = f.make_officer(session, team=team_a, name="Anna Becker", ref="O-ANNA")
    ben = f.make_officer(session, team=team_a, name="Ben Schulz", ref="O-BEN")
    carla = f.make_officer(session, team=team_b, name="Carla Neumann", ref="O-CARLA")

    users = {
        Role.OFFICER: f.make_user(
            session, role=Role.OFFICER, officer=anna, username="anna", display_name="Anna Becker"
        ),
        Role.TEAM_LEAD: f.make_user(
            session, role=Role.TEAM_LEAD, team=team_a, username="tanja", display_name="Tanja Wolf"
        ),
        Role.EMPLOYER_SERVICE: f.make_user(
            session,
            role=Role.EMPLOYER_SERVICE,
            team=team_a,
            username="emil",
            display_name="Emil Krause",
        ),
        Role.CONTROLLING: f.make_user(
            session, role=Role.CONTROLLING, username="clara", display_name="Clara Hoffmann"
        ),
        Role.PARTNER_AGENCY: f.make_user(
            session,
            role=Role.PARTNER_AGENCY,
            username="paul",
            display_name="Paul Richter",
            agency="Ausländerbehörde",
        ),
        Role.ADMIN: f.make_user(
            session, role=Role.ADMIN, username="ada", display_name="Ada Lorenz"
        ),
    }
    f.make_user(
        session, role=Role.OFFICER, officer=carla, username="carla", display_name="Carla Neumann"
    )

    job_turbo = f.make_programme(
        session, code="job_turbo", name="Job-Turbo", contacts_per_month=0.72
    )
    f.make_programme(session, code="joboffensive", name="Joboffensive", caseload_ratio=100)

    main = f.make_client(
        session,
        site=bitterfeld,
        officer_id=anna.id,
        name="Amira Haddad",
        citizenship="SY",
        residence_status=ResidenceStatus.RECOGNISED_REFUGEE,
        german_level=CefrLevel.B1,
        occupations=["51311", "52122"],
        languages=["ar", "de"],
        benefit_periods=[(date(2023, 3, 1), None)],
        unemployed_since=date(2023, 3, 1),
    )
    colleague = f.make_client(session, site=bitterfeld, officer_id=ben.id, name="Jonas Weber")
    other = f.make_client(
        session,
        site=koethen,
        officer_id=carla.id,
        name="Olena Kovalenko",
        citizenship="UA",
        residence_status=ResidenceStatus.TEMPORARY_PROTECTION,
    )
    f.make_membership(session, client=main, programme=job_turbo, reason="Zielgruppen-Regel")

    solar = f.make_employer(
        session,
        name="Sonnenfeld Solar GmbH",
        ref="E-SOLAR",
        contact_name="Frau Lehmann",
        plz="06766",
    )
    lager = f.make_employer(session, name="Logistik Mitte GmbH", ref="E-LOG", plz="06749")
    helper = f.make_vacancy(
        session,
        employer=solar,
        title="Montagehelfer/in Solarmodule",
        kldb="26112",
        german_level_min=CefrLevel.A2,
        ref="V-SOLAR",
    )
    stock = f.make_vacancy(session, employer=lager, title="Lagerhelfer/in", ref="V-LAGER")
    pending = f.make_proposal(
        session,
        client=main,
        vacancy=helper,
        reasons="Zielberuf Montage; Deutsch B1 ≥ A2; Arbeitsweg 9 km",
    )
    accepted = f.make_proposal(
        session,
        client=main,
        vacancy=stock,
        rank=2,
        score=0.71,
        decision=ProposalDecision.ACCEPTED,
        decided_at=now,
        decision_reason="passt gut",
    )
    other_prop = f.make_proposal(session, client=other, vacancy=helper)
    f.make_proposal(session, client=colleague, vacancy=stock)

    start_of_today = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    contact_today = f.make_contact(
        session,
        client=main,
        scheduled_at=start_of_today + timedelta(hours=13),
        status=ContactStatus.PLANNED,
    )
    f.make_contact(
        session,
        client=main,
        scheduled_at=now - timedelta(days=3),
        channel=ContactChannel.PHONE,
        status=ContactStatus.PLANNED,
    )
    f.make_contact(
        session, client=main, scheduled_at=now - timedelta(days=30), status=ContactStatus.DONE
    )
    f.make_contact(session, client=other, scheduled_at=now, status=ContactStatus.PLANNED)

    course = f.make_measure(session, code="bsk_b2", name="Berufssprachkurs B1→B2")
    run = f.make_measure_run(
        session,
        measure=course,
        provider="Sprachschule Mitte",
        site_id=bitterfeld.id,
        seats=12,
        starts_on=today + timedelta(days=14),
        title="Berufssprachkurs B2 (Abendkurs)",
    )
    participation = f.make_participation(session, client=main, run=run, start=today)
    b2 = f.make_run(
        session,
        measure="bsk_basis_b1_b2",
        title="Berufssprachkurs B2 Vormittag",
        provider="VHS Bitterfeld",
        site_id=bitterfeld.id,
        seats=2,
        starts_on=today + timedelta(days=21),
        ends_on=today + timedelta(days=200),
    )
    assessment = NotIntegrableAssessment(
        client_id=main.id,
        assessed_on=today - timedelta(days=200),
        review_on=today - timedelta(days=17),
        reason=NotIntegrableReason.CHILDCARE,
        officer_id=anna.id,
        note="Kita-Platz ab Herbst zugesagt",
    )
    session.add(assessment)

    event = f.make_event(
        session,
        title="Infotag Solarindustrie",
        site_id=bitterfeld.id,
        employer_id=solar.id,
        starts_at=now + timedelta(days=5),
        capacity=25,
        location="Jobcenter Bitterfeld, Raum 1.12",
    )
    EventRepository(session).attach_vacancies(event.id, [helper.id])
    invitation = f.make_invitation(
        session, event=event, client=main, status=InvitationStatus.CONFIRMED
    )
    f.make_invitation(session, event=event, client=other)

    mat = f.make_run(
        session,
        measure="avgs_mat",
        title="Aktivierung mit Betriebspraktikum",
        provider="Bildungswerk Mitte",
        site_id=bitterfeld.id,
        seats=12,
        starts_on=today - timedelta(days=200),
        ends_on=today - timedelta(days=60),
    )
    for months_ago, kind in [
        (1, IntegrationKind.EMPLOYMENT),
        (2, IntegrationKind.MINIJOB),
        (3, IntegrationKind.EMPLOYMENT),
        (5, IntegrationKind.APPRENTICESHIP),
    ]:
        client = f.make_client(session, site=bitterfeld, officer_id=ben.id)
        job = f.make_job_start(
            session, client=client, kind=kind, start=today - timedelta(days=30 * months_ago)
        )
        # Activation funnel: all four started, three had an internship, two reported on it
        # at an event, and the one hired a month ago was hired out of the measure.
        f.make_participation(
            session,
            client=client,
            run=mat,
            start=today - timedelta(days=200),
            internship_start=today - timedelta(days=150) if months_ago < 5 else None,
            internship_end=today - timedelta(days=140) if months_ago < 5 else None,
            internship_employer_id=solar.id if months_ago < 5 else None,
            presented_on=today - timedelta(days=120) if months_ago < 3 else None,
            job_start_id=job.id if months_ago == 1 else None,
        )

    officers = []
    for i in range(extra_officers):
        officer = f.make_officer(session, team=team_a, name=f"Last Fachkraft {i}", ref=f"O-L{i}")
        f.make_user(session, role=Role.OFFICER, officer=officer, username=f"last{i}")
        officers.append(f"last{i}")
        for j in range(clients_per_officer):
            c = f.make_client(
                session, site=bitterfeld, officer_id=officer.id, name=f"Kunde {i}-{j}"
            )
            f.make_contact(
                session,
                client=c,
                scheduled_at=start_of_today + timedelta(hours=9 + j),
                status=ContactStatus.PLANNED,
            )
            f.make_proposal(session, client=c, vacancy=helper if j % 2 else stock)

    session.flush()
    return Seed(
        password=PASSWORD,
        usernames={role: u.username for role, u in users.items()},
        user_ids={role: u.id for role, u in users.items()},
        client_main=main.id,
        client_colleague=colleague.id,
        client_other_team=other.id,
        proposal_pending=pending.id,
        proposal_accepted=accepted.id,
        proposal_other_team=other_prop.id,
        employer=solar.id,
        vacancy=helper.id,
        event=event.id,
        programme=job_turbo.id,
        officers=officers,
        course_run=b2.id,
        contact_today=contact_today.id,
        assessment=assessment.id,
        participation=participation.id,
        invitation=invitation.id,
    )
