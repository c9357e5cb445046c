"""The ``lotse`` command. Feature modules register their commands here."""

from __future__ import annotations

import typer

from lotse.cli import (
    caseloads,
    contacts,
    controlling,
    db,
    demo,
    events,
    exchange,
    generate,
    match,
    plan,
    serve,
    users,
)
from lotse.cli import measures as measures_cli

app = typer.Typer(
    name="lotse",
    help="Lotse: placement programmes for German Jobcenters.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(db.app, name="db")
app.add_typer(caseloads.app, name="caseloads")
app.add_typer(plan.app, name="plan")
app.add_typer(contacts.app, name="contacts")
app.add_typer(events.app, name="events")
app.add_typer(match.app, name="match")
measures_cli.register(app)  # measures, eligibility, courses, recognition, ...
app.command("generate")(generate.generate_cmd)
app.command("figures")(controlling.figures)
app.command("report")(controlling.report)
app.command("import")(exchange.import_cmd)
app.command("export")(exchange.export_cmd)
app.add_typer(users.app, name="users")
app.command("serve")(serve.serve)
app.command("demo")(demo.demo)
