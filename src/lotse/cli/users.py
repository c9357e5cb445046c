"""``lotse users``: accounts for administrators (add, list, set a password, issue a token)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import typer
from rich.table import Table

from lotse.access.authentication import issue_token
from lotse.cli._common import console, db_session, handle_errors
from lotse.domain.codes import Role
from lotse.errors import InvalidInput, NotFound, Problem
from lotse.users import service
from lotse.users.repository import UserRepository
from lotse.users.schemas import UserCreate, UserUpdate
from lotse.validation import parse

app = typer.Typer(help="User accounts and roles.", no_args_is_help=True)


def _password(given: str | None) -> str:
    if given is not None:
        return given
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@app.command("add")
@handle_errors
def add(
    username: str,
    role: Role = typer.Option(  # noqa: B008 - typer reads it
        ..., help="officer, team_lead, employer_service, controlling, partner_agency or admin"
    ),
    name: str = typer.Option(..., "--name", help="Display name."),
    officer: str | None = typer.Option(None, help="Officer ref (exchange id) for role officer."),
    team: int | None = typer.Option(None, help="Team id for role team_lead."),
    agency: str | None = typer.Option(None, help="Agency for role partner_agency."),
    locale: str = typer.Option("de", help="de or en."),
    password: str | None = typer.Option(None, help="Omit to be asked (not echoed)."),
) -> None:
    """Create a user account."""
    with db_session() as session:
        officer_id = None
        if officer is not None:
            found = UserRepository(session).officer_by_ref(officer)
            if found is None:
                raise InvalidInput(
                    Problem(
                        rule="unknown_officer",
                        column="officer",
                        message=f"no officer with ref {officer}",
                    )
                )
            officer_id = found.id
        data = parse(
            UserCreate,
            {
                "username": username,
                "display_name": name,
                "role": role,
                "password": _password(password),
                "officer_id": officer_id,
                "team_id": team,
                "agency": agency,
                "locale": locale,
            },
        )
        user = service.create_user(session, data, principal=None, actor="cli:users add")
        console.print(f"Created {user.username} ({user.role.value}).")


@app.command("list")
@handle_errors
def list_users() -> None:
    """List user accounts."""
    with db_session() as session:
        repo = UserRepository(session)
        table = Table("username", "name", "role", "active", "locked until", "last login")
        for u in repo.all(repo.listing()):
            table.add_row(
                u.username,
                u.display_name,
                u.role.value,
                "yes" if u.active else "no",
                str(u.locked_until or ""),
                str(u.last_login_at or ""),
            )
        console.print(table)


@app.command("set-password")
@handle_errors
def set_password_cmd(
    username: str, password: str | None = typer.Option(None, help="Omit to be asked.")
) -> None:
    """Set a new password (also lifts a lockout and revokes the user's API tokens)."""
    with db_session() as session:
        user = UserRepository(session).find_by(username=username)
        if user is None:
            raise NotFound(f"no user {username}")
        service.update_user(
            session,
            user.id,
            parse(UserUpdate, {"password": _password(password), "unlock": True}),
            principal=None,
            now=datetime.now(UTC),
            actor="cli:users set-password",
        )
        console.print(f"Password of {username} changed.")


@app.command("token")
@handle_errors
def token(
    username: str,
    name: str = typer.Option("cli", help="What the token is for."),
    days: int = typer.Option(30, min=1, max=365, help="Days until it expires."),
) -> None:
    """Issue an API bearer token for a user and print it (shown only once)."""
    with db_session() as session:
        user = UserRepository(session).find_by(username=username)
        if user is None or not user.active:
            raise NotFound(f"no active user {username}")
        secret, _ = issue_token(
            session, user, name=name, now=datetime.now(UTC), ttl=timedelta(days=days)
        )
        console.print(secret, markup=False, highlight=False, soft_wrap=True)
