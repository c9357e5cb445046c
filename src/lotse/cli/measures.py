"""``lotse measures`` (the catalogue, funnels) and ``lotse eligibility`` (one client or a caseload).

:func:`register` adds these and the related groups (courses, recognition, not-integrable,
kooperationsplan) to the ``lotse`` command.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from lotse.cli._common import console, db_session, err_console, handle_errors, pct, progress
from lotse.cli._measures_common import build, client_for, key_values, today_or
from lotse.domain.eligibility import Decision, Eligibility
from lotse.errors import InvalidInput, Problem
from lotse.measures import catalogue
from lotse.measures import service as measures
from lotse.measures.batch import OUTPUT_COLUMNS, eligibility_batch
from lotse.measures.funnel import measure_funnel, write_chart
from lotse.measures.schemas import EligibilityParams

app = typer.Typer(
    help="The measure catalogue: list, show, load, add local measures, funnels.",
    no_args_is_help=True,
)

COLOURS = {
    Decision.ELIGIBLE: "green",
    Decision.ELIGIBLE_IF_SEATS: "yellow",
    Decision.NOT_ELIGIBLE: "red",
}


@app.command("list")
@handle_errors
def list_cmd() -> None:
    """Every measure eligibility knows: Lotse's catalogue and the Jobcenter's local measures."""
    with db_session() as session:
        table = Table("code", "Maßnahme", "Art", "Rechtsgrundlage", "lokal", "Regeln")
        for m in measures.definitions(session).values():
            table.add_row(
                m.code,
                m.name,
                m.kind.value,
                m.legal_basis,
                "ja" if m.local else "",
                str(len(m.rules)),
            )
        console.print(table)


@app.command("show")
@handle_errors
def show_cmd(code: str) -> None:
    """A measure's rules, each with its legal basis and notes ([U] = not verified)."""
    with db_session() as session:
        m = measures.definition(session, code)
    console.print(f"[bold]{m.name}[/] ({m.code}) — {m.legal_basis}")
    if m.description:
        console.print(m.description)
    table = Table("Regel", "Wirkung", "Begründung", "Rechtsgrundlage", "Hinweis")
    for r in m.rules:
        note = ("[U] " if r.unverified and not (r.note or "").startswith("[U]") else "") + (
            r.note or ""
        )
        table.add_row(r.id, r.effect.value, r.reason, r.legal_basis, note)
    console.print(table)


@app.command("load")
@handle_errors
def load_cmd() -> None:
    """Write Lotse's packaged catalogue to the database (new and changed measures)."""
    with db_session() as session:
        rows = measures.load_catalogue(session)
    console.print(f"{len(rows)} measures of Lotse's catalogue are in the database.")


@app.command("add")
@handle_errors
def add_cmd(
    file: Annotated[Path, typer.Argument(help="YAML or JSON catalogue file with local measures")],
    replace: Annotated[bool, typer.Option(help="update local measures that exist already")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="validate only, write nothing")
    ] = False,
) -> None:
    """Add the Jobcenter's own measures from a catalogue file (validated; all or nothing)."""
    entries = catalogue.load_file(file, local=True)
    if dry_run:
        console.print(f"{file.name}: {len(entries)} measure(s) valid; nothing written.")
        return
    with db_session() as session:
        rows = measures.add_local_measures(session, entries, replace=replace)
    console.print(
        f"{len(rows)} local measure(s) added or updated: " + ", ".join(r.code for r in rows)
    )


@app.command("funnel")
@handle_errors
def funnel_cmd(
    measure: Annotated[str, typer.Option("--measure", help="measure code, e.g. avgs_mat")],
    run: Annotated[int | None, typer.Option("--run", help="one run of the measure only")] = None,
    out: Annotated[Path | None, typer.Option(help="write the funnel as CSV (chart-ready)")] = None,
    chart: Annotated[Path | None, typer.Option(help="draw the funnel (PNG or SVG)")] = None,
) -> None:
    """Participants → internship → report at an event → hire, with women and shares."""
    with db_session() as session:
        rows = measure_funnel(session, measure, run)
        name = measures.definition(session, measure).name
    table = Table("Stufe", "Personen", "davon Frauen", "Anteil am Start", "Anteil an Vorstufe")
    for r in rows:
        table.add_row(
            r.label, str(r.count), str(r.women), _pct(r.share_of_start), _pct(r.share_of_previous)
        )
    console.print(f"[bold]{name}[/]" + (f" – Durchlauf {run}" if run else ""))
    console.print(table)
    if out is not None:
        with out.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(
                ["stage", "label", "count", "women", "share_of_start", "share_of_previous"]
            )
            for r in rows:
                writer.writerow(
                    [
                        r.stage,
                        r.label,
                        r.count,
                        r.women,
                        "" if r.share_of_start is None else r.share_of_start,
                        "" if r.share_of_previous is None else r.share_of_previous,
                    ]
                )
        console.print(f"Wrote {out}")
    if chart is not None:
        write_chart(rows, chart, title=name)
        console.print(f"Wrote {chart}")


