"""Factories for tests: keyword arguments, sensible synthetic defaults, flushed, never committed."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import (
    ClientStatus,
    ContactChannel,
    ContactStatus,
    EventKind,
    IntegrationKind,
    InvitationStatus,
    ParticipationStatus,
    ProgrammeKind,
    ProposalSource,
    ResidenceStatus,
    Role,
    VacancyStatus,
)
from lotse.models import (
    BenefitPeriod,
    Client,
    ClientOccupation,
    Contact,
    Employer,
    EmployerEvent,
    EventInvitation,
    Household,
    JobStart,
    Measure,
    MeasureRun,
    Officer,
    Participation,
    Programme,
    ProgrammeMembership,
    Proposal,
    Site,
    Team,
    User,
    Vacancy,
)

_seq = itertools.count(1)
RowT = TypeVar("RowT")


def _n() -> int:
    return next(_seq)


def _row(session: Session, model: Callable[..., RowT], defaults: dict[str, Any], kw: Any) -> RowT:
    """A ``model`` row from the defaults and the test's keywords (which win), flushed."""
    row = model(**(defaults | kw))
    session.add(row)
    session.flush()
    return row


def make_site(session: Session, **kw: Any) -> Site:
    return _row(session, Site, {"name": f"Standort {_n()}", "plz": "06749", "state": "ST"}, kw)


def make_team(session: Session, *, site: Site | None = None, **kw: Any) -> Team:
    site = site or make_site(session)
    return _row(session, Team, {"name": f"Team {_n()}", "site_id": site.id}, kw)


def make_officer(session: Session, *, team: Team | None = None, **kw: Any) -> Officer:
    team = team or make_team(session)
    n = _n()
    return _row(
        session,
        Officer,
        {
            "ref": f"O{n:05d}",
            "name": f"Vermittler {n}",
            "site_id": team.site_id,
            "team_id": team.id,
            "languages": ["de"],
        },
        kw,
    )


def make_household(session: Session, **kw: Any) -> Household:
    return _row(session, Household, {"ref": f"H{_n():06d}", "size": 1, "single_parent": False}, kw)


def make_client(
    session: Session,
    *,
    site: Site | None = None,
    occupations: list[str] | None = None,
    benefit_periods: list[tuple[date, date | None]] | None = None,
    **kw: Any,
) -> Client:
    site = site or make_site(session)
    defaults: dict[str, Any] = {
        "ref": f"C{_n():07d}",
        "site_id": site.id,
        "status": ClientStatus.ACTIVE,
        "birth_year": 1990,
        "citizenship": "DE",
        "residence_status": ResidenceStatus.GERMAN,
        "work_permitted": True,
        "german_level": CefrLevel.C2,
        "plz": "06749",
        "lat": 51.633,
        "lon": 12.3362,
        "max_commute_km": 30,
    }
    client = _row(session, Client, defaults, kw)
    for pos, code in enumerate(occupations or []):
        session.add(ClientOccupation(client_id=client.id, kldb=code, position=pos))
    for start, end in benefit_periods or []:
        session.add(BenefitPeriod(client_id=client.id, start=start, end=end))
    session.flush()
    return client


def make_employer(session: Session, **kw: Any) -> Employer:
    n = _n()
    return _row(
        session, Employer, {"ref": f"E{n:05d}", "name": f"Firma {n} GmbH", "plz": "06749"}, kw
    )


def make_vacancy(session: Session, *, employer: Employer | None = None, **kw: Any) -> Vacancy:
    employer = employer or make_employer(session)
    return _row(
        session,
        Vacancy,
        {
            "ref": f"V{_n():06d}",
            "employer_id": employer.id,
            "title": "Lagerhelfer/in",
            "kldb": "51311",
            "openings": 1,
            "status": VacancyStatus.OPEN,
            "plz": "06749",
            "lat": 51.633,
            "lon": 12.3362,
        },
        kw,
    )


def make_programme(session: Session, **kw: Any) -> Programme:
    return _row(
        session,
        Programme,
        {
            "code": f"prog_{_n()}",
            "name": "Programm",
            "kind": ProgrammeKind.PROGRAMME,
            "target_rule": {},
        },
        kw,
    )


# --- web application: users, contacts, proposals, measures, outcomes, events ----------------

_HASHES: dict[str, str] = {}
DEFAULT_PASSWORD = "Lotse-Test-Passwort-2025"


def password_hash(password: str = DEFAULT_PASSWORD) -> str:
    """Argon2 hash, computed once per password and test process (hashing is slow on purpose)."""
    from lotse.access.passwords import hash_password

    if password not in _HASHES:
        _HASHES[password] = hash_password(password)
    return _HASHES[password]


def make_user(
    session: Session,
    *,
    role: Role = Role.OFFICER,
    password: str = DEFAULT_PASSWORD,
    officer: Officer | None = None,
    team: Team | None = None,
    **kw: Any,
) -> User:
    n = _n()
    return _row(
        session,
        User,
        {
            "username": f"user{n}",
            "display_name": f"Benutzerin {n}",
            "role": role,
            "password_hash": password_hash(password),
            "officer_id": officer.id if officer else None,
            "team_id": team.id if team else None,
            "locale": "de",
        },
        kw,
    )


