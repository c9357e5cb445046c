"""Factories for tests: keyword arguments, sensible synthetic defaults, flushed, never committed."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from lotse.domain.cefr import CefrLevel
from lotse.domain.codes import (
    ClientStatus,
    ProgrammeKind,
    ResidenceStatus,
    VacancyStatus,
)
from lotse.models import (
    BenefitPeriod,
    Client,
    ClientOccupation,
    Employer,
    Household,
    MeasureRun,
    Officer,
    Programme,
    Site,
    Team,
    Vacancy,
)

_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def make_site(session: Session, **kw: Any) -> Site:
    site = Site(**({"name": f"Standort {_n()}", "plz": "06749", "state": "ST"} | kw))
    session.add(site)
    session.flush()
    return site


def make_team(session: Session, *, site: Site | None = None, **kw: Any) -> Team:
    site = site or make_site(session)
    team = Team(**({"name": f"Team {_n()}", "site_id": site.id} | kw))
    session.add(team)
    session.flush()
    return team


def make_officer(session: Session, *, team: Team | None = None, **kw: Any) -> Officer:
    team = team or make_team(session)
    n = _n()
    officer = Officer(
        **(
            {
                "ref": f"O{n:05d}",
                "name": f"Vermittler {n}",
                "site_id": team.site_id,
                "team_id": team.id,
                "languages": ["de"],
            }
            | kw
        )
    )
    session.add(officer)
    session.flush()
    return officer


def make_household(session: Session, **kw: Any) -> Household:
    household = Household(**({"ref": f"H{_n():06d}", "size": 1, "single_parent": False} | kw))
    session.add(household)
    session.flush()
    return household


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
    client = Client(**(defaults | kw))
    session.add(client)
    session.flush()
    for pos, code in enumerate(occupations or []):
        session.add(ClientOccupation(client_id=client.id, kldb=code, position=pos))
    for start, end in benefit_periods or []:
        session.add(BenefitPeriod(client_id=client.id, start=start, end=end))
    session.flush()
    return client


def make_employer(session: Session, **kw: Any) -> Employer:
    n = _n()
    employer = Employer(**({"ref": f"E{n:05d}", "name": f"Firma {n} GmbH", "plz": "06749"} | kw))
    session.add(employer)
    session.flush()
    return employer


def make_vacancy(session: Session, *, employer: Employer | None = None, **kw: Any) -> Vacancy:
    employer = employer or make_employer(session)
    vacancy = Vacancy(
        **(
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
            }
            | kw
        )
    )
    session.add(vacancy)
    session.flush()
    return vacancy


def make_programme(session: Session, **kw: Any) -> Programme:
    programme = Programme(
        **(
            {
                "code": f"prog_{_n()}",
                "name": "Programm",
                "kind": ProgrammeKind.PROGRAMME,
                "target_rule": {},
            }
            | kw
        )
    )
    session.add(programme)
    session.flush()
    return programme


def make_membership(session: Session, *, client: Client, programme: Programme, **kw: Any) -> Any:
    from lotse.models import ProgrammeMembership

    membership = ProgrammeMembership(
        **({"client_id": client.id, "programme_id": programme.id, "since": date(2025, 1, 1)} | kw)
    )
    session.add(membership)
    session.flush()
    return membership


def make_contact(session: Session, *, client: Client, **kw: Any) -> Any:
    from datetime import UTC, datetime

    from lotse.domain.codes import ContactChannel, ContactStatus
    from lotse.models import Contact

    contact = Contact(
        **(
            {
                "client_id": client.id,
                "officer_id": client.officer_id,
                "scheduled_at": datetime(2025, 12, 1, 9, 0, tzinfo=UTC),
                "duration_min": 30,
                "channel": ContactChannel.IN_PERSON,
                "status": ContactStatus.DONE,
            }
            | kw
        )
    )
    session.add(contact)
    session.flush()
    return contact


def make_run(session: Session, *, measure: str = "integrationskurs", **kw: Any) -> MeasureRun:
    """A run of a catalogue measure (written to the database on first use) with seats."""
    from lotse.measures.service import ensure_measure

    row = ensure_measure(session, measure)
    run = MeasureRun(
        **({"measure_id": row.id, "title": f"Kurs {_n()}", "provider": "VHS", "seats": 10,
            "starts_on": date(2025, 9, 1)} | kw)
    )  # fmt: skip
    session.add(run)
    session.flush()
    return run
