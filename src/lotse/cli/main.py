"""The ``lotse`` command. Feature modules register their commands here."""

from __future__ import annotations

import typer

from lotse.cli import db, match

app = typer.Typer(
    name="lotse",
    help="Lotse: placement programmes for German Jobcenters.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(db.app, name="db")
app.add_typer(match.app, name="match")