def make_proposal(
    session: Session, *, client: Client, vacancy: Vacancy | None = None, **kw: Any
) -> Proposal:
    vacancy = vacancy or make_vacancy(session)
    return _row(
        session,
        Proposal,
        {
            "client_id": client.id,
            "vacancy_id": vacancy.id,
            "proposed_on": date.today(),
            "source": ProposalSource.MATCHER,
            "score": 0.8,
            "rank": 1,
            "reasons": "Zielberuf passt; Arbeitsweg 12 km",
        },
        kw,
    )


def make_measure(session: Session, **kw: Any) -> Measure:
    n = _n()
    return _row(
        session, Measure, {"code": f"m{n}", "name": f"Maßnahme {n}", "kind": "language"}, kw
    )


def make_measure_run(session: Session, *, measure: Measure | None = None, **kw: Any) -> MeasureRun:
    measure = measure or make_measure(session)
    return _row(
        session, MeasureRun, {"measure_id": measure.id, "title": measure.name, "seats": 10}, kw
    )


def make_participation(
    session: Session, *, client: Client, run: MeasureRun, **kw: Any
) -> Participation:
    return _row(
        session,
        Participation,
        {
            "client_id": client.id,
            "measure_id": run.measure_id,
            "run_id": run.id,
            "status": ParticipationStatus.ACTIVE,
        },
        kw,
    )


def make_job_start(session: Session, *, client: Client, **kw: Any) -> JobStart:
    return _row(
        session,
        JobStart,
        {"client_id": client.id, "start": date.today(), "kind": IntegrationKind.EMPLOYMENT},
        kw,
    )


def make_membership(
    session: Session, *, client: Client, programme: Programme, **kw: Any
) -> ProgrammeMembership:
    return _row(
        session,
        ProgrammeMembership,
        {"client_id": client.id, "programme_id": programme.id, "since": date(2025, 1, 1)},
        kw,
    )


def make_event(session: Session, **kw: Any) -> EmployerEvent:
    return _row(
        session,
        EmployerEvent,
        {"kind": EventKind.INFO_DAY, "title": f"Infotag {_n()}", "starts_at": datetime.now(UTC)},
        kw,
    )


def make_invitation(
    session: Session, *, event: EmployerEvent, client: Client, **kw: Any
) -> EventInvitation:
    return _row(
        session,
        EventInvitation,
        {
            "event_id": event.id,
            "client_id": client.id,
            "invited_on": date.today(),
            "status": InvitationStatus.INVITED,
        },
        kw,
    )


def make_contact(session: Session, *, client: Client, **kw: Any) -> Any:
    from datetime import UTC, datetime

    return _row(
        session,
        Contact,
        {
            "client_id": client.id,
            "officer_id": client.officer_id,
            "scheduled_at": datetime(2025, 12, 1, 9, 0, tzinfo=UTC),
            "duration_min": 30,
            "channel": ContactChannel.IN_PERSON,
            "status": ContactStatus.DONE,
        },
        kw,
    )


def make_run(session: Session, *, measure: str = "integrationskurs", **kw: Any) -> MeasureRun:
    """A run of a catalogue measure (written to the database on first use) with seats."""
    from lotse.measures.service import ensure_measure

    row = ensure_measure(session, measure)
    return _row(
        session,
        MeasureRun,
        {
            "measure_id": row.id,
            "title": f"Kurs {_n()}",
            "provider": "VHS",
            "seats": 10,
            "starts_on": date(2025, 9, 1),
        },
        kw,
    )


def make_ip_case(session: Session, *, client: Client | None = None, **kw: Any) -> Any:
    """An Integration Point case (default: led by the employment agency, first contact in a
    shelter, asylum procedure pending) for ``client`` or a new person without benefits."""
    from lotse.domain.agencies import Agency
    from lotse.domain.integration_point import AsylumState, ContactPlace
    from lotse.integration_point.cases import open_for

    client = client or make_client(
        session, citizenship="SY", residence_status=ResidenceStatus.ASYLUM_PENDING
    )
    values: dict[str, Any] = {
        "lead": Agency.EMPLOYMENT_AGENCY,
        "first_contact_on": date(2025, 3, 3),
        "place": ContactPlace.SHELTER,
        "asylum_state": AsylumState.PENDING,
    } | kw
    return open_for(session, client, **values)


def make_consent(session: Session, *, client: Client, **kw: Any) -> Any:
    """A consent of ``client`` (default: basic data to the Jobcenter, from 1 March 2025 on)."""
    from lotse.domain.agencies import Agency, ConsentPurpose, DataCategory
    from lotse.integration_point.consents import add
    from lotse.integration_point.schemas import ConsentCreate

    owner = kw.pop("owner", Agency.EMPLOYMENT_AGENCY)
    data = {
        "recipient": Agency.JOBCENTER,
        "purpose": ConsentPurpose.PLACEMENT,
        "categories": [DataCategory.BASIC],
        "valid_from": date(2025, 3, 1),
        "signed_on": date(2025, 3, 1),
        "form_reference": f"EV-{_n()}",
    } | kw
    return add(session, client, ConsentCreate(**data), owner=owner)
