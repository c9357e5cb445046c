"""``lotse not-integrable``: coded "not integrable now" assessments and their reviews."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from lotse.cli._common import console, db_session, handle_errors, pct
from lotse.cli._measures_common import (
    NoteOption,
    OnOption,
    SiteOption,
    build,
    client_for,
    site_id,
    today_or,
)
from lotse.domain.codes import NotIntegrableReason
from lotse.not_integrable import service
from lotse.not_integrable.schemas import AssessmentClose, AssessmentCreate, AssessmentReview

app = typer.Typer(
    help="'Derzeit nicht integrierbar': coded reasons, review dates, overdue reviews.",
    no_args_is_help=True,
)

REASONS = {
    "language": "Sprache",
    "health": "Gesundheit",
    "childcare": "Kinderbetreuung",
    "care_of_relatives": "Pflege von Angehörigen",
    "residence_status": "Aufenthaltsstatus",
    "other": "Sonstiges",
}


@app.command("assess")
@handle_errors
def assess_cmd(
    client: str,
    reason: Annotated[NotIntegrableReason, typer.Option()],
    on: OnOption = None,
    review_on: Annotated[
        str | None, typer.Option("--review-on", help="default: in six months")
    ] = None,
    note: NoteOption = None,
) -> None:
    """Record that a client is not integrable now, why, and when to look again."""
    with db_session() as session:
        person = client_for(session, client, "not-integrable assess", read=False)
        a = service.assess(
            session,
            person,
            build(
                AssessmentCreate,
                reason=reason,
                assessed_on=today_or(on),
                review_on=review_on,
                note=note,
            ),
        )
    console.print(
        f"Einschätzung {a.id}: {client} derzeit nicht integrierbar "
        f"({REASONS[a.reason.value]}), Überprüfung am {a.review_on}"
    )


@app.command("review")
@handle_errors
def review_cmd(
    assessment: int,
    next_review: Annotated[str, typer.Option("--next")],
    on: OnOption = None,
    note: NoteOption = None,
) -> None:
    """Reviewed, still not integrable: set the next review date."""
    with db_session() as session:
        a = service.review(
            session,
            assessment,
            build(
                AssessmentReview, reviewed_on=today_or(on), next_review_on=next_review, note=note
            ),
        )
    console.print(f"Einschätzung {a.id}: nächste Überprüfung am {a.review_on}")


@app.command("close")
@handle_errors
def close_cmd(
    assessment: int,
    on: OnOption = None,
    note: NoteOption = None,
) -> None:
    """The reason no longer holds."""
    with db_session() as session:
        a = service.close(session, assessment, build(AssessmentClose, on=today_or(on), note=note))
    console.print(f"Einschätzung {a.id} beendet am {a.closed_on}")


@app.command("overdue")
@handle_errors
def overdue_cmd(on: OnOption = None, site: SiteOption = None) -> None:
    """Assessments whose review date has passed."""
    with db_session() as session:
        rows = service.overdue(session, on=today_or(on), site_id=site_id(session, site))
    table = Table("Einschätzung", "Klient/in", "Grund", "seit", "Überprüfung fällig", "überfällig")
    for r in rows:
        a = r.assessment
        table.add_row(
            str(a.id),
            r.client_ref,
            REASONS[a.reason.value],
            a.assessed_on.isoformat(),
            a.review_on.isoformat(),
            f"[red]{r.days_overdue} Tage[/]",
        )
    console.print(table)
    console.print(f"{len(rows)} überfällige Überprüfungen")


@app.command("summary")
@handle_errors
def summary_cmd(
    on: OnOption = None,
    site: SiteOption = None,
    programme: Annotated[str | None, typer.Option(help="e.g. focus_group")] = None,
) -> None:
    """Active clients not integrable now, by reason."""
    with db_session() as session:
        s = service.summary(
            session, on=today_or(on), site_id=site_id(session, site), programme=programme
        )
    table = Table("Grund", "Personen", "Anteil an aktiven")
    for r in s.by_reason:
        table.add_row(
            REASONS[r.reason.value],
            str(r.clients),
            pct(r.share_of_active, none=""),
        )
    console.print(table)
    share = "" if s.share is None else f" ({pct(s.share)})"
    console.print(
        f"{s.not_integrable_clients} von {s.active_clients} aktiven Personen derzeit "
        f"nicht integrierbar{share}"
    )
