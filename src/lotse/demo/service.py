"""Load a generated Jobcenter into the database the way a real one would arrive and be run.

Everything goes through the product's own services: the exchange-format import, the measure
catalogue, course runs, user accounts, caseload allocation and the quarter's contact plan.
Nothing here writes rows by hand. The caller (``lotse demo``) owns the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lotse.domain.codes import Role
from lotse.exchange.importer import ImportProgress, ImportReport, import_folder
from lotse.measures.courses import create_run
from lotse.measures.schemas import RunCreate
from lotse.measures.service import load_catalogue
from lotse.models import Client, Officer, Site, Team
from lotse.proposals import matcher
from lotse.quarter.schemas import QuarterReport
from lotse.quarter.service import plan_quarter
from lotse.users.schemas import UserCreate
from lotse.users.service import create_user

ACTOR = "cli:demo"
DEMO_PASSWORD = "Lotse-Demo-2026"  # noqa: S105 - printed for the local demo, never for production
"""Password of every demo account; the demo database is synthetic and local."""


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    display_name: str


@dataclass
class DemoReport:
    imported: ImportReport
    measures: int
    course_runs: int
    accounts: list[DemoAccount] = field(default_factory=list)
    quarter: QuarterReport | None = None
    proposals: int = 0
    model: str = ""


def has_clients(session: Session) -> bool:
    """Whether the database already holds a Jobcenter."""
    return session.scalar(sa.select(sa.func.count()).select_from(Client)) != 0


# Course runs every site offers in the demo: (measure code, title, seats, weeks until start).
_RUNS: tuple[tuple[str, str, int, int], ...] = (
    ("integrationskurs", "Integrationskurs (allgemein)", 20, 2),
    ("bsk_basis_b1_b2", "Berufssprachkurs B1 → B2", 16, 4),
    ("avgs_mat", "Aktivierung mit Praktikum (MAT)", 15, 3),
)


def _course_runs(session: Session, *, today: date) -> int:
    sites = session.scalars(sa.select(Site).order_by(Site.name)).all()
    created = 0
    for site in sites:
        for code, title, seats, weeks in _RUNS:
            starts = today + timedelta(weeks=weeks)
            create_run(
                session,
                RunCreate(
                    measure=code,
                    title=f"{title} – {site.name}",
                    provider=f"Bildungsträger {site.name}",
                    site_id=site.id,
                    starts_on=starts,
                    ends_on=starts + timedelta(weeks=12 if code == "avgs_mat" else 24),
                    seats=seats,
                ),
            )
            created += 1
    return created


def _accounts(session: Session) -> list[DemoAccount]:
    """One account per role, and one per placement officer (username = officer id, lower case)."""
    team = session.scalars(sa.select(Team).order_by(Team.id)).first()
    plan: list[tuple[str, Role, str, dict[str, object]]] = [
        ("admin", Role.ADMIN, "Administration", {}),
        ("controlling", Role.CONTROLLING, "Controlling", {}),
        ("arbeitgeberservice", Role.EMPLOYER_SERVICE, "Arbeitgeberservice", {}),
        ("integration-point", Role.PARTNER_AGENCY, "Ausländerbehörde", {"agency": "abh"}),
    ]
    if team is not None:
        plan.append(
            ("teamleitung", Role.TEAM_LEAD, f"Teamleitung {team.name}", {"team_id": team.id})
        )
    for officer in session.scalars(sa.select(Officer).order_by(Officer.ref)):
        plan.append(
            (officer.ref.lower(), Role.OFFICER, officer.name,
             {"officer_id": officer.id, "team_id": officer.team_id})
        )  # fmt: skip
    accounts = []
    for username, role, name, links in plan:
        create_user(
            session,
            UserCreate.model_validate(
                {"username": username, "display_name": name, "role": role,
                 "password": DEMO_PASSWORD, **links}
            ),
            principal=None,
            actor=ACTOR,
        )  # fmt: skip
        accounts.append(DemoAccount(username, role, name))
    return accounts


def build_demo(
    session: Session,
    folder: Path,
    *,
    today: date,
    progress: ImportProgress | None = None,
) -> DemoReport:
    """Import the generated folder and run the Jobcenter's first day on it."""
    imported = import_folder(session, folder, actor=ACTOR, today=today, progress=progress)
    measures = len(load_catalogue(session))
    runs = _course_runs(session, today=today)
    accounts = _accounts(session)
    quarter = plan_quarter(session, start=today, actor=ACTOR)
    # The hire model learns from the imported history; its proposals wait for the officers.
    training = matcher.train(session)
    matched = matcher.run_matcher(session, model=training.model, today=today)
    return DemoReport(
        imported, measures, runs, accounts, quarter, len(matched.proposals), training.report.kind
    )
