"""``lotse demo`` builds a usable Jobcenter through the normal workflows, once."""

from __future__ import annotations

import sqlalchemy as sa
from typer.testing import CliRunner

from lotse.cli.main import app
from lotse.db.engine import get_engine
from lotse.domain.codes import ContactStatus, ProposalDecision, Role
from lotse.models import Client, Contact, MeasureRun, Proposal, User


def test_demo_builds_the_jobcenter_with_accounts_courses_and_a_planned_quarter(
    database_url: str,
) -> None:
    result = CliRunner().invoke(app, ["demo"], terminal_width=200)

    assert result.exit_code == 0, result.output
    # The demo profile is Anhalt-Bitterfeld-like: three sites (mission.md, programme 5).
    for site in ("Bitterfeld", "Köthen", "Zerbst"):
        assert site in result.output
    assert "Job-Turbo (job_turbo)" in result.output
    assert "Offene Stellen" in result.output
    with get_engine(database_url).connect() as conn:
        active = conn.scalar(
            sa.select(sa.func.count()).select_from(Client).where(Client.status == "active")
        )
        roles = set(conn.scalars(sa.select(User.role)))
        runs = conn.scalar(sa.select(sa.func.count()).select_from(MeasureRun))
        planned = conn.scalar(
            sa.select(sa.func.count())
            .select_from(Contact)
            .where(Contact.status == ContactStatus.PLANNED)
        )
        pending = conn.scalar(
            sa.select(sa.func.count())
            .select_from(Proposal)
            .where(Proposal.decision == ProposalDecision.PENDING)
        )
    assert active == 1000  # the demo profile's published size: 1,000 eLb at the reference date
    assert {Role.ADMIN, Role.OFFICER, Role.TEAM_LEAD, Role.CONTROLLING} <= roles
    assert runs == 9  # three course runs at each of the three sites
    assert planned > 0
    assert pending > 0  # the matcher's proposals wait for the officers' decision


def test_a_second_demo_run_keeps_the_database_and_shows_it(database_url: str) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["demo"]).exit_code == 0
    with get_engine(database_url).connect() as conn:
        before = conn.scalar(sa.select(sa.func.count()).select_from(Contact))

    again = runner.invoke(app, ["demo"], terminal_width=200)

    assert again.exit_code == 0, again.output
    assert "holds a Jobcenter already" in " ".join(again.output.split())
    with get_engine(database_url).connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(Contact)) == before
