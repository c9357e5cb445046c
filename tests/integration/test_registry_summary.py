"""The registry summary counts what the database holds."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from lotse.domain.codes import ClientStatus, VacancyStatus
from lotse.models import ProgrammeMembership
from lotse.registry.service import summarise
from tests.factories import (
    make_client,
    make_officer,
    make_programme,
    make_site,
    make_team,
    make_vacancy,
)


def test_summary_counts_clients_officers_members_and_open_vacancies(session: Session) -> None:
    koethen = make_site(session, name="Köthen")
    zerbst = make_site(session, name="Zerbst")
    team = make_team(session, site=koethen)
    make_officer(session, team=team)
    make_officer(session, team=team)
    turbo = make_programme(session, code="job_turbo", name="Job-Turbo")
    for status in (ClientStatus.ACTIVE, ClientStatus.ACTIVE, ClientStatus.INTEGRATED):
        client = make_client(session, site=koethen, status=status)
        session.add(
            ProgrammeMembership(programme_id=turbo.id, client_id=client.id, since=date(2025, 1, 1))
        )
    left = make_client(session, site=zerbst, status=ClientStatus.LEFT)
    session.add(
        ProgrammeMembership(
            programme_id=turbo.id, client_id=left.id, since=date(2024, 1, 1), until=date(2024, 6, 1)
        )
    )
    make_vacancy(session, kldb="51311", openings=3)
    make_vacancy(session, kldb="51312", openings=1)
    make_vacancy(session, kldb="51311", openings=5, status=VacancyStatus.CLOSED)
    session.flush()

    summary = summarise(session)

    by_site = {s.site: s for s in summary.sites}
    assert (by_site["Köthen"].clients, by_site["Köthen"].active_clients) == (3, 2)
    assert by_site["Köthen"].officers == 2
    assert by_site["Köthen"].ratio == 1.0
    assert by_site["Zerbst"].ratio is None
    # Only the open membership counts; the ended one of the client who left does not.
    assert [(p.code, p.members, p.active_members) for p in summary.programmes] == [
        ("job_turbo", 3, 2)
    ]
    # Closed vacancies are not shown; helper (…1) and skilled (…2) jobs are told apart.
    assert [(v.level, v.vacancies, v.openings) for v in summary.open_vacancies] == [
        ("Helfer", 1, 3),
        ("Fachkraft", 1, 1),
    ]
