"""``lotse events``: employer events from creation to the funnel report."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Annotated

import typer
from rich.table import Table

from lotse.cli._common import console, db_session, handle_errors, pct
from lotse.domain.codes import EventKind, InvitationResult

app = typer.Typer(help="Employer events, invitations and their funnel.", no_args_is_help=True)
ACTOR = "cli:events"


@app.command("create")
@handle_errors
def create_cmd(
    kind: EventKind,
    title: str,
    starts_at: str = typer.Option(..., help="ISO time with offset, e.g. 2026-05-12T09:00+02:00"),
    vacancy: Annotated[list[int] | None, typer.Option(help="vacancy id (repeatable)")] = None,
    capacity: int | None = None,
    audience: str = typer.Option("{}", help='invitation list, e.g. {"citizenship_in": ["UA"]}'),
    audience_note: str | None = typer.Option(None, help="who decided the list and why"),
) -> None:
    """Create an event with vacancies and (optionally) the organiser's invitation list."""
    from lotse.events.schemas import EventCreate
    from lotse.events.service import create_event

    data = EventCreate(
        kind=kind,
        title=title,
        starts_at=datetime.fromisoformat(starts_at),
        vacancy_ids=vacancy or [],
        capacity=capacity,
        audience=json.loads(audience),
        audience_note=audience_note,
    )
    with db_session() as session:
        event = create_event(session, data, actor=ACTOR)
        console.print(f"Veranstaltung {event.id} angelegt: {event.title}")


@app.command("invite-top")
@handle_errors
def invite_top_cmd(event_id: int, count: int, on: str | None = None) -> None:
    """Invite the COUNT best candidates (organiser's list, eligible, ranked with reasons)."""
    from lotse.events.service import invite_top

    with db_session() as session:
        invitations = invite_top(
            session, event_id, count, actor=ACTOR, on=date.fromisoformat(on) if on else date.today()
        )
        console.print(f"{len(invitations)} Einladungen verschickt.")


@app.command("attend")
@handle_errors
def attend_cmd(event_id: int, client_ids: list[int]) -> None:
    """Record who came; every other invited client is recorded as not having come."""
    from lotse.events.service import record_attendance

    with db_session() as session:
        console.print(dict(record_attendance(session, event_id, client_ids, actor=ACTOR)))


@app.command("result")
@handle_errors
def result_cmd(
    invitation_id: int, result: InvitationResult, on: str, job_start: bool = False
) -> None:
    """Record what an invitation led to (internship, hire, nothing)."""
    from lotse.events.service import record_result

    with db_session() as session:
        record_result(
            session,
            invitation_id,
            result,
            on=date.fromisoformat(on),
            actor=ACTOR,
            job_start=job_start,
        )


@app.command("funnel")
@handle_errors
def funnel_cmd(event_ids: list[int]) -> None:
    """The funnel of one or more events: invited → came → internship or hire → hire."""
    from lotse.events.service import funnel

    with db_session() as session:
        report = funnel(session, event_ids)
    table = Table(
        title=f"Trichter: {report.title}" + (f" ({report.audience})" if report.audience else "")
    )
    table.add_column("Stufe")
    table.add_column("Personen", justify="right")
    table.add_column("Anteil", justify="right")
    for stage, count in report.stages:
        share = pct(count / report.invited, 0) if report.invited else "–"
        table.add_row(stage, str(count), share)
    console.print(table)
    console.print(
        f"abgesagt {report.declined}, nicht gekommen {report.no_show}, "
        f"ohne Ergebnis {report.nothing}, Ergebnis offen {report.open}"
    )
