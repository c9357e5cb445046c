"""``lotse courses``: course runs with seats, enrolment and waiting lists, how participation went,
and the language pathway of a client."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from lotse.cli._common import console, db_session, handle_errors
from lotse.cli._measures_common import (
    NoteOption,
    OnOption,
    build,
    client_for,
    key_values,
    site_id,
    today_or,
)
from lotse.domain.codes import IntegrationKind
from lotse.domain.measure_codes import LanguageLevelSource
from lotse.measures import courses, participation
from lotse.measures.repository import lookup_employer
from lotse.measures.schemas import (
    Completion,
    DropOut,
    EligibilityParams,
    EnrolmentCreate,
    ExamResult,
    HireCreate,
    InternshipCreate,
    LanguageLevelCreate,
    Presentation,
    RunCreate,
    RunRead,
)
from lotse.models import Client

app = typer.Typer(
    help="Course runs, seats, waiting lists, participation and language pathways.",
    no_args_is_help=True,
)


def _runs_table(runs: list[RunRead]) -> Table:
    table = Table(
        "Durchlauf",
        "Maßnahme",
        "Titel",
        "Träger",
        "Beginn",
        "Niveau",
        "Plätze",
        "belegt",
        "frei",
        "Warteliste",
    )
    for r in runs:
        level = f"{r.entry_level or ''}→{r.target_level or ''}" if r.entry_level else ""
        table.add_row(
            str(r.id),
            r.measure_code,
            r.title or "",
            r.provider or "",
            r.starts_on.isoformat() if r.starts_on else "",
            level,
            str(r.seats),
            str(r.taken),
            str(r.free),
            str(r.waiting),
        )
    return table


@app.command("add")
@handle_errors
def add_cmd(
    measure: Annotated[str, typer.Option(help="measure code, e.g. integrationskurs")],
    seats: Annotated[int, typer.Option(help="number of seats (≥ 0)")],
    title: Annotated[str | None, typer.Option()] = None,
    provider: Annotated[str | None, typer.Option(help="Träger")] = None,
    site: Annotated[str | None, typer.Option(help="site name")] = None,
    starts_on: Annotated[str | None, typer.Option("--starts-on")] = None,
    ends_on: Annotated[str | None, typer.Option("--ends-on")] = None,
    entry_level: Annotated[
        str | None, typer.Option("--entry-level", help="CEFR level, e.g. A2")
    ] = None,
    target_level: Annotated[
        str | None, typer.Option("--target-level", help="CEFR level, e.g. B1")
    ] = None,
) -> None:
    """A new run of a measure (e.g. an integration course at a provider) with its seats."""
    with db_session() as session:
        data = build(
            RunCreate,
            measure=measure,
            seats=seats,
            title=title,
            provider=provider,
            site_id=site_id(session, site),
            starts_on=starts_on,
            ends_on=ends_on,
            entry_level=entry_level,
            target_level=target_level,
        )
        run = courses.create_run(session, data)
        console.print(_runs_table(courses.run_overviews(session, [run])))


@app.command("list")
@handle_errors
def list_cmd(
    measure: Annotated[str | None, typer.Option(help="only runs of this measure")] = None,
) -> None:
    """Runs with seats taken, free and the length of the waiting list."""
    with db_session() as session:
        console.print(_runs_table(courses.list_runs(session, measure)))


@app.command("enrol")
@handle_errors
def enrol_cmd(
    client: Annotated[str, typer.Argument(help="client id")],
    run: Annotated[int, typer.Argument(help="run id")],
    on: OnOption = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", help="name=value, e.g. discretionary_duldung=true"),
    ] = None,
    override: Annotated[
        str | None,
        typer.Option(help="officer's reason to enrol a client the rules find not eligible"),
    ] = None,
) -> None:
    """Enrol a client after the eligibility check: a free seat, or the waiting list."""
    with db_session() as session:
        person = client_for(session, client, "courses enrol")
        data = build(
            EnrolmentCreate,
            run_id=run,
            on=today_or(on),
            override_reason=override,
            params=build(EligibilityParams, **key_values(param)),
        )
        result = courses.enrol(session, person, data)
        p = result.participation
        where = (
            f"Warteliste Platz {result.waiting_position}"
            if result.waiting_position
            else "Platz reserviert"
        )
        console.print(f"Teilnahme {p.id}: {client} → Durchlauf {run}: {where} ({p.decision})")


@app.command("waiting")
@handle_errors
def waiting_cmd(run: int) -> None:
    """The waiting list of a run, in order (entitled clients first)."""
    with db_session() as session:
        table = Table("Platz", "Teilnahme", "Klient/in", "Entscheidung", "seit")
        for i, p in enumerate(courses.waiting_list(session, run), 1):
            c = session.get(Client, p.client_id)
            table.add_row(
                str(i),
                str(p.id),
                c.ref if c else "?",
                p.decision or "",
                p.created_at.date().isoformat(),
            )
        console.print(table)


def _done(message: str) -> None:
    console.print(message)


@app.command("start")
@handle_errors
def start_cmd(participation_id: int, on: OnOption = None) -> None:
    """The client begins the measure."""
    with db_session() as session:
        p = courses.start(session, participation_id, today_or(on))
    _done(f"Teilnahme {p.id} begonnen am {p.start}")


@app.command("complete")
@handle_errors
def complete_cmd(
    participation_id: int,
    on: OnOption = None,
    level: Annotated[str | None, typer.Option(help="exam result, CEFR level")] = None,
) -> None:
    """The client finished the measure (with the exam level of a language course)."""
    with db_session() as session:
        p = participation.complete(
            session, participation_id, build(Completion, on=today_or(on), level_reached=level)
        )
    _done(
        f"Teilnahme {p.id} abgeschlossen am {p.end}"
        + (f", erreicht {p.level_reached}" if p.level_reached else "")
    )


@app.command("exam")
@handle_errors
def exam_cmd(
    participation_id: int,
    level: Annotated[str, typer.Option()],
    on: OnOption = None,
) -> None:
    """The CEFR level reached in the exam of a language course."""
    with db_session() as session:
        p = participation.record_exam(
            session, participation_id, build(ExamResult, level=level, on=today_or(on))
        )
    _done(f"Teilnahme {p.id}: Prüfung {p.level_reached} am {p.exam_on}")


@app.command("drop")
@handle_errors
def drop_cmd(
    participation_id: int,
    reason: Annotated[str, typer.Option()],
    on: OnOption = None,
) -> None:
    """The client broke the measure off; the next one waiting gets the seat."""
    with db_session() as session:
        promoted = participation.drop_out(
            session, participation_id, build(DropOut, on=today_or(on), reason=reason)
        )
    _done(
        f"Teilnahme {participation_id} abgebrochen; nachgerückt: "
        + (", ".join(str(p.id) for p in promoted) or "niemand")
    )


@app.command("withdraw")
@handle_errors
def withdraw_cmd(participation_id: int, reason: Annotated[str, typer.Option()]) -> None:
    """Take a client off the waiting list or a reserved seat before the start."""
    with db_session() as session:
        promoted = courses.withdraw(session, participation_id, reason)
    _done(
        f"Teilnahme {participation_id} zurückgezogen; nachgerückt: "
        + (", ".join(str(p.id) for p in promoted) or "niemand")
    )


@app.command("internship")
@handle_errors
def internship_cmd(
    participation_id: int,
    employer: Annotated[str, typer.Option(help="employer id")],
    start: Annotated[str, typer.Option()],
    end: Annotated[str, typer.Option()],
    param: Annotated[
        list[str] | None, typer.Option("--param", help="name=value, e.g. serious_obstacles=true")
    ] = None,
) -> None:
    """An internship at an employer, checked against § 45 Abs. 2, 8 SGB III."""
    with db_session() as session:
        firm = lookup_employer(session, employer)
        data = build(
            InternshipCreate,
            employer_id=firm.id,
            start=start,
            end=end,
            params=build(EligibilityParams, **key_values(param)),
        )
        p = participation.record_internship(session, participation_id, data)
    _done(f"Teilnahme {p.id}: Praktikum bei {employer} {p.internship_start} – {p.internship_end}")


@app.command("presented")
@handle_errors
def presented_cmd(
    participation_id: int,
    on: OnOption = None,
    event: Annotated[int | None, typer.Option(help="employer event id")] = None,
) -> None:
    """The participant reported on the internship at an event."""
    with db_session() as session:
        p = participation.record_presentation(
            session, participation_id, build(Presentation, on=today_or(on), event_id=event)
        )
    _done(f"Teilnahme {p.id}: Bericht am {p.presented_on}")


@app.command("hired")
@handle_errors
def hired_cmd(
    participation_id: int,
    employer: Annotated[str, typer.Option(help="employer id")],
    on: OnOption = None,
    kind: Annotated[IntegrationKind, typer.Option()] = IntegrationKind.EMPLOYMENT,
    gross: Annotated[float | None, typer.Option(help="monthly gross wage in EUR")] = None,
) -> None:
    """The participant was hired: a job start linked to the participation."""
    with db_session() as session:
        firm = lookup_employer(session, employer)
        job = participation.record_hire(
            session,
            participation_id,
            build(
                HireCreate, on=today_or(on), employer_id=firm.id, kind=kind, monthly_gross_eur=gross
            ),
        )
    _done(f"Teilnahme {participation_id}: Einstellung am {job.start} ({job.kind.value})")


@app.command("level")
@handle_errors
def level_cmd(
    client: str,
    level: Annotated[str, typer.Option(help="CEFR level A0–C2")],
    on: OnOption = None,
    source: Annotated[LanguageLevelSource, typer.Option()] = LanguageLevelSource.PLACEMENT_TEST,
    note: NoteOption = None,
) -> None:
    """Record a German level from a placement test, certificate or the officer's estimate."""
    with db_session() as session:
        person = client_for(session, client, "courses level", read=False)
        record = participation.record_level(
            session,
            person,
            build(
                LanguageLevelCreate, level=level, recorded_on=today_or(on), source=source, note=note
            ),
        )
    _done(f"{client}: {record.level} am {record.recorded_on} ({record.source.value})")


@app.command("pathway")
@handle_errors
def pathway_cmd(client: str) -> None:
    """The German levels of a client over time (A1 → B1 → B2)."""
    with db_session() as session:
        person = client_for(session, client, "courses pathway")
        path = participation.pathway(session, person)
    table = Table("Datum", "Niveau", "Quelle", "Maßnahme")
    for step in path.steps:
        table.add_row(
            step.recorded_on.isoformat(), step.level.value, step.source.value, step.measure or ""
        )
    console.print(f"[bold]{client}[/]: {path.text or 'kein Niveau erfasst'}")
    console.print(table)
