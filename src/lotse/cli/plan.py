"""``lotse plan``: plan a quarter (caseloads and contacts) and print its figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from lotse.cli._common import console, db_session, err_console, handle_errors, pct, solver_text
from lotse.controlling.report.fmt import number
from lotse.quarter.schemas import QuarterReport

CAUSES_DE = {
    "officer_left": "Fachkraft ausgeschieden",
    "site": "Standortwechsel",
    "programme": "Programmwechsel",
    "language": "Sprache",
    "overload": "Überlast",
    "make_room": "Platz für Sprachzuordnung",
    "balance": "Ausgleich",
}

app = typer.Typer(help="Plan caseloads and contacts for a period.", no_args_is_help=True)


@app.command("quarter")
@handle_errors
def quarter_cmd(
    start: str = typer.Option(..., "--from", help="first day of the quarter, e.g. 2026-01-01"),
    keep_caseloads: bool = typer.Option(
        False, "--keep-caseloads", help="plan contacts with the caseloads as they are"
    ),
    share: float = typer.Option(0.6, help="share of working time available for appointments"),
    regular_density: float = typer.Option(
        1 / 3, help="contacts a month for clients in no programme with a density"
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="print the figures, write nothing"),
    officers: bool = typer.Option(True, help="print the table of every officer"),
    chart: Annotated[
        Path | None, typer.Option(help="write a PNG chart of ratios and densities")
    ] = None,
    time_limit: float = typer.Option(20.0, help="solver time limit per pool, seconds"),
) -> None:
    """Allocate caseloads, plan the quarter's contacts, and print ratio, density and checks."""
    from lotse.quarter.service import plan_quarter

    first = date.fromisoformat(start)
    with db_session() as session:
        with err_console.status("Planning the quarter (caseloads, then contacts) ..."):
            report = plan_quarter(
                session,
                start=first,
                actor="cli:plan quarter",
                allocate=not keep_caseloads,
                share=share,
                regular_density=regular_density,
                time_limit_s=time_limit,
            )
        print_report(report, officers=officers)
        if chart is not None:
            from lotse.quarter.chart import quarter_chart

            quarter_chart(report, chart)
            console.print(f"Chart: {chart}")
        if dry_run:
            session.rollback()
            console.print("[yellow]Dry run: nothing was written.[/]")


def print_report(report: QuarterReport, *, officers: bool = True) -> None:
    console.rule(f"Quartal {report.start:%d.%m.%Y} – {report.end:%d.%m.%Y}")
    name_of = {d.programme: d.name for d in report.density}

    def programme(code: str | None) -> str:
        return "Regelbetreuung" if code is None else name_of.get(code, code)

    pools = Table(title="Betreuungsschlüssel je Standort und Programm")
    for col in ("Standort", "Programm", "Ziel", "Fachkräfte", "Kund:innen", "Ist 1:x", "über Ziel"):
        pools.add_column(
            col, justify="right" if col not in ("Standort", "Programm", "Ziel") else "left"
        )
    for p in report.pools:
        pools.add_row(
            p.site,
            programme(p.programme),
            p.target,
            number(p.officers),
            number(p.clients),
            number(p.ratio),
            str(p.officers_over_target),
        )
    console.print(pools)
    if officers:
        table = Table(title="Schlüssel je Fachkraft gegen Ziel")
        for col in (
            "Fachkraft",
            "Standort",
            "Programm",
            "Std.",
            "Kund:innen",
            "Ist 1:x",
            "Ziel 1:x",
            "Auslastung",
        ):
            table.add_column(
                col, justify="left" if col in ("Fachkraft", "Standort", "Programm") else "right"
            )
        for o in report.officers:
            style = "red" if o.utilisation > 1.0 else None
            table.add_row(
                o.officer,
                o.site,
                programme(o.programme),
                number(o.weekly_hours, 0 if o.weekly_hours == int(o.weekly_hours) else 1),
                number(o.clients),
                number(o.ratio),
                number(o.target_ratio),
                pct(o.utilisation, 0),
                style=style,
            )
        console.print(table)
    dens = Table(title="Kontaktdichte je Programm (Kontakte je Kund:in und Monat)")
    for col in ("Programm", "Kund:innen", "Kontakte", "Ziel", "erreicht", "in %", "unter Ziel"):
        dens.add_column(col, justify="left" if col == "Programm" else "right")
    for d in report.density:
        reached = pct(d.reached / d.target, 0) if d.target else "–"
        dens.add_row(
            d.name,
            number(d.clients),
            number(d.contacts),
            number(d.target, 2),
            number(d.reached, 2),
            reached,
            number(d.clients_below_target),
        )
    console.print(dens)
    c = report.contacts
    cal = report.calendar
    n = number
    console.print(
        f"Termine neu geplant: {n(c.contacts_planned)}  |  nicht planbar (Kapazität): "
        f"{n(c.contacts_missed)}  |  Kund:innen ohne Fachkraft: {n(c.clients_without_officer)}"
    )
    console.print(
        f"Prüfung aller {n(cal.appointments)} Termine im Quartal: an Wochenenden "
        f"{n(cal.on_weekends)}, an Feiertagen {n(cal.on_public_holidays)}, "
        f"an Abwesenheitstagen {n(cal.on_absence_days)}"
    )
    if report.reassignment_causes:
        causes = report.reassignment_causes.items()
        console.print(
            "Umverteilungen nach Grund: "
            + ", ".join(f"{CAUSES_DE.get(k, k)} {n(v)}" for k, v in causes)
        )
    for example in cal.examples:
        console.print(f"  [red]{example}[/]")
    console.print(
        f"Umverteilungen: {n(report.reassignments)}  |  Erstzuweisungen: "
        f"{n(report.first_assignments)}  |  ohne Fachkraft: {n(report.unplaced)}"
        f"  |  Solver: {solver_text(report.solver_status, report.solver_gap)}"
    )
