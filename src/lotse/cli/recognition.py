"""``lotse recognition``: recognition procedures (BQFG) as tracked steps with deadlines."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from lotse.cli._common import console, db_session, handle_errors
from lotse.cli._measures_common import OnOption, SiteOption, build, client_for, site_id, today_or
from lotse.domain.measure_codes import RecognitionOutcome
from lotse.recognition import service
from lotse.recognition.schemas import (
    Application,
    DocumentsComplete,
    Extension,
    RecognitionCreate,
    RecognitionDecision,
    RecognitionStatus,
)

app = typer.Typer(
    help="Recognition of foreign qualifications: steps and the 3-month deadline.",
    no_args_is_help=True,
)

STEPS = {
    "application": "Antrag stellen",
    "documents": "Unterlagen vervollständigen",
    "decision": "Entscheidung der zuständigen Stelle",
    "decided": "entschieden",
}


def _table(rows: list[RecognitionStatus]) -> Table:
    table = Table(
        "Verfahren",
        "Klient/in",
        "Referenzberuf",
        "nächster Schritt",
        "fällig am",
        "überfällig",
        "Ergebnis",
    )
    for s in rows:
        p = s.procedure
        table.add_row(
            str(p.id),
            s.client_ref,
            p.profession,
            STEPS[s.next_step],
            s.due_on.isoformat() if s.due_on else "",
            f"[red]{s.days_overdue} Tage[/]" if s.overdue else "",
            p.outcome.value if p.outcome else "",
        )
    return table


@app.command("start")
@handle_errors
def start_cmd(
    client: str,
    profession: Annotated[str, typer.Option(help="German reference occupation (Referenzberuf)")],
    kldb: Annotated[
        str | None, typer.Option(help="KldB 2010 code of the reference occupation")
    ] = None,
    regulated: Annotated[bool | None, typer.Option("--regulated/--not-regulated")] = None,
    authority: Annotated[str | None, typer.Option(help="zuständige Stelle")] = None,
    counselled_on: Annotated[
        str | None, typer.Option("--counselled-on", help="IQ counselling")
    ] = None,
    applied_on: Annotated[str | None, typer.Option("--applied-on")] = None,
) -> None:
    """Open a recognition procedure for a client."""
    with db_session() as session:
        person = client_for(session, client, "recognition start", read=False)
        p = service.start(
            session,
            person,
            build(
                RecognitionCreate,
                profession=profession,
                kldb=kldb,
                regulated=regulated,
                authority=authority,
                counselled_on=counselled_on,
                applied_on=applied_on,
            ),
        )
    console.print(f"Anerkennungsverfahren {p.id} für {client} ({p.profession})")


@app.command("apply")
@handle_errors
def apply_cmd(procedure: int, on: OnOption = None) -> None:
    """The application was filed."""
    with db_session() as session:
        p = service.apply(session, procedure, build(Application, on=today_or(on)))
    console.print(f"Verfahren {p.id}: Antrag am {p.applied_on}")


@app.command("documents")
@handle_errors
def documents_cmd(procedure: int, on: OnOption = None) -> None:
    """The documents are complete: the decision is due within three months (§ 6 Abs. 3 BQFG)."""
    with db_session() as session:
        p = service.documents_complete(
            session, procedure, build(DocumentsComplete, on=today_or(on))
        )
    console.print(
        f"Verfahren {p.id}: Unterlagen vollständig am {p.documents_complete_on}, "
        f"Entscheidung fällig bis {p.decision_due_on}"
    )


@app.command("extend")
@handle_errors
def extend_cmd(
    procedure: int, to: Annotated[str, typer.Option()], reason: Annotated[str, typer.Option()]
) -> None:
    """Extend the decision deadline once."""
    with db_session() as session:
        p = service.extend(session, procedure, build(Extension, to=to, reason=reason))
    console.print(f"Verfahren {p.id}: Frist verlängert bis {p.deadline_extended_to}")


@app.command("decide")
@handle_errors
def decide_cmd(
    procedure: int,
    outcome: Annotated[RecognitionOutcome, typer.Option()],
    on: OnOption = None,
    adaptation: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Record the decision (full, partial, refused) or a withdrawal."""
    with db_session() as session:
        p = service.decide(
            session,
            procedure,
            build(RecognitionDecision, on=today_or(on), outcome=outcome, adaptation=adaptation),
        )
    console.print(f"Verfahren {p.id}: {p.outcome.value if p.outcome else ''} am {p.decided_on}")


@app.command("list")
@handle_errors
def list_cmd(
    client: Annotated[str | None, typer.Option()] = None,
    open_only: Annotated[bool, typer.Option("--open", help="undecided only")] = False,
    on: OnOption = None,
) -> None:
    """Procedures with their next step and deadline."""
    with db_session() as session:
        person = client_for(session, client, "recognition list") if client else None
        rows = service.procedures(session, on=today_or(on), client=person, open_only=open_only)
    console.print(_table(rows))


@app.command("overdue")
@handle_errors
def overdue_cmd(on: OnOption = None, site: SiteOption = None) -> None:
    """Procedures whose decision deadline has passed."""
    with db_session() as session:
        rows = service.overdue(session, on=today_or(on), site_id=site_id(session, site))
    console.print(_table(rows))
    console.print(f"{len(rows)} überfällige Verfahren")
