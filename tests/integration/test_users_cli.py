"""``lotse users``: administrators create accounts, set passwords and issue API tokens."""

from __future__ import annotations

import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from typer.testing import CliRunner, Result

from lotse.access.passwords import verify_password
from lotse.api import create_app
from lotse.cli.main import app
from lotse.db.engine import get_engine
from lotse.domain.codes import AuditAction
from lotse.models import AuditEntry, User

runner = CliRunner()


def add_user(username: str, *, role: str, name: str, password: str) -> Result:
    """``lotse users add`` as an administrator types it."""
    return runner.invoke(
        app, ["users", "add", username, "--role", role, "--name", name, "--password", password]
    )


def test_an_admin_account_made_on_the_command_line_can_log_in(database_url: str) -> None:
    result = add_user("bea", role="admin", name="Bea Berg", password="ein sicheres Passwort")
    assert result.exit_code == 0, result.output
    listing = runner.invoke(app, ["users", "list"])
    assert "bea" in listing.output
    assert "admin" in listing.output
    with Session(get_engine(database_url)) as session:
        user = session.scalars(sa.select(User).where(User.username == "bea")).one()
        assert verify_password(user.password_hash, "ein sicheres Passwort")
        created = session.scalars(
            sa.select(AuditEntry).where(
                AuditEntry.action == AuditAction.CREATE, AuditEntry.entity == "user"
            )
        ).one()
        assert created.actor == "cli:users add"


def test_a_new_password_replaces_the_old_one(database_url: str) -> None:
    add_user("bea", role="admin", name="Bea", password="ein sicheres Passwort")
    result = runner.invoke(
        app, ["users", "set-password", "bea", "--password", "noch sicherer 2025"]
    )
    assert result.exit_code == 0, result.output
    with Session(get_engine(database_url)) as session:
        user = session.scalars(sa.select(User).where(User.username == "bea")).one()
        assert verify_password(user.password_hash, "noch sicherer 2025")
        assert not verify_password(user.password_hash, "ein sicheres Passwort")


def test_a_token_from_the_command_line_authenticates_the_api(database_url: str) -> None:
    add_user("bea", role="admin", name="Bea", password="ein sicheres Passwort")
    result = runner.invoke(app, ["users", "token", "bea", "--name", "skript"])
    assert result.exit_code == 0, result.output
    token = result.output.strip()
    assert token.startswith("lotse_")
    client = TestClient(create_app(engine=get_engine(database_url)))
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["username"] == "bea"


def test_an_officer_account_without_its_officer_record_is_refused(database_url: str) -> None:
    result = add_user("olaf", role="officer", name="Olaf", password="ein sicheres Passwort")
    assert result.exit_code == 2
    assert "officer_required" in result.output
    short = add_user("kim", role="admin", name="Kim", password="kurz")
    assert short.exit_code != 0
    with Session(get_engine(database_url)) as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(User)) == 0
