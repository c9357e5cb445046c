"""``lotse plan quarter`` and ``lotse caseloads what-if`` against a committed database."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from typer.testing import CliRunner

from lotse.cli.main import app
from lotse.db.engine import create_engine_for, session_scope
from lotse.models import Client, Contact
from lotse.planning.calendar import BERLIN
from tests.factories import (
    make_client,
    make_membership,
    make_officer,
    make_programme,
    make_site,
    make_team,
)


def _fill(url: str) -> None:
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        site = make_site(session, name="Köthen", state="ST")
        jo = make_programme(
            session,
            code="joboffensive",
            name="Joboffensive",
            caseload_ratio=100,
            contacts_per_month=2.0,
        )
        officer = make_officer(session, team=make_team(session, site=site), name="Regel Eins")
        for i in range(20):
            client = make_client(session, site=site, officer_id=officer.id if i else None)
            if i < 10:
                make_membership(session, client=client, programme=jo)
    engine.dispose()


def test_plan_quarter_prints_ratios_densities_and_the_calendar_check(database_url: str) -> None:
    _fill(database_url)
    result = CliRunner().invoke(app, ["plan", "quarter", "--from", "2026-04-01"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "an Wochenenden 0, an Feiertagen 0" in out
    assert "Umverteilungen: 0 | Erstzuweisungen: 1" in out  # one client had no officer
    engine = create_engine_for(database_url)
    with engine.connect() as conn:
        days = {
            at.astimezone(BERLIN).date() for at in conn.scalars(sa.select(Contact.scheduled_at))
        }
        assert conn.scalar(sa.select(sa.func.count()).where(Client.officer_id.is_(None))) == 0
    engine.dispose()
    assert days
    assert not days & {date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 14)}


def test_what_if_shows_new_posts_and_writes_nothing(database_url: str) -> None:
    _fill(database_url)
    result = CliRunner().invoke(
        app,
        [
            "caseloads",
            "what-if",
            "--on",
            "2026-04-01",
            "--add-officers",
            "1",
            "--programme",
            "joboffensive",
            "--show",
            "3",
        ],
    )
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    # the 10 members move from regular care to the new Joboffensive post
    assert "Umverteilungen: 9 | Erstzuweisungen: 1" in out
    assert "Neue Stelle joboffensive 1" in out
    engine = create_engine_for(database_url)
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).where(Client.officer_id.is_(None))) == 1
    engine.dispose()


def test_an_unknown_programme_is_named_in_the_error(database_url: str) -> None:
    result = CliRunner().invoke(
        app, ["caseloads", "what-if", "--add-officers", "2", "--programme", "nix"]
    )
    assert result.exit_code == 2
    assert "nix" in result.output
