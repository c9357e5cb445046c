"""``lotse db``: schema migrations."""

from __future__ import annotations

import typer

from lotse.cli._common import console, database_url, handle_errors
from lotse.db.engine import get_engine
from lotse.db.migrate import current_revision, upgrade

app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)


@app.command("upgrade")
@handle_errors
def upgrade_cmd(revision: str = typer.Argument("head")) -> None:
    """Bring the database to the newest schema (or to REVISION)."""
    engine = get_engine(database_url())
    upgrade(engine, revision)
    console.print(
        f"Schema at revision {current_revision(engine)} ({engine.url.render_as_string()})"
    )


@app.command("current")
@handle_errors
def current_cmd() -> None:
    """Print the schema revision of the database."""
    console.print(current_revision(get_engine(database_url())) or "empty database")