def _pct(value: float | None) -> str:
    return pct(value, 0, none="")


def _print_answers(answers: list[Eligibility], *, decisive_only: bool) -> None:
    table = Table("Maßnahme", "Ergebnis", "Gründe (Rechtsgrundlage)")
    for a in answers:
        reasons = a.decisive if decisive_only else list(a.reasons)
        text = "\n".join(f"• {r}" + (" [U]" if r.unverified else "") for r in reasons)
        colour = COLOURS[a.decision]
        table.add_row(a.measure, f"[{colour}]{a.decision.label}[/]", text)
    console.print(table)


def eligibility_cmd(
    data: Annotated[
        Path | None, typer.Option("--data", help="exchange folder with clients.csv")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="CSV to write (with --data)")] = None,
    client: Annotated[str | None, typer.Option("--client", help="one client's id instead")] = None,
    measure: Annotated[
        list[str] | None, typer.Option("--measure", help="only these measures")
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="reference date (default: today)")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", help="request parameter name=value, e.g. duldung_months=7"),
    ] = None,
    params: Annotated[
        Path | None,
        typer.Option("--params", help="CSV with client_id and parameter columns (with --data)"),
    ] = None,
    all_reasons: Annotated[
        bool, typer.Option("--all-reasons", help="show notes and limits too")
    ] = False,
) -> None:
    """Which measures a client may join, why, and on what legal basis.

    With --data DIR --out FILE: every client of DIR/clients.csv × every measure as CSV
    (client_id, measure, decision, reasons).
    """
    when = today_or(on)
    common = build(EligibilityParams, **key_values(param)).to_domain()
    if (data is None) == (client is None):
        raise InvalidInput(
            Problem(
                "option",
                "give either --data DIR --out FILE or --client ID",
                column="--data/--client",
            )
        )
    with db_session() as session:
        known = measures.definitions(session)
        for code in measure or []:
            measures.definition(session, code)
        chosen = [known[c] for c in measure] if measure else list(known.values())
        if client is not None:
            person = client_for(session, client, "eligibility")
            answers = measures.eligibility_for_client(
                session, person, on=when, params=common, codes=[m.code for m in chosen]
            )
    if client is not None:
        console.print(f"[bold]{client}[/] am {when.isoformat()}")
        _print_answers(answers, decisive_only=not all_reasons)
        return
    assert data is not None
    if out is None:
        raise InvalidInput(Problem("option", "--out FILE is needed with --data", column="--out"))
    with progress() as bar:
        task = bar.add_task("Eligibility", total=None)
        summary = eligibility_batch(
            chosen,
            data,
            out,
            on=when,
            params_file=params,
            common=common,
            on_progress=lambda n: bar.advance(task, n),
        )
    for warning in summary.warnings:
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    counts = ", ".join(f"{Decision(k).label}: {v}" for k, v in sorted(summary.decisions.items()))
    console.print(
        f"{summary.clients} clients × {len(chosen)} measures = {summary.rows} rows "
        f"({', '.join(OUTPUT_COLUMNS)}) → {out}"
    )
    console.print(counts)


def register(root: typer.Typer) -> None:
    """Add the measures-related commands to the ``lotse`` command."""
    from lotse.cli import courses, kooperationsplan, not_integrable, recognition

    root.add_typer(app, name="measures")
    root.command("eligibility")(handle_errors(eligibility_cmd))
    root.add_typer(courses.app, name="courses")
    root.add_typer(recognition.app, name="recognition")
    root.add_typer(not_integrable.app, name="not-integrable")
    root.add_typer(kooperationsplan.app, name="kooperationsplan")
